import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../db/connect-database.ts';
import type { Database } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { hashSecret } from '../../domain/access/secrets.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { CLI_ENTRY } from '../../testing/run-cli.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * The CLI's database: on PGlite a data directory the spawned process opens after we close it (one
 * process at a time); on PostgreSQL a fresh test database the process reaches through DATABASE_URL.
 */
async function prepare(): Promise<{ args: string[]; env: NodeJS.ProcessEnv; open: () => Promise<DatabaseHandle>; cleanup: () => Promise<void> }> {
  const units = async (db: Kysely<Database>) => {
    await db.insertInto('units').values({ code: 'HN', name: 'Thành phố Hà Nội', kind: 'city', parent_id: null, valid_from: null, valid_to: null }).execute();
    await db
      .insertInto('units')
      .values({ code: 'VT', name: 'Phường Vĩnh Tuy', kind: 'commune', parent_id: sql<number>`(select id from units where code = 'HN')`, valid_from: null, valid_to: null })
      .execute();
  };
  const baseEnv = { ...process.env };
  delete baseEnv.DATABASE_URL;
  if (testEngine === 'postgres') {
    const t = await createTestDatabase();
    await units(t.db);
    const url = t.url ?? '';
    return {
      args: [],
      env: { ...baseEnv, DATABASE_URL: url },
      open: async () => connectDatabase({ url }),
      cleanup: () => t.close(),
    };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'theodoi-cli-'));
  const h = await connectDatabase({ dataDir: dir });
  await migrateToLatest(h.db);
  await units(h.db);
  await h.close();
  return {
    args: ['--data-dir', dir],
    env: baseEnv,
    open: async () => connectDatabase({ dataDir: dir }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

function run(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_ENTRY, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

// Each spawn starts tsx and opens the database afresh: slow on a busy machine, hence the long timeout.
describe(`theodoi users / tokens / audit CLI on ${testEngine}`, { timeout: 300_000 }, () => {
  const ready = prepare();
  afterAll(async () => (await ready).cleanup());
  const cli = async (args: string[], stdin?: string) => {
    const { args: dbArgs, env } = await ready;
    return run([...dbArgs, ...args], env, stdin);
  };

  it('creates a user with a password from stdin, hashed with argon2id', async () => {
    const res = await cli(['users', 'create', '--username', 'lan', '--name', 'Nguyễn Thị Lan', '--unit', 'VT', '--role', 'reporter', '--password-stdin', '--json'], 'mật khẩu đủ dài\n');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ username: 'lan', unit: 'VT', grants: [{ unitCode: 'VT', role: 'reporter' }] });
    const list = await cli(['users', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toHaveLength(1);
    const h = await (await ready).open();
    try {
      const row = await h.db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
    } finally {
      await h.close();
    }
  });

  it('prints {"token": …} once with --json and stores only its hash', async () => {
    const res = await cli(['tokens', 'create', '--unit', 'VT', '--role', 'reporter', '--name', 'Cổng DVC', '--scopes', 'read,write', '--expires', '31/12/2027', '--json']);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as { token: string; id: number; unit: string; scopes: string[]; expiresAt: string };
    expect(typeof out.token).toBe('string');
    expect(out.token).toMatch(/^tdk_[A-Za-z0-9_-]{43}$/);
    expect(out).toMatchObject({ unit: 'VT', role: 'reporter', scopes: ['read', 'write'], expiresAt: '2027-12-31T17:00:00.000Z' });
    const h = await (await ready).open();
    try {
      const row = await h.db.selectFrom('api_tokens').select(['id', 'token_hash']).where('id', '=', out.id).executeTakeFirstOrThrow();
      expect(row.token_hash).toBe(hashSecret(out.token));
    } finally {
      await h.close();
    }
    const list = await cli(['tokens', 'list', '--json']);
    expect(list.stdout).not.toContain(out.token);
    const revoke = await cli(['tokens', 'revoke', String(out.id), '--json']);
    expect(revoke.code).toBe(0);
    expect(JSON.parse(revoke.stdout)).toMatchObject({ id: out.id, changed: true });
  });

  it('names the wrong field and exits 2 for bad input', async () => {
    const res = await cli(['tokens', 'create', '--unit', 'NOWHERE', '--role', 'reporter', '--json']);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('field "unit"');
  });

  it('verifies the audit chain, and exits non-zero naming the entry once a row is edited', async () => {
    const ok = await cli(['audit', 'verify', '--json']);
    expect(ok.code).toBe(0);
    const verdict = JSON.parse(ok.stdout) as { ok: boolean; entries: number };
    expect(verdict).toMatchObject({ ok: true, entries: 3, firstBadId: null });
    const listed = await cli(['audit', 'list', '--entity', 'api_token', '--json']);
    const entries = JSON.parse(listed.stdout) as { id: number; action: string }[];
    expect(entries.map((e) => e.action)).toEqual(['revoke', 'create']);

    const target = entries[1]?.id ?? 0;
    const h = await (await ready).open();
    try {
      await h.db.transaction().execute(async (trx) => {
        await sql`alter table audit_log disable trigger audit_log_append_only`.execute(trx);
        await sql`update audit_log set after = jsonb_set(after, '{role}', '"system_admin"') where id = ${target}`.execute(trx);
        await sql`alter table audit_log enable trigger audit_log_append_only`.execute(trx);
      });
    } finally {
      await h.close();
    }
    const broken = await cli(['audit', 'verify', '--json']);
    expect(broken.code).toBe(3);
    expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, firstBadId: target });
  });
});
