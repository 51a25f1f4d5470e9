import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import { buildServer } from '../../http/build-server.ts';
import type { App } from '../../http/route-module.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { seedDemoPlan } from '../plans/seed-demo-plan.ts';
import { seedDemoReporting } from '../reporting/seed-demo-reporting.ts';
import { seedBuiltInRegistry } from '../units/seed-built-in-registry.ts';
import { DEMO_PASSWORD, seedDemoAccounts, type DemoAccount } from './seed-demo-accounts.ts';

describe(`demo accounts on ${testEngine}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let accounts: DemoAccount[];
  let demo: App;
  let real: App;

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database);
    await seedBuiltInRegistry(ctx);
    await seedDemoPlan(ctx);
    await seedDemoReporting(ctx);
    accounts = await seedDemoAccounts(ctx);
    demo = await buildServer(ctx, { demoAccounts: accounts });
    real = await buildServer(ctx);
  });
  afterAll(async () => {
    await demo.close();
    await real.close();
    await database.close();
  });

  it('gives a newcomer one account per role: the city leader, a ward unit\'s reporter and its approver, an administrator', () => {
    expect(accounts.map((a) => a.role)).toEqual(['viewer', 'reporter', 'approver', 'system_admin']);
    const [leader, reporter, approver] = accounts;
    expect(leader?.unit).toBe('HN');
    // The reporter's unit owes a monthly report, and its reports go to the approver's unit, a ward.
    expect(reporter?.unit).not.toBe('HN');
    expect(approver?.unit).toMatch(/^HN_P_/);
  });

  it('signs each of them in with the printed password, with the rights of their role', async () => {
    const expected: Record<string, string[]> = {
      viewer: ['read'], reporter: ['read', 'write'], approver: ['read', 'write', 'approve'], system_admin: ['read', 'write', 'approve', 'administer'],
    };
    for (const account of accounts) {
      expect(account.password).toBe(DEMO_PASSWORD);
      const res = await demo.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: account.username, password: account.password } });
      expect(res.statusCode, account.username).toBe(200);
      expect(res.json<{ rights: string[] }>().rights.sort()).toEqual([...expected[account.role]!].sort());
    }
  });

  it('offers them on the demo server\'s sign-in page only', async () => {
    const offered = await demo.inject({ method: 'GET', url: '/api/v1/auth/demo-accounts' });
    expect(offered.statusCode).toBe(200);
    expect(offered.json<{ accounts: DemoAccount[] }>().accounts.map((a) => a.username)).toEqual(accounts.map((a) => a.username));
    expect((await real.inject({ method: 'GET', url: '/api/v1/auth/demo-accounts' })).statusCode).toBe(404);
  });

  it('is idempotent: a second start keeps the accounts and creates no others', async () => {
    const before = await ctx.db.selectFrom('users').select('username').orderBy('id').execute();
    expect((await seedDemoAccounts(ctx)).map((a) => a.username)).toEqual(accounts.map((a) => a.username));
    expect(await ctx.db.selectFrom('users').select('username').orderBy('id').execute()).toEqual(before);
  });
});
