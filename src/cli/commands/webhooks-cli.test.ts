import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../db/connect-database.ts';
import type { Database } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { CLI_ENTRY } from '../../testing/run-cli.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * The CLI's database, with a unit and one webhook as rows from before secrets were sealed (plain
 * text): a PGlite directory the spawned process opens after we close it, or a fresh PostgreSQL
 * database. The spawned CLI runs as in production (NODE_ENV=production), so only THEODOI_SECRET_KEY
 * gives it a key.
 */
async function prepare(): Promise<{ args: string[]; env: NodeJS.ProcessEnv; open: () => Promise<DatabaseHandle>; cleanup: () => Promise<void> }> {
  const seed = async (db: Kysely<Database>) => {
    await db.insertInto('units').values({ code: 'VT', name: 'Phường Vĩnh Tuy', kind: 'commune', parent_id: null, valid_from: null, valid_to: null }).execute();
    await db
      .insertInto('webhook_subscriptions')
      .values({ url: 'https://example.test/old', secret: 'cu-chua-ma-hoa-0001', unit_id: sql<number>`(select id from units where code = 'VT')`, events: [] })
      .execute();
  };
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  delete env.DATABASE_URL;
  delete env.THEODOI_SECRET_KEY;
  if (testEngine === 'postgres') {
    const t = await createTestDatabase();
    await seed(t.db);
    const url = t.url ?? '';
    return { args: [], env: { ...env, DATABASE_URL: url }, open: async () => connectDatabase({ url }), cleanup: () => t.close() };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'theodoi-webhooks-cli-'));
  const h = await connectDatabase({ dataDir: dir });
  await migrateToLatest(h.db);
  await seed(h.db);
  await h.close();
  return { args: ['--data-dir', dir], env, open: async () => connectDatabase({ dataDir: dir }), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_ENTRY, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface Listed { id: number; url: string; unit: string | null; secretHint: string | null }

// Each spawn starts tsx and opens the database afresh: slow on a busy machine, hence the long timeout.
describe(`theodoi webhooks CLI on ${testEngine}`, { timeout: 300_000 }, () => {
  const ready = prepare();
  afterAll(async () => (await ready).cleanup());
  const key = randomBytes(32).toString('base64');
  const cli = async (args: string[], extraEnv: NodeJS.ProcessEnv = { THEODOI_SECRET_KEY: key }) => {
    const { args: dbArgs, env } = await ready;
    return run([...dbArgs, ...args], { ...env, ...extraEnv });
  };
  const inDb = async <T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> => {
    const h = await (await ready).open();
    try {
      return await work(h.db);
    } finally {
      await h.close();
    }
  };

  it('refuses to register a webhook without THEODOI_SECRET_KEY, naming it; the old row keeps its plain secret', async () => {
    const res = await cli(['notify', 'webhook-add', '--url', 'https://example.test/hook', '--unit', 'VT'], {});
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('THEODOI_SECRET_KEY');
    const rows = await inDb((db) => db.selectFrom('webhook_subscriptions').select(['secret', 'secret_sealed']).execute());
    expect(rows).toEqual([{ secret: 'cu-chua-ma-hoa-0001', secret_sealed: null }]);
  });

  let id = 0;
  let secret = '';

  it('seals the plain-text secret at the first start with a key; lists show a hint, never a secret', async () => {
    const add = await cli(['notify', 'webhook-add', '--url', 'https://example.test/hook', '--unit', 'VT', '--events', 'report.*']);
    expect(add.stderr).toBe('');
    ({ id, secret } = JSON.parse(add.stdout) as { id: number; secret: string });
    const list = await cli(['webhooks', 'list', '--unit', 'VT', '--json']);
    expect(list.code).toBe(0);
    expect(list.stdout).not.toContain(secret);
    expect(list.stdout).not.toContain('cu-chua-ma-hoa');
    expect((JSON.parse(list.stdout) as Listed[]).map((w) => [w.url, w.unit, w.secretHint])).toEqual([
      ['https://example.test/old', 'VT', '…0001'],
      ['https://example.test/hook', 'VT', `…${secret.slice(-4)}`],
    ]);
    const rows = await inDb((db) => db.selectFrom('webhook_subscriptions').selectAll().orderBy('id').execute());
    expect(rows.map((r) => r.secret)).toEqual([null, null]);
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(JSON.stringify(rows)).not.toContain('cu-chua-ma-hoa');
  });

  it('rotates (the new secret printed once) and deletes, both audited with the OS user', async () => {
    const rotate = await cli(['webhooks', 'rotate', String(id), '--json']);
    expect(rotate.code).toBe(0);
    const rotated = JSON.parse(rotate.stdout) as { id: number; secret: string; secretHint: string };
    expect(rotated).toMatchObject({ id, secretHint: `…${rotated.secret.slice(-4)}` });
    expect(rotated.secret).not.toBe(secret);

    const del = await cli(['webhooks', 'delete', String(id), '--json']);
    expect(JSON.parse(del.stdout)).toEqual({ id, deleted: true });
    const list = await cli(['webhooks', 'list', '--json']);
    expect((JSON.parse(list.stdout) as Listed[]).map((w) => w.url)).toEqual(['https://example.test/old']);

    const bad = await cli(['webhooks', 'rotate', 'abc']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('field "id"');
    const gone = await cli(['webhooks', 'delete', String(id)]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`Không có webhook ${id}`);

    const audit = await inDb((db) => db.selectFrom('audit_log').select(['actor', 'action', 'before', 'after']).where('entity', '=', 'webhook_subscription').orderBy('id').execute());
    expect(audit.map((a) => a.action)).toEqual(['encrypt_secret', 'create', 'rotate_secret', 'delete']);
    expect(audit.slice(1).every((a) => a.actor.startsWith('cli:'))).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(rotated.secret);
  });
});
