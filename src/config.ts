import path from 'node:path';
import type { DatabaseLocation } from './db/connect-database.ts';

/**
 * Where the database is: `DATABASE_URL` names a real PostgreSQL; otherwise the embedded PGlite keeps
 * its files in `--data-dir`, `THEODOI_DATA_DIR`, or `./data`, in that order.
 */
export function databaseLocation(options: { dataDir?: string | undefined } = {}): DatabaseLocation {
  const url = process.env.DATABASE_URL;
  if (url) return { url };
  return { dataDir: path.resolve(options.dataDir ?? process.env.THEODOI_DATA_DIR ?? 'data') };
}

export function serverPort(option?: string | number): number {
  const raw = option ?? process.env.PORT ?? 3000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${String(raw)}`);
  return port;
}
