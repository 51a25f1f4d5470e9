import path from 'node:path';
import type { DatabaseLocation } from './db/connect-database.ts';
import { secretKeyFrom } from './domain/secrets/secret-box.ts';

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

/**
 * The key that seals stored secrets (THEODOI_SECRET_KEY), or null when none is set. A malformed key
 * throws, naming the variable: opening the app seals legacy secrets with it (openAppContext), so a
 * mistyped key stops the server or command at once instead of surfacing at the first delivery.
 */
export function secretKey(): Buffer | null {
  return secretKeyFrom(process.env);
}
