// Observation ingest through the real HTTP API (a listening server, batches of 1,000 rows, each an
// atomic transaction with validation, version allocation under locks, idempotency record and audit
// entry) against a raw `COPY … FROM STDIN` of the same rows into a scratch table, in the same run on
// the same PostgreSQL. Needs DATABASE_URL or BENCH_DATABASE_URL; skips with a message otherwise.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { contextFor } from '../src/app-context.ts';
import { connectDatabase } from '../src/db/connect-database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildServer } from '../src/http/build-server.ts';
import { parsePeriod } from '../src/domain/periods/period.ts';
import { seedObservationFixtures } from '../src/testing/observation-fixtures.ts';
import { createToken } from '../src/use-cases/tokens/create-token.ts';
import type { Benchmark, BenchResult } from './harness.ts';

const BATCH = 1_000;
const BATCHES = Number(process.env.BENCH_INGEST_BATCHES ?? 20);

function rows(count: number) {
  const periods: string[] = [];
  for (let y = 1900; y <= 2200; y++) {
    periods.push(String(y), `${y}-H1`, `${y}-H2`);
    for (let q = 1; q <= 4; q++) periods.push(`${y}-Q${q}`);
    for (let m = 1; m <= 12; m++) periods.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  const out: { indicator: string; unit: string; period: string; value: number }[] = [];
  for (const indicator of ['DN_SO', 'DVC_TT']) for (const unit of ['P_VT', 'P_HK', 'P_VT_VH']) for (const period of periods) {
    if (out.length < count) out.push({ indicator, unit, period, value: Math.round(Math.random() * 1e6) / 100 });
  }
  return out;
}

async function admin<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const bench: Benchmark = {
  title: 'Observation ingest via the API vs raw COPY (PostgreSQL)',
  async run(): Promise<BenchResult[]> {
    const serverUrl = process.env.DATABASE_URL ?? process.env.BENCH_DATABASE_URL;
    if (!serverUrl) {
      console.log('  skipped: set DATABASE_URL or BENCH_DATABASE_URL to a PostgreSQL server');
      return [];
    }
    const name = `theodoi_bench_${randomBytes(4).toString('hex')}`;
    await admin(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const handle = await connectDatabase({ url: url.toString() });
    try {
      await migrateToLatest(handle.db);
      const ctx = contextFor(handle);
      await seedObservationFixtures(ctx);
      const { token } = await createToken(ctx, 'bench', { unit: 'HN', role: 'system_admin' });
      const all = rows(BATCH * (BATCHES + 1));
      const data = all.slice(0, BATCH * BATCHES);
      const warmup = all.slice(BATCH * BATCHES);

      // ── Ours: sequential batches of 1,000 through a listening server ──
      const app = await buildServer(ctx);
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as AddressInfo;
      const post = async (slice: typeof data, source: string) => {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/observations`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `${source}` },
          body: JSON.stringify({ source: 'bench', observations: slice }),
        });
        if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
      };
      // Warm up (connections, JIT) on cells the measured batches do not touch.
      await post(warmup, 'warmup');
      const apiStart = performance.now();
      for (let b = 0; b < BATCHES; b++) await post(data.slice(b * BATCH, (b + 1) * BATCH), `batch-${b}`);
      const apiMs = performance.now() - apiStart;
      await app.close();

      // ── Baseline: COPY of the same rows (ids and period dates resolved beforehand) ──
      const ids = await admin(url.toString(), async (c) => {
        const units = await c.query<{ code: string; id: number }>('select code, id from units');
        const indicators = await c.query<{ code: string; id: number }>('select code, id from indicators');
        await c.query(`create table bench_copy_observations (indicator_id int, unit_id int, period text, period_start date,
          period_end date, version int, value numeric, origin text, source text, actor text, recorded_at timestamptz default now())`);
        return { units: new Map(units.rows.map((r) => [r.code, r.id])), indicators: new Map(indicators.rows.map((r) => [r.code, r.id])) };
      });
      const csv = data.map((r) => {
        const p = parsePeriod(r.period);
        return `${ids.indicators.get(r.indicator)},${ids.units.get(r.unit)},${r.period},${p?.start},${p?.end},1,${r.value},system,bench,token:1\n`;
      });
      const copyMs = await admin(url.toString(), async (c) => {
        const start = performance.now();
        const stream = c.query(copyFrom('copy bench_copy_observations (indicator_id, unit_id, period, period_start, period_end, version, value, origin, source, actor) from stdin with (format csv)'));
        await pipeline(Readable.from(csv), stream);
        return performance.now() - start;
      });

      const total = BATCH * BATCHES;
      return [
        {
          name: `ingest through POST /api/v1/observations (${BATCHES} sequential batches of ${BATCH})`,
          value: (total * 1000) / apiMs,
          unit: 'rows/s',
          baselineName: 'raw COPY FROM STDIN (pg-copy-streams, same rows)',
          baselineValue: (total * 1000) / copyMs,
          higherIsBetter: true,
          notes: { 'API ms per batch of 1,000': apiMs / BATCHES, 'COPY ms total': copyMs, rows: total },
        },
      ];
    } finally {
      await handle.close();
      await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  },
};

export default bench;
