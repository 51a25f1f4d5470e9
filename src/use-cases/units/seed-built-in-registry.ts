import type { AppContext } from '../../app-context.ts';
import { loadBuiltInRegistry } from '../../registry/hanoi.ts';
import { registryIsEmpty, type UpsertOutcome } from '../../repositories/units.repository.ts';
import { importRegistryUnits } from './import-units.ts';

/**
 * Loads the built-in Hanoi registry when the database has no unit yet (first run, demo); leaves a
 * registry that already has units alone. Returns what was created, or null when nothing was done.
 *
 * @example
 * await seedBuiltInRegistry(ctx); // before `units list` on a fresh data directory
 */
export async function seedBuiltInRegistry(ctx: AppContext): Promise<UpsertOutcome | null> {
  if (!(await registryIsEmpty(ctx.db))) return null;
  return importRegistryUnits(ctx, loadBuiltInRegistry());
}
