import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, openAppContext, type AppContext } from '../../app-context.ts';
import { buildServer } from '../../http/build-server.ts';
import { runCli, type CliTarget } from '../../testing/run-cli.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { seedDemoIfEmpty } from '../../use-cases/demo/seed-demo-if-empty.ts';

/** What makes a demo city what it is, by codes and counts (never by database ids). */
async function cityOf(ctx: AppContext) {
  const codes = async (table: 'units' | 'indicators' | 'targets') => (await ctx.db.selectFrom(table).select('code').orderBy('code').execute()).map((r) => r.code);
  const plans = (await ctx.db.selectFrom('plans').select('code').orderBy('code').execute()).map((p) => p.code);
  const obligations = (
    await ctx.db.selectFrom('reporting_obligations as o').innerJoin('units as u', 'u.id', 'o.unit_id').select(['u.code', 'o.cycle']).execute()
  ).map((o) => `${o.code}:${o.cycle}`).sort();
  const users = (await ctx.db.selectFrom('users').select('username').orderBy('username').execute()).map((u) => u.username);
  const observations = Number((await ctx.db.selectFrom('observations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { units: await codes('units'), indicators: await codes('indicators'), targets: await codes('targets'), plans, obligations, users, observations };
}

describe(`demo generate --load and serve --demo build the same city (${testEngine})`, { timeout: 1_200_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'theodoi-demo-city-'));
  const viaCli = createTestDatabase();
  const viaServe = createTestDatabase();
  let target: CliTarget;
  let printed = '';
  /** The CLI's database, opened in this process after the command has closed it. */
  const withCliDatabase = async <T>(work: (ctx: AppContext) => Promise<T>): Promise<T> => {
    const handle = await viaCli;
    if (handle.url) return work(contextFor(handle));
    const ctx = await openAppContext({ dataDir: target.dataDir });
    try {
      return await work(ctx);
    } finally {
      await ctx.database.close();
    }
  };

  beforeAll(async () => {
    target = { databaseUrl: (await viaCli).url, dataDir: path.join(dir, 'data') };
    const res = await runCli(['demo', 'generate', '--load'], target);
    expect(res.code, res.stderr).toBe(0);
    printed = res.stdout;
    await seedDemoIfEmpty(contextFor(await viaServe));
  });
  afterAll(async () => {
    await (await viaCli).close();
    await (await viaServe).close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the same units, plan, indicators, targets, obligations, accounts and number of observations', async () => {
    const cli = await withCliDatabase(cityOf);
    const serve = await cityOf(contextFor(await viaServe));
    expect(cli).toEqual(serve);
    // The whole city, not just its simulated series: a published plan, reports owed, one account per role.
    expect(cli.plans).toContain('12/KH-UBND');
    expect(cli.obligations.length).toBeGreaterThan(0);
    expect(cli.users).toEqual(['chuyenvien', 'lanhdao', 'pheduyet', 'quantri']);
    expect(cli.observations).toBeGreaterThan(0);
  });

  it('adds nothing when run again', async () => {
    const before = await withCliDatabase(cityOf);
    const res = await runCli(['demo', 'generate', '--load', '--json'], target);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ found: 'demo', loaded: { units: 0, targets: 0, obligations: 0 } });
    expect(await withCliDatabase(cityOf)).toEqual(before);
  });

  it('lets report build write a ward’s DOCX for a month', async () => {
    const out = path.join(dir, 'vinh-tuy.docx');
    const res = await runCli(['report', 'build', '--unit', 'HN_P_VINH_TUY', '--period', '2026-03', '--format', 'docx', '--out', out, '--json'], target);
    expect(res.code, res.stderr).toBe(0);
    expect((JSON.parse(res.stdout) as { targets: number }).targets).toBeGreaterThan(0);
    expect(strFromU8(unzipSync(readFileSync(out))['word/document.xml']!)).toContain('Vĩnh Tuy');
  });

  it('prints accounts a user then signs in with', async () => {
    const line = printed.split('\n').find((l) => /^\s+lanhdao\s/.test(l));
    expect(line, printed).toBeDefined();
    const [username, password] = line!.trim().split(/\s+/);
    await withCliDatabase(async (ctx) => {
      const app = await buildServer(ctx);
      try {
        const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
        expect(res.statusCode, res.body).toBe(200);
      } finally {
        await app.close();
      }
    });
  });

  it('refuses a database with its own data unless asked explicitly', async () => {
    const own = { databaseUrl: null, dataDir: path.join(dir, 'own') };
    const handle = await openAppContext({ dataDir: own.dataDir });
    await handle.db.insertInto('units').values({ code: 'DN', name: 'Thành phố Đà Nẵng', kind: 'city' }).execute();
    await handle.database.close();
    const res = await runCli(['demo', 'generate', '--load'], own);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('--force');
  });
});
