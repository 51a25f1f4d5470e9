/**
 * The operator's upgrade from PGlite 0.4 (PostgreSQL 17) to 0.5 (PostgreSQL 18): the old data
 * directory is refused with what to do, untouched and unlocked; the SQL dump that PGlite 0.4's
 * pg_dump wrote of a migrated Theo Dõi database (test/fixtures/pglite-0.4, made with
 * scripts/pglite-0.4-dump.mjs) restores into a new directory that then opens, migrates and reads.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../domain/errors.ts';
import { backupDatabase, pgVersionInTarball, restoreDatabase } from './backup.ts';
import { connectDatabase } from './connect-database.ts';
import { LOCK_FILE_NAME } from './data-dir-lock.ts';
import { migrateToLatest } from './migrate.ts';
import { PGLITE_POSTGRES_MAJOR } from './pglite-data-dir-format.ts';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/pglite-0.4/theodoi-dump.sql');

describe('PGlite data directories across PostgreSQL majors', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'theodoi-pglite-format-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the PostgreSQL major we expect is the one our PGlite writes into a new directory', async () => {
    const fresh = path.join(dir, 'fresh');
    const handle = await connectDatabase({ dataDir: fresh });
    await handle.close();
    expect(readFileSync(path.join(fresh, 'PG_VERSION'), 'utf8').trim()).toBe(PGLITE_POSTGRES_MAJOR);
    expect(PGLITE_POSTGRES_MAJOR).toBe('18');
  }, 120_000);

  it('reads the PostgreSQL major out of a backup tarball: 18 for ours, and refuses to restore a 17 one', async () => {
    const source = await connectDatabase({ dataDir: path.join(dir, 'source') });
    const ours = path.join(dir, 'ours.backup');
    try {
      await backupDatabase(source, { dataDir: path.join(dir, 'source') }, ours);
    } finally {
      await source.close();
    }
    expect(pgVersionInTarball(readFileSync(ours))).toBe('18');

    // A PGlite 0.4 backup holds a PostgreSQL 17 directory, laid out as dumpDataDir writes it (/PG_VERSION, /base/…).
    const oldTree = path.join(dir, 'old-tree');
    mkdirSync(path.join(oldTree, 'base', '1'), { recursive: true });
    writeFileSync(path.join(oldTree, 'PG_VERSION'), '17\n');
    writeFileSync(path.join(oldTree, 'base', '1', '112'), 'trang dữ liệu');
    const oldBackup = path.join(dir, 'pglite-0.4.backup');
    execFileSync('tar', ['-czPf', oldBackup, '-C', oldTree, '--transform', 's,^,/,', 'PG_VERSION', 'base']);
    expect(pgVersionInTarball(readFileSync(oldBackup))).toBe('17');

    const target = path.join(dir, 'from-old-backup');
    const refusal = await restoreDatabase({ dataDir: target }, oldBackup).then(() => null, (error: unknown) => error);
    expect(refusal).toBeInstanceOf(ConflictError);
    expect((refusal as ConflictError).said?.code).toBe('db.pglite_backup_other_major');
    expect((refusal as ConflictError).said?.params).toMatchObject({ found: '17', expected: '18' });
    expect(existsSync(target)).toBe(false);
  }, 120_000);

  it('refuses a PostgreSQL 17 directory (PGlite 0.4) saying how to upgrade, and leaves it as it was', async () => {
    const old = path.join(dir, 'old');
    mkdirSync(path.join(old, 'base'), { recursive: true });
    writeFileSync(path.join(old, 'PG_VERSION'), '17\n');
    writeFileSync(path.join(old, 'base', 'marker'), 'dữ liệu cũ');
    const before = readdirSync(old).sort();

    const refusal = await connectDatabase({ dataDir: old }).then(() => null, (error: unknown) => error);
    expect(refusal).toBeInstanceOf(ConflictError);
    const said = (refusal as ConflictError).said;
    expect(said?.code).toBe('db.pglite_data_dir_other_major');
    expect(said?.params).toMatchObject({ dir: old, found: '17', expected: '18' });
    expect((refusal as Error).message).toMatch(/pglite-0\.4-dump\.mjs/);
    expect((refusal as Error).message).toMatch(/db restore/);

    // Nothing written, and the lock is not left behind for the next command.
    expect(readdirSync(old).sort()).toEqual(before);
    expect(existsSync(path.join(old, LOCK_FILE_NAME))).toBe(false);
    expect(readFileSync(path.join(old, 'PG_VERSION'), 'utf8')).toBe('17\n');
  });

  it('restores PGlite 0.4’s SQL dump of a migrated database into a new directory that migrates and reads', async () => {
    const file = path.join(dir, 'from-0.4.sql');
    cpSync(FIXTURE, file);
    const target = path.join(dir, 'upgraded');
    await restoreDatabase({ dataDir: target }, file);
    expect(readFileSync(path.join(target, 'PG_VERSION'), 'utf8').trim()).toBe('18');

    const handle = await connectDatabase({ dataDir: target });
    try {
      await migrateToLatest(handle.db);
      const units = await handle.db.selectFrom('units').select(['code', 'name']).execute();
      // Hanoi's built-in registry as the old version loaded it: the city and its 126 communes and wards among 188 units.
      expect(units).toHaveLength(188);
      expect(units.find((u) => u.code === 'HN')?.name).toBe('Thành phố Hà Nội');
    } finally {
      await handle.close();
    }
    // A second restore into the now-filled directory is refused, not merged.
    await expect(restoreDatabase({ dataDir: target }, file)).rejects.toThrow(/trống|empty|mới|new directory/);
  }, 180_000);
});
