import { readFileSync } from 'node:fs';
import { InputError } from '../domain/errors.ts';
import type { RegistryUnit } from '../domain/units/unit.ts';
import { validateRegistryRows } from '../domain/units/validate-registry.ts';
import { parseRegistryCsv } from './registry-csv.ts';
import { message } from '../domain/messages/message.ts';

/** Where the built-in registry lives: a CSV in the registry file format, shipped with the code. */
export const BUILT_IN_REGISTRY_FILE = new URL('./hanoi-units.csv', import.meta.url);

let cached: RegistryUnit[] | null = null;

/**
 * The built-in registry of Hanoi: the city, its departments and agencies named in the plans, the
 * 126 communes and wards since 1 July 2025, Vĩnh Tuy ward's offices, schools, clinic and
 * residential groups, and merged predecessors (departments merged on 1 March 2025, Hai Bà Trưng
 * district and the old Vĩnh Tuy ward) with their successors. Read once, synchronously; callers get
 * a fresh copy they may modify.
 *
 * @example
 * const resolver = new UnitResolver(loadBuiltInRegistry());
 */
export function loadBuiltInRegistry(): RegistryUnit[] {
  if (!cached) {
    const { rows, problems } = parseRegistryCsv(readFileSync(BUILT_IN_REGISTRY_FILE, 'utf8'));
    const all = [...problems, ...validateRegistryRows(rows)];
    if (all.length > 0) throw new InputError(message('unit.built_in_registry_malformed'), all);
    cached = rows.map((r) => r.unit);
  }
  return cached.map((u) => ({ ...u, aliases: [...u.aliases], successors: u.successors.map((s) => ({ ...s })) }));
}
