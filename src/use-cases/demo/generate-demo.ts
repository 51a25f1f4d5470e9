import type { AppContext } from '../../app-context.ts';
import { loadBuiltInRegistry } from '../../registry/hanoi.ts';
import { loadRegistryUnits } from '../../repositories/units.repository.ts';
import { generateCity, generatedUnits, type SimCity, type SimUnit } from '../../simulator/generate-city.ts';

export interface DemoOptions {
  seed?: number;
  /** `hanoi`: the registry's agencies and wards; `national`: a generated country of ≈3,400 units. */
  units?: 'hanoi' | 'national';
  /** ISO date after which no report has arrived yet (the demo's "today"); the truth uses the full path. */
  cutoff?: string;
}

/**
 * The demo city for a seed: the registry's departments and wards (from the database when it has
 * them, else the built-in registry) or a generated national set, with simulated series and truth.
 *
 * @example
 * const city = await generateDemo(ctx, { seed: 7, cutoff: '2026-11-22' });
 */
export async function generateDemo(ctx: AppContext | null, options: DemoOptions = {}): Promise<SimCity> {
  const units = options.units === 'national' ? generatedUnits('national') : await hanoiUnits(ctx);
  return generateCity({ seed: options.seed ?? 1, units, ...(options.cutoff ? { cutoff: options.cutoff } : {}) });
}

async function hanoiUnits(ctx: AppContext | null): Promise<SimUnit[]> {
  const stored = ctx ? await loadRegistryUnits(ctx.db) : [];
  const registry = stored.length > 0 ? stored : loadBuiltInRegistry();
  const open = registry.filter((u) => u.validTo === null && u.successors.length === 0);
  const picked: SimUnit[] = open
    .filter((u) => u.kind === 'city' || u.kind === 'agency' || u.kind === 'commune')
    .map((u) => ({ code: u.code, name: u.name, kind: u.kind as SimUnit['kind'], parent: u.parent }));
  // A registry without wards (a test fixture, a partial import) gets generated ones.
  return picked.some((u) => u.kind === 'commune') ? picked : generatedUnits('hanoi');
}
