import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, openAppContext, type AppContext } from '../../app-context.ts';
import { monthCode, monthNumber } from '../../domain/forecasting/forecast.ts';
import { insertIndicator } from '../../repositories/indicators.repository.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { ingestObservations } from '../../use-cases/observations/ingest-observations.ts';
import { importRegistryUnits } from '../../use-cases/units/import-units.ts';
import { CLI_ENTRY } from '../../testing/run-cli.ts';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function seed(ctx: AppContext): Promise<void> {
  const unit = (code: string, kind: 'city' | 'commune', parent: string | null) => ({ code, name: `Đơn vị ${code}`, kind, parent, aliases: [], validFrom: null, validTo: null, successors: [] });
  await importRegistryUnits(ctx, [unit('HN', 'city', null), unit('P_A', 'commune', 'HN'), unit('P_B', 'commune', 'HN')]);
  await ctx.db.transaction().execute((trx) => insertIndicator(trx, {
    code: 'DVC', name: 'Tỷ lệ hồ sơ trực tuyến', measure: '%', direction: 'up', aggregation: 'mean', numerator: null, denominator: null,
    frequency: 'monthly', sourceSystem: 'dvc', classified: false,
  }));
  const rows = (u: string, f: (i: number) => number) => Array.from({ length: 18 }, (_, i) => ({ indicator: 'DVC', unit: u, period: monthCode(monthNumber('2025-01') + i), value: f(i) }));
  await ingestObservations(ctx, { actor: 'test', origin: 'import', principal: null }, { source: 'test', observations: [...rows('P_A', (i) => 50 + 2 * i), ...rows('P_B', (i) => 50 + 0.5 * i)] });
}

describe(`theodoi targets import / evaluate (spawned) on ${testEngine}`, () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let close: () => Promise<void> = async () => {};
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'theodoi-eval-'));
    if (process.env.DATABASE_URL) {
      const database = await createTestDatabase();
      await seed(contextFor(database));
      env = { ...process.env, DATABASE_URL: database.url! };
      close = () => database.close();
    } else {
      const ctx = await openAppContext({ dataDir: path.join(dir, 'data') });
      await seed(ctx);
      await ctx.database.close();
      env = { ...process.env };
      delete env.DATABASE_URL;
    }
  }, 120_000);
  afterAll(async () => {
    await close();
    await rm(dir, { recursive: true, force: true });
  });

  const cli = (...args: string[]) => run(process.execPath, [CLI_ENTRY, '--data-dir', path.join(dir, 'data'), ...args], { cwd: ROOT, env, maxBuffer: 32 * 1024 * 1024 });

  it('refuses a bad targets file with exit code 2, naming line and field, and stores nothing', async () => {
    const file = path.join(dir, 'bad.csv');
    await writeFile(file, 'code,indicator,unit,op,value,due\nCT1,DVC,*commune,>=,90,31/12/2026\nCT2,DVC,P_NOPE,>=,90,31/12/2026\n');
    const failure = await cli('targets', 'import', file).then(() => null, (e: unknown) => e as { code: number; stderr: string });
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain('line 3, field "unit"');
  }, 120_000);

  it('imports targets and prints exactly the evaluation shape', async () => {
    const file = path.join(dir, 'targets.csv');
    await writeFile(file, 'code,indicator,unit,op,value,due,start\nCT1,DVC,*commune,>=,90,31/12/2026,01/01/2026\n');
    const imported = JSON.parse((await cli('targets', 'import', file, '--json')).stdout) as { created: number };
    expect(imported.created).toBe(3);
    const { stdout } = await cli('evaluate', '--as-of', '2026-07-15', '--json');
    const out = JSON.parse(stdout) as { targets: Record<string, unknown>[] };
    expect(Object.keys(out)).toContain('targets');
    expect(out.targets.map((t) => t.code)).toEqual(['CT1', 'CT1.P_A', 'CT1.P_B']);
    for (const t of out.targets) {
      expect(t).toEqual(expect.objectContaining({
        code: expect.any(String) as unknown,
        status: expect.stringMatching(/^(met|on_track|at_risk|missed|no_data)$/) as unknown,
        pMiss: expect.any(Number) as unknown,
        reason: expect.any(String) as unknown,
      }));
      expect(t.current === null || typeof t.current === 'number').toBe(true);
      expect(t.forecast === null || typeof t.forecast === 'number').toBe(true);
    }
    const byCode = new Map(out.targets.map((t) => [t.code, t]));
    expect(byCode.get('CT1.P_A')!.status).toBe('on_track');
    expect(byCode.get('CT1.P_B')!.status).toBe('at_risk');
  }, 120_000);
});
