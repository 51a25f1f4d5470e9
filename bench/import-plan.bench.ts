// Plan import speed: the largest seed (001) read and extracted (no database) against merely reading
// the same file and splitting it into lines and cells; then one stored import on an in-memory PGlite
// against the dry run of the same document, to show what storing a version costs.
import { readFileSync } from 'node:fs';
import { contextFor } from '../src/app-context.ts';
import { connectDatabase } from '../src/db/connect-database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { UnitResolver } from '../src/domain/units/unit-resolver.ts';
import { extractPlanDraft } from '../src/importers/extract-plan-draft.ts';
import { readPlanDocument } from '../src/importers/read-plan-document.ts';
import { loadBuiltInRegistry } from '../src/registry/hanoi.ts';
import { upsertRegistryUnits } from '../src/repositories/units.repository.ts';
import { seedPath } from '../src/testing/seeds.ts';
import { importPlan } from '../src/use-cases/plans/import-plan.ts';
import { durations, opsPerSecond, percentile, type Benchmark, type BenchResult } from './harness.ts';

const bench: Benchmark = {
  title: 'Plan import (read + extract; stored version)',
  async run(): Promise<BenchResult[]> {
    const file = seedPath('001');
    if (!file) return [];
    const megabytes = readFileSync(file).byteLength / 1024 / 1024;
    const resolver = new UnitResolver(loadBuiltInRegistry());
    const resolve = (name: string) => resolver.resolve(name);

    let targets = 0;
    let tasks = 0;
    const importsPerSecond = await opsPerSecond(async () => {
      const model = await readPlanDocument(readFileSync(file), '001.txt');
      const draft = extractPlanDraft(model, resolve);
      targets = draft.targets.length;
      tasks = draft.tasks.length;
    }, 3000);
    let cells = 0;
    const splitsPerSecond = await opsPerSecond(() => {
      const lines = readFileSync(file, 'utf8').split(/\r?\n/);
      cells = 0;
      for (const line of lines) cells += line.split('\t').length;
    }, 1000);

    const results: BenchResult[] = [
      {
        name: 'seed 001 read + extract',
        value: importsPerSecond * megabytes,
        unit: 'MB/s',
        baselineName: 'read + split into lines and cells',
        baselineValue: splitsPerSecond * megabytes,
        higherIsBetter: true,
        notes: { 'file MB': megabytes, targets, tasks, cells, 'ms per import': 1000 / importsPerSecond },
      },
    ];

    // One stored version: fresh in-memory database, registry loaded, then import (created) and a
    // re-import of the same document (unchanged), against the dry run that stores nothing.
    const database = await connectDatabase({ dataDir: null });
    try {
      await migrateToLatest(database.db);
      await database.db.transaction().execute((trx) => upsertRegistryUnits(trx, loadBuiltInRegistry()));
      const ctx = contextFor(database);
      const bytes = readFileSync(file);
      const dryRun = await durations(() => importPlan(ctx, { bytes, fileName: '001.txt', dryRun: true, actor: 'bench' }), 5);
      const [stored = Number.NaN] = await durations(() => importPlan(ctx, { bytes, fileName: '001.txt', actor: 'bench' }), 1);
      const unchanged = await durations(() => importPlan(ctx, { bytes, fileName: '001.txt', actor: 'bench' }), 3);
      const plan = await database.db.selectFrom('plans').select('id').executeTakeFirstOrThrow();
      const { publishPlan } = await import('../src/use-cases/plans/publish-plan.ts');
      const [published = Number.NaN] = await durations(() => publishPlan(ctx, { planId: plan.id, actor: 'bench' }), 1);
      results.push({
        name: 'seed 001 stored import (one version, PGlite in memory)',
        value: stored,
        unit: 'ms',
        baselineName: 'dry run (read + extract + registry load, nothing stored)',
        baselineValue: percentile(dryRun, 50),
        higherIsBetter: false,
        notes: { 're-import unchanged p50 ms': percentile(unchanged, 50), 'publish ms': published },
      });
    } finally {
      await database.close();
    }
    return results;
  },
};

export default bench;
