import { readdirSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmptyPostgresDatabase, createTestDatabase, testEngine } from '../testing/test-database.ts';
import { connectDatabase } from './connect-database.ts';
import type { Database } from './database.ts';
import { migrateToLatest } from './migrate.ts';

async function publicTables(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(db);
  return rows.rows.map((r) => r.table_name);
}

describe(`migrations on ${testEngine}`, () => {
  const ready = createTestDatabase();
  afterAll(async () => (await ready).close());

  it('creates every domain table', async () => {
    const { db } = await ready;
    const rows = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public'`.execute(db);
    const names = rows.rows.map((r) => r.table_name);
    for (const table of ['units', 'unit_aliases', 'unit_successions', 'plans', 'plan_versions', 'plan_sections',
      'indicators', 'targets', 'tasks', 'observations', 'reporting_obligations', 'report_submissions',
      'users', 'user_roles', 'api_tokens', 'audit_log']) {
      expect(names).toContain(table);
    }
  });

  // Test databases are copies of one migrated template: this checks the path a real installation
  // takes, every migration applied in order to an empty database, and that it gives the same tables.
  it('migrates an empty database from nothing, applying every migration file, to the template’s tables', async () => {
    const empty = testEngine === 'postgres' ? await createEmptyPostgresDatabase() : null;
    const handle = await connectDatabase(empty ? { url: empty.url } : { dataDir: null });
    try {
      const result = await migrateToLatest(handle.db);
      const files = readdirSync(new URL('./migrations/', import.meta.url)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
      expect(result.results?.map((r) => r.status)).toEqual(files.map(() => 'Success'));
      expect(await publicTables(handle.db)).toEqual(await publicTables((await ready).db));
    } finally {
      await handle.close();
      await empty?.drop();
    }
  });

  it('is idempotent: a second run applies nothing', async () => {
    const { db } = await ready;
    const again = await migrateToLatest(db);
    expect(again.results ?? []).toEqual([]);
  });

  it('keeps observation versions unique per cell', async () => {
    const { db } = await ready;
    const unit = await db.insertInto('units').values({ code: 'T', name: 'Test', kind: 'city', parent_id: null, valid_from: null, valid_to: null }).returning('id').executeTakeFirstOrThrow();
    const ind = await db.insertInto('indicators').values({ code: 'I', name: 'I', measure: '%', numerator: null, denominator: null, source_system: null }).returning('id').executeTakeFirstOrThrow();
    const row = { indicator_id: ind.id, unit_id: unit.id, period: '2026-03', period_start: '2026-03-01', period_end: '2026-03-31', version: 1, value: 5, numerator: null, denominator: null, origin: 'system' as const, source: 's', actor: 'a', note: null, evidence_url: null, reason: null, batch_id: null };
    await db.insertInto('observations').values(row).execute();
    await expect(db.insertInto('observations').values(row).execute()).rejects.toThrow();
    const stored = await db.selectFrom('observations').select(['value', 'period_start']).executeTakeFirstOrThrow();
    expect(stored).toEqual({ value: 5, period_start: '2026-03-01' });
  });
});
