// The deadline day: the leader overview (GET /api/v1/overview) read at BENCH_LOAD_RATE requests/s
// (default 200) for BENCH_LOAD_SECONDS (default 30) WHILE wards submit — BENCH_WRITE_RATE observation
// batches/s (default 5) through the real ingest API (POST /api/v1/observations, audited, NOTIFY, the
// real-time engine re-evaluating what each batch touches) — against the same bytes from a static route
// in the same run, with no writes. Every write moves the change clock, so the kept overview is never
// fresh for long: what is measured is whether reads hold, and how far behind the writes the served
// answers were (the overview route's own record of each served body's age behind the first change it
// does not include: normally one recomputation, bounded by OVERVIEW_MAX_BEHIND_MS). PostgreSQL only (DATABASE_URL or
// BENCH_DATABASE_URL), national scale (≈3,400 units, 3,000 targets) as in overview-load.bench.ts.
import { loadavg } from 'node:os';
import { buildServer } from '../src/http/build-server.ts';
import { overviewStalenessFor } from '../src/http/routes/overview/index.ts';
import { testEngine } from '../src/testing/test-database.ts';
import { createToken } from '../src/use-cases/tokens/create-token.ts';
import { refreshScoreSnapshots } from '../src/use-cases/scores/refresh-score-snapshots.ts';
import { percentile, type Benchmark, type BenchResult } from './harness.ts';
import { overviewAndStaticTwin } from './overview-and-static-twin.ts';
import { offeredLoad } from './load-generator.ts';
import { benchServerUrl, createScoredCity, NATIONAL } from './scoring-fixture.ts';

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
const RATE = Number(process.env.BENCH_LOAD_RATE ?? 200);
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 64);
const WRITE_RATE = Number(process.env.BENCH_WRITE_RATE ?? 5);
const INDICATORS = ['DEMO_DVC_TRUC_TUYEN', 'DEMO_IHANOI_TAI_KHOAN', 'DEMO_KY_NANG_SO', 'DEMO_AI_SU_DUNG'];


const bench: Benchmark = {
  title: `Leader overview under ${RATE} requests/s for ${SECONDS} s while ${WRITE_RATE} observation batches/s are ingested (${testEngine}, national scale)`,
  async run(): Promise<BenchResult[]> {
    const serverUrl = benchServerUrl();
    if (!serverUrl) {
      console.log('  skipped: set DATABASE_URL or BENCH_DATABASE_URL to a PostgreSQL server');
      return [];
    }
    process.env.THEODOI_RATE_LIMIT_MAX = '0';
    const city = await createScoredCity(serverUrl, NATIONAL);
    await refreshScoreSnapshots(city.ctx, city.framework, '2026');
    const { ctx } = city;
    const unit = 'ROOT';
    const { token } = await createToken(ctx, 'bench', { unit, role: 'viewer', scopes: [] });
    const writer = await createToken(ctx, 'bench', { unit, role: 'system_admin' });
    const headers = { authorization: `Bearer ${token}` };
    const app = await buildServer(ctx);
    let closeTwin = () => Promise.resolve();
    try {
      const twin = await overviewAndStaticTwin(app, unit, headers);
      closeTwin = twin.closeTwin;
      const { address, url, staticUrl } = twin;

      const plain = await offeredLoad({ url: staticUrl, headers: {}, connections: CONNECTIONS, rate: RATE, seconds: SECONDS });

      // Writes at a fixed rate for the reads' whole run, each a batch of one ward's figure.
      const record = overviewStalenessFor(ctx.database);
      record.served = 0;
      record.behind = 0;
      record.ages.length = 0;
      let written = 0;
      let writeErrors = 0;
      const writeTimes: number[] = [];
      const pending: Promise<void>[] = [];
      const write = async (i: number) => {
        const t0 = performance.now();
        const ward = city.communes[(i * 7919) % city.communes.length] as string;
        try {
          const res = await fetch(`${address}/api/v1/observations`, {
            method: 'POST',
            headers: { authorization: `Bearer ${writer.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ source: 'bench', observations: [{ indicator: INDICATORS[i % INDICATORS.length], unit: ward, period: '2026-05', value: 100 - (i % 50) }] }),
          });
          await res.arrayBuffer();
          if (res.status === 200) written++;
          else writeErrors++;
        } catch {
          writeErrors++;
        }
        writeTimes.push(performance.now() - t0);
      };
      let n = 0;
      const timer = setInterval(() => pending.push(write(n++)), 1000 / WRITE_RATE);
      const ours = await offeredLoad({ url, headers, connections: CONNECTIONS, rate: RATE, seconds: SECONDS });
      clearInterval(timer);
      await Promise.all(pending);

      const row = (figures: { latencies: number[] }) => [50, 95, 99].map((q) => percentile(figures.latencies, q).toFixed(1)).join(' / ');
      const result = (p: number): BenchResult => ({
        name: `overview p${p} latency while ingesting`, value: percentile(ours.latencies, p), unit: 'ms',
        baselineName: `same bytes from a static route, p${p}`, baselineValue: percentile(plain.latencies, p), higherIsBetter: false,
        notes: p === 95 ? {
          'overview p50 / p95 / p99 ms': row(ours),
          'static p50 / p95 / p99 ms': row(plain),
          'overview requests / errors / non-2xx': `${ours.requests} / ${ours.errors} / ${ours.non2xx}`,
          'static requests / errors / non-2xx': `${plain.requests} / ${plain.errors} / ${plain.non2xx}`,
          'achieved rate, overview / static (req/s)': `${ours.rate.toFixed(0)} / ${plain.rate.toFixed(0)}`,
          'write batches accepted / failed': `${written} / ${writeErrors}`,
          'write (ingest) p50 / p95 ms': `${percentile(writeTimes, 50).toFixed(0)} / ${percentile(writeTimes, 95).toFixed(0)}`,
          'answers served behind new figures: count / p95 / max age (ms)':
            `${record.behind} of ${record.served} / ${record.ages.length ? percentile(record.ages, 95).toFixed(0) : 0} / ${record.ages.length ? Math.max(...record.ages).toFixed(0) : 0}`,
          'load average (1 min) at the end': loadavg()[0]?.toFixed(2) ?? '?',
          data: `${NATIONAL.name}, ${NATIONAL.targets} targets`,
        } : {},
      });
      return [result(50), result(95), result(99)];
    } finally {
      await closeTwin();
      await app.close();
      await city.drop();
    }
  },
};

export default bench;
