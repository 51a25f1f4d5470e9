import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConflictError } from '../domain/errors.ts';
import { message } from '../domain/messages/message.ts';

/**
 * The PostgreSQL major version of the PGlite we ship (PGlite 0.5 is PostgreSQL 18). PostgreSQL keeps
 * no on-disk compatibility across majors, so a data directory written by another PGlite line (0.4 was
 * PostgreSQL 17) cannot be opened: PGlite then fails with a bare "failed to initialize properly".
 * `pglite-data-dir-format.test.ts` checks this constant against what PGlite really writes.
 */
export const PGLITE_POSTGRES_MAJOR = '18';

/**
 * Refuses, before PGlite touches it, a data directory of another PostgreSQL major, saying what the
 * operator must do (README "Upgrading from PGlite 0.4"). A new or empty directory passes.
 */
export function assertPgliteDataDirFormat(dataDir: string): void {
  const versionFile = path.join(dataDir, 'PG_VERSION');
  if (!existsSync(versionFile)) return;
  const found = readFileSync(versionFile, 'utf8').trim();
  if (found === PGLITE_POSTGRES_MAJOR) return;
  throw new ConflictError(message('db.pglite_data_dir_other_major', { dir: dataDir, found, expected: PGLITE_POSTGRES_MAJOR }));
}
