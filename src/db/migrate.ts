import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Database } from './database.ts';
import { sql, type Kysely } from 'kysely';
// Kysely 0.29 moved the migrator to its own entry point.
import { DEFAULT_MIGRATION_TABLE, Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely/migration';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Loads `migrations/<timestamp>-<name>.ts` (from source) or `.js` (the compiled build in dist/) with
 * our own `import()`, so the TypeScript loader that runs the rest of the code (tsx, or Vitest in
 * tests) also loads the migrations. A migration's name never carries its extension, so a database
 * migrated from source and one migrated by the build agree.
 */
class MigrationFolder implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const [name, file] of await migrationFiles()) {
      migrations[name] = (await import(pathToFileURL(path.join(MIGRATIONS_DIR, file)).href)) as Migration;
    }
    return migrations;
  }
}

/** Migration name → file, in name order. */
async function migrationFiles(): Promise<[string, string][]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /\.(ts|js)$/.test(f) && !/\.(test|d)\.ts$/.test(f)).sort();
  return files.map((file) => [file.replace(/\.(ts|js)$/, ''), file]);
}

/**
 * True when the database has exactly the migrations of the folder applied. Kysely's migrator finds
 * that out too, but only after introspecting every table several times (about 0.7 s of CPU on
 * PGlite), and every CLI command and server start opens an up-to-date database.
 */
async function isUpToDate(db: Kysely<Database>): Promise<boolean> {
  const table = await sql<{ exists: boolean }>`select to_regclass(${DEFAULT_MIGRATION_TABLE}) is not null as exists`.execute(db);
  if (!table.rows[0]?.exists) return false;
  const applied = await sql<{ name: string }>`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)} order by name`.execute(db);
  const names = (await migrationFiles()).map(([name]) => name);
  return applied.rows.length === names.length && applied.rows.every((row, i) => row.name === names[i]);
}

/**
 * Brings the schema up to date, applying migrations in name (timestamp) order. An up-to-date database
 * gets an empty result without running the migrator; anything else (pending, unknown or missing
 * migrations) goes through Kysely's migrator, which applies or reports it.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  if (await isUpToDate(db)) return { results: [] };
  const migrator = new Migrator({ db, provider: new MigrationFolder() });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const reason = result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`, { cause: result.error });
  }
  return result;
}
