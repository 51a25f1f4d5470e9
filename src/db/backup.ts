/**
 * Backup and restore for both engines, so an operator can keep a copy of everything and bring it
 * back: PostgreSQL through its own tools (pg_dump's custom format, pg_restore), PGlite by dumping its
 * data directory as a gzipped tarball and loading it into a new one. A restore never writes over
 * data: it needs an empty database or a directory that does not exist yet.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { gunzipSync } from 'fflate';
import pg from 'pg';
import { ConflictError, InputError } from '../domain/errors.ts';
import type { DatabaseHandle, DatabaseLocation } from './connect-database.ts';
import { message } from '../domain/messages/message.ts';
import { PGLITE_POSTGRES_MAJOR } from './pglite-data-dir-format.ts';

const run = promisify(execFile);

/**
 * Writes a backup of the open database to `file` (never over an existing file).
 *
 * @example
 * await backupDatabase(handle, { url }, 'theodoi-2026-12-04.dump');
 */
export async function backupDatabase(handle: DatabaseHandle, location: DatabaseLocation, file: string): Promise<{ engine: 'postgres' | 'pglite'; bytes: number }> {
  if (existsSync(file)) throw new ConflictError(message('db.exists_backup_never_overwritten', { file }));
  if ('url' in location) {
    await run(postgresTool('pg_dump'), ['--format=custom', '--no-owner', `--file=${file}`, location.url], { maxBuffer: 16 * 1024 * 1024 });
  } else {
    if (!handle.dumpDataDir) throw new Error('this database handle cannot dump its data directory');
    const blob = await handle.dumpDataDir();
    await writeFile(file, Buffer.from(await blob.arrayBuffer()), { flag: 'wx' });
  }
  return { engine: 'url' in location ? 'postgres' : 'pglite', bytes: (await readFile(file)).length };
}

/**
 * Restores a backup into an empty PostgreSQL database or a PGlite directory that does not exist
 * yet (or is empty). Run `db migrate` after restoring an older backup into a newer version.
 */
export async function restoreDatabase(location: DatabaseLocation, file: string): Promise<void> {
  if (!existsSync(file)) throw new InputError(message('db.no_such_file', { file }), [{ field: 'file', message: 'not found' }]);
  if ('url' in location) {
    const client = new pg.Client({ connectionString: location.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>(`select count(*) as n from information_schema.tables where table_schema = 'public'`);
      if (Number(rows[0]?.n) > 0) throw new ConflictError(message('db.target_database_has_tables_restore'));
    } finally {
      await client.end();
    }
    await run(postgresTool('pg_restore'), ['--no-owner', '--exit-on-error', `--dbname=${location.url}`, file], { maxBuffer: 16 * 1024 * 1024 });
    return;
  }
  const dir = location.dataDir;
  if (!dir) throw new InputError(message('db.data_directory_needed_to_restore'), [{ field: 'dataDir', message: 'required' }]);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new ConflictError(message('db.not_empty_restore_only_into', { dir }));
  const bytes = await readFile(file);
  if (isPlainSqlDump(bytes)) {
    // A plain-SQL dump (pg_dump's text format): how a data directory of an older PGlite line, which
    // this PGlite cannot open, comes across (scripts/pglite-0.4-dump.mjs). Replayed in one
    // transaction so a failed restore leaves nothing half-loaded.
    const client = await PGlite.create({ dataDir: dir });
    try {
      await client.exec(`begin;\n${bytes.toString('utf8')}\ncommit;`);
    } finally {
      await client.close();
    }
    return;
  }
  // A tarball of another PostgreSQL major (a PGlite 0.4 backup) would unpack but never start.
  const tarballMajor = pgVersionInTarball(bytes);
  if (tarballMajor && tarballMajor !== PGLITE_POSTGRES_MAJOR) {
    throw new ConflictError(message('db.pglite_backup_other_major', { file, found: tarballMajor, expected: PGLITE_POSTGRES_MAJOR }));
  }
  const existed = existsSync(dir);
  let client: PGlite;
  try {
    client = await PGlite.create({ dataDir: dir, loadDataDir: new Blob([bytes]) });
  } catch (error) {
    // A failed start leaves unpacked files: take them away so the directory stays new for another try.
    const found = readPgVersion(dir);
    if (!existed) rmSync(dir, { recursive: true, force: true });
    else for (const entry of readdirSync(dir)) rmSync(path.join(dir, entry), { recursive: true, force: true });
    if (found && found !== PGLITE_POSTGRES_MAJOR) {
      throw new ConflictError(message('db.pglite_backup_other_major', { file, found, expected: PGLITE_POSTGRES_MAJOR }));
    }
    throw error;
  }
  await client.close();
}

/**
 * The PG_VERSION entry of a PGlite data-directory tarball (gzipped ustar, as dumpDataDir writes it),
 * read without unpacking; null when the file is not such a tarball or has no such entry.
 */
export function pgVersionInTarball(bytes: Buffer): string | null {
  let tar: Uint8Array;
  try {
    tar = gunzipSync(bytes);
  } catch {
    return null;
  }
  const text = (from: number, length: number) => Buffer.from(tar.subarray(from, from + length)).toString('utf8').replace(/\0.*$/s, '');
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const name = text(offset, 100);
    if (!name) return null;
    const size = parseInt(text(offset + 124, 12).trim() || '0', 8);
    if (name.replace(/^\.?\//, '') === 'PG_VERSION') return text(offset + 512, size).trim();
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return null;
}

function readPgVersion(dir: string): string | null {
  const file = path.join(dir, 'PG_VERSION');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}

/** pg_dump's plain format starts with its comment header; our PGlite backups are gzipped tarballs. */
function isPlainSqlDump(bytes: Buffer): boolean {
  return bytes.subarray(0, 64).toString('utf8').startsWith('--\n-- PostgreSQL database dump');
}

/** pg_dump or pg_restore: from THEODOI_PG_BIN, Debian's newest PostgreSQL, or the PATH. */
function postgresTool(name: 'pg_dump' | 'pg_restore'): string {
  if (process.env.THEODOI_PG_BIN) return `${process.env.THEODOI_PG_BIN}/${name}`;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => existsSync(`${debian}/${v}/bin/${name}`)).sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return `${debian}/${versions[0]}/bin/${name}`;
  }
  return name;
}
