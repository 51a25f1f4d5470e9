import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The real plans live outside the repository (their text stays there). Tests find them in
 * `SEEDS_DIR` or `../shared/seeds` next to the checkout, and skip with a message when they are
 * absent — unless `REQUIRE_SEEDS=1`, as in CI, where absence is a failure.
 */
export function seedsDir(): string | null {
  const candidates = [process.env.SEEDS_DIR, path.resolve(here, '../../../shared/seeds')].filter(
    (d): d is string => !!d,
  );
  const found = candidates.find((d) => existsSync(d));
  if (!found && process.env.REQUIRE_SEEDS === '1') {
    throw new Error(`REQUIRE_SEEDS=1 but no seeds directory found (looked in: ${candidates.join(', ')})`);
  }
  if (!found) console.warn(`Seeds not found (looked in: ${candidates.join(', ')}); seed tests are skipped.`);
  return found ?? null;
}

/** The seed whose file name starts with `prefix` ("001", "003", "004"), or null when seeds are absent. */
export function seedPath(prefix: string): string | null {
  const dir = seedsDir();
  if (!dir) return null;
  const file = readdirSync(dir).find((f) => f.startsWith(prefix));
  if (!file) {
    if (process.env.REQUIRE_SEEDS === '1') throw new Error(`Seed ${prefix} missing in ${dir}`);
    return null;
  }
  return path.join(dir, file);
}

export function readSeed(prefix: string): string | null {
  const p = seedPath(prefix);
  return p ? readFileSync(p, 'utf8') : null;
}
