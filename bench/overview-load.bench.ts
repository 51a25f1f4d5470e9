// The leader overview (GET /api/v1/overview?unit=HN) under a steady load against a real server on the
// demo city, against the same bytes served by a route that does no work, in the same run: the ratio
// is what answering the overview costs over shipping its few kilobytes. autocannon offers a fixed
// rate (BENCH_LOAD_RATE requests/s, default 200) for BENCH_LOAD_SECONDS (default 30) to each, over
// BENCH_LOAD_CONNECTIONS (default 64), from a child process (load-generator.ts) so that the load
// generator does not share the server's event loop; latencies are every response's own time,
// percentiles from harness.ts. Runs on PGlite, or on the PostgreSQL named by DATABASE_URL. On PGlite, queries run in
// this process and resolve without waiting on I/O, so a request's whole answer runs before the next
// request is even read: requests are served one at a time and identical ones cannot share an answer.
// On PostgreSQL the data is the national-scale simulated country of the scoring benches (≈3,400 units,
// 3,000 targets, three years of monthly figures, scores stored), asked for by its root unit;
// BENCH_OVERVIEW_SCALE=demo (and PGlite always) uses the demo city instead. The answer is read from
// the stored snapshots and kept in memory, serialised with its ETag, per reader's visibility until a
// change is heard (the change clock); who the token stands for is kept the same way.
import { contextFor } from '../src/app-context.ts';
import { seedDemoIfEmpty } from '../src/use-cases/demo/seed-demo-if-empty.ts';
import { buildServer } from '../src/http/build-server.ts';
import { createTestDatabase, testEngine } from '../src/testing/test-database.ts';
import { createToken } from '../src/use-cases/tokens/create-token.ts';
import { getOverview } from '../src/use-cases/overview/get-overview.ts';
import { refreshScoreSnapshots } from '../src/use-cases/scores/refresh-score-snapshots.ts';
import type { AppContext } from '../src/app-context.ts';
import { percentile, type Benchmark, type BenchResult } from './harness.ts';
import { overviewAndStaticTwin } from './overview-and-static-twin.ts';
import { offeredLoad, type LoadFigures } from './load-generator.ts';
import { benchServerUrl, createScoredCity, NATIONAL } from './scoring-fixture.ts';

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
const RATE = Number(process.env.BENCH_LOAD_RATE ?? 200);
// Enough connections for the offered rate even when answers take a few hundred milliseconds (a
// closed loop of n connections cannot exceed n ÷ latency requests/s).
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 64);

/** A fixed request rate at `url` for SECONDS, offered from a process of its own. */
function load(url: string, headers: Record<string, string>): Promise<LoadFigures> {
  return offeredLoad({ url, headers, connections: CONNECTIONS, rate: RATE, seconds: SECONDS });
}

const bench: Benchmark = {
  title: `Leader overview under ${RATE} requests/s for ${SECONDS} s on ${testEngine}${benchServerUrl() && process.env.BENCH_OVERVIEW_SCALE !== 'demo' ? ', national scale' : ''}`,
  async run() {
    // One client address sends every request; the per-address limit (1200/min) would answer 429s,
    // and this measures serving, not limiting.
    process.env.THEODOI_RATE_LIMIT_MAX = '0';
    const serverUrl = benchServerUrl();
    const national = serverUrl !== null && process.env.BENCH_OVERVIEW_SCALE !== 'demo';
    let ctx: AppContext;
    let unit: string;
    let close: () => Promise<void>;
    if (national) {
      const city = await createScoredCity(serverUrl, NATIONAL);
      await refreshScoreSnapshots(city.ctx, city.framework, '2026');
      ({ ctx } = city);
      unit = 'ROOT';
      close = () => city.drop();
    } else {
      const database = await createTestDatabase();
      ctx = contextFor(database);
      await seedDemoIfEmpty(ctx);
      unit = 'HN';
      close = () => database.close();
    }
    const { token } = await createToken(ctx, 'bench', { unit, role: 'viewer', scopes: [] });
    const headers = { authorization: `Bearer ${token}` };
    const app = await buildServer(ctx);
    let closeTwin = () => Promise.resolve();
    try {
      const twin = await overviewAndStaticTwin(app, unit, headers);
      closeTwin = twin.closeTwin;
      const { url, staticUrl, body } = twin;

      // One answer computed without the cache, from the stored snapshots (what a change costs).
      const computed: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        await getOverview(ctx, { unit }, () => Promise.resolve(() => true));
        computed.push(performance.now() - t0);
      }

      // The baseline first: requests the overview leaves in flight when its run ends would still be
      // answered during the baseline's run and slow it.
      const plain = await load(staticUrl, {});
      const ours = await load(url, headers);
      const result = (p: number): BenchResult => ({
        name: `overview p${p} latency`, value: percentile(ours.latencies, p), unit: 'ms',
        baselineName: `same bytes from a static route, p${p}`, baselineValue: percentile(plain.latencies, p), higherIsBetter: false,
        notes: p === 50 ? {
          'overview p50 / p95 / p99 ms': [50, 95, 99].map((q) => percentile(ours.latencies, q).toFixed(1)).join(' / '),
          'static p50 / p95 / p99 ms': [50, 95, 99].map((q) => percentile(plain.latencies, q).toFixed(1)).join(' / '),
          'overview requests / errors / non-2xx': `${ours.requests} / ${ours.errors} / ${ours.non2xx}`,
          'static requests / errors / non-2xx': `${plain.requests} / ${plain.errors} / ${plain.non2xx}`,
          'achieved rate, overview / static (req/s)': `${ours.rate.toFixed(0)} / ${plain.rate.toFixed(0)}`,
          'answer size (bytes)': Buffer.byteLength(body),
          'one overview computed from the snapshots, uncached (ms, median of 5)': percentile(computed, 50).toFixed(0),
          connections: String(CONNECTIONS),
          engine: testEngine,
          data: national ? `${NATIONAL.name}, ${NATIONAL.targets} targets` : 'demo city',
        } : {},
      });
      return [result(50), result(95), result(99)];
    } finally {
      await closeTwin();
      await app.close();
      await close();
    }
  },
};

export default bench;
