import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contextFor } from '../../app-context.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { runCli } from '../../testing/run-cli.ts';
import { logIn } from '../../use-cases/auth/log-in.ts';

const PASSWORD = 'mật khẩu quản trị đủ dài 2026';

describe(`theodoi setup on ${testEngine}`, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'theodoi-setup-'));
  const database = testEngine === 'postgres' ? createTestDatabase() : null;
  afterAll(async () => {
    await (await database)?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the first system administrator over the city once, then refuses', async () => {
    const target = { databaseUrl: (await database)?.url ?? null, dataDir: path.join(dir, 'data') };
    const noPassword = await runCli(['setup', '--username', 'quantri', '--name', 'Quản trị hệ thống'], target);
    expect(noPassword.code).not.toBe(0);
    expect(noPassword.stderr).toContain('--password-stdin');

    const first = await runCli(['setup', '--username', 'quantri', '--name', 'Quản trị hệ thống', '--password-stdin', '--json'], target, { input: `${PASSWORD}\n` });
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ username: 'quantri', unit: 'HN', grants: [{ unitCode: 'HN', role: 'system_admin' }] });

    const again = await runCli(['setup', '--username', 'kekhac', '--name', 'Kẻ khác', '--password-stdin'], target, { input: `${PASSWORD}\n` });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/Đã có quản trị hệ thống|exists already/);

    // The administrator signs in with that password (on the same database, now that no process holds it).
    const handle = target.databaseUrl ? await database! : null;
    if (handle) expect((await logIn(contextFor(handle), 'quantri', PASSWORD))?.user.username).toBe('quantri');
    const list = await runCli(['users', 'list', '--json'], target);
    expect((JSON.parse(list.stdout) as { username: string }[]).map((u) => u.username)).toEqual(['quantri']);
  }, 180_000);
});
