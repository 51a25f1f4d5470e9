import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contextFor } from '../app-context.ts';
import { principalFor, seedObservationFixtures } from '../testing/observation-fixtures.ts';
import { ingestObservations } from '../use-cases/observations/ingest-observations.ts';
import { verifyAuditChain } from '../use-cases/audit/verify-audit-chain.ts';
import { createEmptyPostgresDatabase, createTestDatabase, testEngine } from '../testing/test-database.ts';
import { backupDatabase, restoreDatabase } from './backup.ts';
import { connectDatabase, type DatabaseLocation } from './connect-database.ts';
import { migrateToLatest } from './migrate.ts';

describe(`backup and restore on ${testEngine}`, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'theodoi-backup-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('brings back every row and an intact audit chain; never overwrites a file or a database', async () => {
    const source = await createTestDatabase();
    const ctx = contextFor(source);
    await seedObservationFixtures(ctx);
    await ingestObservations(ctx, { actor: 'test', origin: 'system', principal: principalFor('system_admin', 'HN') }, {
      source: 'kiem-thu', observations: [{ indicator: 'DVC_TT', unit: 'P_VT', period: '2026-01', value: 87.5 }, { indicator: 'DVC_TT', unit: 'P_HK', period: '2026-01', value: 64.25 }],
    });
    const snapshot = async (db: typeof source.db) => ({
      units: (await db.selectFrom('units').select(['code', 'name']).orderBy('code').execute()),
      values: (await db.selectFrom('observations').select(['value', 'period']).orderBy('id').execute()),
      audit: (await db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id').execute()),
    });
    const before = await snapshot(source.db);
    expect(before.values.map((v) => v.value)).toEqual([87.5, 64.25]);

    const file = path.join(dir, 'theodoi.backup');
    const sourceLocation: DatabaseLocation = source.url ? { url: source.url } : { dataDir: null };
    const result = await backupDatabase(source, sourceLocation, file);
    expect(result.bytes).toBeGreaterThan(1000);
    // A backup file is evidence: a second one under the same name is refused.
    await expect(backupDatabase(source, sourceLocation, file)).rejects.toThrow(/không ghi đè|never overwritten/);
    await source.close();

    const empty = testEngine === 'postgres' ? await createEmptyPostgresDatabase() : null;
    const target: DatabaseLocation = empty ? { url: empty.url } : { dataDir: path.join(dir, 'restored') };
    try {
      await restoreDatabase(target, file);
      const restored = await connectDatabase(target);
      try {
        await migrateToLatest(restored.db);
        expect(await snapshot(restored.db)).toEqual(before);
        expect((await verifyAuditChain(restored.db)).ok).toBe(true);
      } finally {
        await restored.close();
      }
      // Restoring again over the restored data is refused, not merged.
      await expect(restoreDatabase(target, file)).rejects.toThrow(/trống|empty|mới|new directory/);
    } finally {
      await empty?.drop();
    }
  }, 180_000);

  it('refuses a missing file and a file that is not a backup, naming it', async () => {
    const target: DatabaseLocation = { dataDir: path.join(dir, 'never') };
    await expect(restoreDatabase(target, path.join(dir, 'missing.backup'))).rejects.toThrow(/missing\.backup/);
    const junk = path.join(dir, 'junk.backup');
    writeFileSync(junk, 'không phải bản sao lưu');
    await expect(restoreDatabase(target, junk)).rejects.toThrow();
  });
});
