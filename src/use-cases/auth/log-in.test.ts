import { afterAll, describe, expect, it } from 'vitest';
import { contextFor } from '../../app-context.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { createUnit } from '../../testing/factories.ts';
import { verifyAuditChain } from '../audit/verify-audit-chain.ts';
import { createUser } from '../users/create-user.ts';
import { logIn } from './log-in.ts';

const PASSWORD = 'mật khẩu đủ dài 2026';

describe(`sign-in on ${testEngine}`, { timeout: 180_000 }, () => {
  const ready = (async () => {
    const database = await createTestDatabase();
    const ctx = contextFor(database);
    await createUnit(database.db, { code: 'VT', name: 'Phường Vĩnh Tuy', kind: 'commune' });
    await createUser(ctx, 'test', { username: 'lan', displayName: 'Nguyễn Thị Lan', unit: 'VT', role: 'reporter', password: PASSWORD });
    return { database, ctx };
  })();
  afterAll(async () => (await ready).database.close());

  it('audits every attempt — failed ones under the name tried, never the password — and keeps the chain intact', async () => {
    const { database, ctx } = await ready;
    expect(await logIn(ctx, 'lan', 'sai mật khẩu')).toBeNull();
    expect(await logIn(ctx, 'không-có-ai', PASSWORD)).toBeNull();
    const session = await logIn(ctx, 'lan', PASSWORD);
    expect(session?.user.username).toBe('lan');

    const rows = await database.db.selectFrom('audit_log').select(['actor', 'action', 'after']).where('action', 'in', ['login', 'login_failed']).orderBy('id').execute();
    expect(rows.map((r) => [r.actor, r.action])).toEqual([
      ['anonymous', 'login_failed'],
      ['anonymous', 'login_failed'],
      [`user:${session?.user.id}`, 'login'],
    ]);
    expect(rows.map((r) => (r.after as { username?: string }).username)).toEqual(['lan', 'không-có-ai', undefined]);
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });
});
