#!/usr/bin/env node
/**
 * Upgrading an embedded database from PGlite 0.4 (PostgreSQL 17) to PGlite 0.5 (PostgreSQL 18): a
 * data directory cannot cross a PostgreSQL major, so the old one is dumped to SQL with the old PGlite
 * and its pg_dump, then replayed into a new directory by `theodoi db restore`. This script does the
 * dump; it loads PGlite 0.4 from a directory given by PGLITE04_MODULES (the old packages are not
 * Theo Dõi's dependencies any more):
 *
 *   npm install --prefix /tmp/pglite04 @electric-sql/pglite@0.4.6 @electric-sql/pglite-tools@0.3.6
 *   PGLITE04_MODULES=/tmp/pglite04 node scripts/pglite-0.4-dump.mjs ./data theodoi-pglite04.sql
 *
 * It only reads the old directory (stop the server first: nothing may write it meanwhile).
 */
import { Buffer } from 'node:buffer';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

/**
 * The parts of the old packages used here (they are loaded from outside the project, untyped).
 * @typedef {{ close(): Promise<void> }} OldPGlite
 * @typedef {{ PGlite: { create(options: { dataDir: string }): Promise<OldPGlite> } }} OldPGliteModule
 * @typedef {{ pgDump(options: { pg: OldPGlite, args: string[] }): Promise<Blob> }} OldPgDumpModule
 */

const [dataDir, outFile] = process.argv.slice(2);
const modules = process.env.PGLITE04_MODULES;
if (!dataDir || !outFile || !modules) {
  process.stderr.write('usage: PGLITE04_MODULES=<dir with @electric-sql/pglite@0.4 and pglite-tools@0.3> node scripts/pglite-0.4-dump.mjs <old data dir> <out.sql>\n');
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(modules), 'package.json'));
/** @param {string} specifier */
const load = (specifier) => import(pathToFileURL(require.resolve(specifier)).href);
// The old packages come from outside the project and carry no types here: the typedefs above say what is used.
// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
const oldPglite = /** @type {OldPGliteModule} */ (await load('@electric-sql/pglite'));
// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
const oldTools = /** @type {OldPgDumpModule} */ (await load('@electric-sql/pglite-tools/pg_dump'));
const PGlite = oldPglite.PGlite;
const pgDump = (/** @type {{ pg: OldPGlite, args: string[] }} */ options) => oldTools.pgDump(options);

const pg = await PGlite.create({ dataDir });
try {
  const dump = await pgDump({ pg, args: ['--no-owner'] });
  await writeFile(outFile, Buffer.from(await dump.arrayBuffer()), { flag: 'wx' });
} finally {
  await pg.close();
}
process.stdout.write(`${outFile}: restore it with "theodoi db restore ${outFile}" into a new data directory\n`);
