// Latency from an observation write through the ingest use case (validated, versioned, audited,
// NOTIFY at commit) to the updated target status and rank being readable: the real-time engine
// hears the NOTIFY, re-evaluates the touched targets, scores and ranks, stores the snapshots and then
// emits the `rank` event we wait for. Baseline: a single-row select of that same snapshot row.
// At Hanoi scale (≈160 units, 300 targets, 3 years monthly) and national scale (≈3,400 units), on
// PostgreSQL (DATABASE_URL or BENCH_DATABASE_URL); skips with a message otherwise. Target: p95 < 1 s.
// BENCH_REALTIME_SCALE=hanoi or =national runs one scale only.
import { durations, percentile, type Benchmark, type BenchResult } from './harness.ts';
import type { LiveEvent } from '../src/realtime/event-bus.ts';
import { startRealtimeEngine } from '../src/realtime/realtime-engine.ts';
import { readScoreSnapshots, readTargetStatuses } from '../src/repositories/snapshots.repository.ts';
import { ingestObservations } from '../src/use-cases/observations/ingest-observations.ts';
import { refreshScoreSnapshots } from '../src/use-cases/scores/refresh-score-snapshots.ts';
import { benchServerUrl, createScoredCity, HANOI, NATIONAL, type Scale } from './scoring-fixture.ts';

const SAMPLES = Number(process.env.BENCH_REALTIME_SAMPLES ?? 30);

async function measure(serverUrl: string, scale: Scale): Promise<BenchResult> {
  const city = await createScoredCity(serverUrl, scale);
  const engine = await startRealtimeEngine(city.ctx);
  try {
    const t0 = performance.now();
    await refreshScoreSnapshots(city.ctx, city.framework, '2026');
    const fullMs = performance.now() - t0;
    const indicators = ['DEMO_DVC_TRUC_TUYEN', 'DEMO_IHANOI_TAI_KHOAN', 'DEMO_KY_NANG_SO', 'DEMO_AI_SU_DUNG'];
    let n = 0;
    const unitOf = (i: number) => city.communes[(i * 7919) % city.communes.length] as string;
    const latencies = await durations(async () => {
      const i = n++;
      const unit = unitOf(i);
      const seen = new Promise<LiveEvent>((resolve) => {
        const off = engine.bus.subscribe((e) => {
          if (e.type === 'rank' && e.unit === unit) {
            off();
            resolve(e);
          }
        });
      });
      await ingestObservations(city.ctx, { actor: 'bench', origin: 'system', principal: null }, {
        source: 'bench', observations: [{ indicator: indicators[i % indicators.length], unit, period: '2026-05', value: 100 - (i % 50) }],
      });
      await seen;
    }, SAMPLES);
    // Readable: the snapshot row the dashboard reads.
    const targetIds = (await city.ctx.db.selectFrom('targets').select('id').execute()).map((t) => t.id);
    const baseline = await durations(async () => {
      await readScoreSnapshots(city.ctx.db, { framework: city.framework.code, period: '2026', kind: 'commune', unit: unitOf(0) });
    }, SAMPLES);
    const statuses = await readTargetStatuses(city.ctx.db, targetIds);
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    return {
      name: `write → status and rank readable, ${scale.name}, p95`,
      value: p95,
      unit: 'ms',
      baselineName: 'single-row select of the snapshot, p95',
      baselineValue: percentile(baseline, 95),
      higherIsBetter: false,
      notes: {
        p50, p95, 'baseline p50': percentile(baseline, 50), samples: SAMPLES, units: city.units, observations: city.observations,
        targets: scale.targets, 'initial full scoring (ms)': fullMs, 'p95 < 1 s': p95 < 1000 ? 'yes' : 'NO', 'target statuses re-evaluated and stored': statuses.length,
      },
    };
  } finally {
    await engine.stop();
    await city.drop();
  }
}

const bench: Benchmark = {
  title: 'Real-time re-evaluation latency: observation write → updated status and rank readable (PostgreSQL)',
  async run(): Promise<BenchResult[]> {
    const serverUrl = benchServerUrl();
    if (!serverUrl) {
      console.log('  skipped: set DATABASE_URL or BENCH_DATABASE_URL to a PostgreSQL server');
      return [];
    }
    const results: BenchResult[] = [];
    for (const scale of ({ hanoi: [HANOI], national: [NATIONAL] } as Record<string, Scale[]>)[process.env.BENCH_REALTIME_SCALE ?? ''] ?? [HANOI, NATIONAL]) results.push(await measure(serverUrl, scale));
    return results;
  },
};

export default bench;
