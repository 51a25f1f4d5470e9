import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { RegistryUnit, UnitKind } from '../domain/units/unit.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Filters for listing units; all optional. */
export interface UnitFilter {
  kind?: string;
  /** Code of the parent: only its direct children. */
  parent?: string;
  /** ISO date: only units valid on that day. */
  asOf?: string;
  /** Only these codes. */
  codes?: string[];
}

/** What an import did, unit by unit. */
export interface UpsertOutcome {
  created: string[];
  updated: string[];
  unchanged: string[];
}

/** One succession edge, as the history of a unit shows it. */
export interface SuccessionEdge {
  predecessor: string;
  successor: string;
  effectiveOn: string;
}

/**
 * Every unit of the registry with its aliases and successors, parents before children, each level
 * in code order — the input the name resolver and the exporters need.
 *
 * @example
 * const resolver = new UnitResolver(await loadRegistryUnits(ctx.db));
 */
export async function loadRegistryUnits(db: Db, filter: UnitFilter = {}): Promise<RegistryUnit[]> {
  let query = db
    .selectFrom('units as u')
    .leftJoin('units as p', 'p.id', 'u.parent_id')
    .select([
      'u.id',
      'u.code',
      'u.name',
      'u.kind',
      'p.code as parent',
      sql<string | null>`u.valid_from::text`.as('valid_from'),
      sql<string | null>`u.valid_to::text`.as('valid_to'),
    ]);
  if (filter.codes) {
    if (filter.codes.length === 0) return [];
    query = query.where('u.code', 'in', filter.codes);
  }
  if (filter.kind) query = query.where('u.kind', '=', filter.kind);
  if (filter.parent) query = query.where('p.code', '=', filter.parent);
  if (filter.asOf) {
    const day = filter.asOf;
    query = query
      .where((eb) => eb.or([eb('u.valid_from', 'is', null), eb('u.valid_from', '<=', day)]))
      .where((eb) => eb.or([eb('u.valid_to', 'is', null), eb('u.valid_to', '>=', day)]));
  }
  // Sorted here, not in SQL: collations differ between engines, and exports must not.
  const rows = (await query.execute()).sort((a, b) => compareCodePoints(a.code, b.code));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [aliases, successions] = await Promise.all([
    db.selectFrom('unit_aliases').select(['unit_id', 'alias']).where('unit_id', 'in', ids).execute(),
    db
      .selectFrom('unit_successions as s')
      .innerJoin('units as n', 'n.id', 's.successor_id')
      .select(['s.predecessor_id', 'n.code', sql<string>`s.effective_on::text`.as('effective_on')])
      .where('s.predecessor_id', 'in', ids)
      .execute(),
  ]);
  const aliasesOf = groupBy(aliases, (a) => a.unit_id);
  const successorsOf = groupBy(successions, (s) => s.predecessor_id);
  const units = rows.map((r) => ({
    code: r.code,
    name: r.name,
    kind: r.kind as UnitKind,
    parent: r.parent,
    aliases: (aliasesOf.get(r.id) ?? []).map((a) => a.alias).sort(compareCodePoints),
    validFrom: r.valid_from,
    validTo: r.valid_to,
    successors: (successorsOf.get(r.id) ?? [])
      .map((s) => ({ code: s.code, effectiveOn: s.effective_on }))
      .sort((a, b) => compareCodePoints(`${a.effectiveOn}${a.code}`, `${b.effectiveOn}${b.code}`)),
  }));
  return parentsFirst(units);
}

/** The unit with `code`, or undefined. */
export async function findRegistryUnit(db: Db, code: string): Promise<RegistryUnit | undefined> {
  const [unit] = await loadRegistryUnits(db, { codes: [code] });
  return unit;
}

/** Codes of the units directly under `code`, in code order. */
export async function childCodes(db: Db, code: string): Promise<string[]> {
  const rows = await db
    .selectFrom('units as c')
    .innerJoin('units as p', 'p.id', 'c.parent_id')
    .select('c.code')
    .where('p.code', '=', code)
    .execute();
  return rows.map((r) => r.code).sort(compareCodePoints);
}

/** Every succession edge that reaches or leaves the units in `codes` (one step). */
export async function successionsTouching(db: Db, codes: string[]): Promise<SuccessionEdge[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom('unit_successions as s')
    .innerJoin('units as p', 'p.id', 's.predecessor_id')
    .innerJoin('units as n', 'n.id', 's.successor_id')
    .select(['p.code as predecessor', 'n.code as successor', sql<string>`s.effective_on::text`.as('effectiveOn')])
    .where((eb) => eb.or([eb('p.code', 'in', codes), eb('n.code', 'in', codes)]))
    .orderBy('s.effective_on')
    .orderBy('p.code')
    .orderBy('n.code')
    .execute();
  return rows;
}

/** The codes already in the registry. */
export async function existingUnitCodes(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('units').select('code').execute();
  return new Set(rows.map((r) => r.code));
}

/** True when the registry holds no unit at all. */
export async function registryIsEmpty(db: Db): Promise<boolean> {
  const any = await db.selectFrom('units').select('id').limit(1).executeTakeFirst();
  return any === undefined;
}

/**
 * Inserts or updates `units` by code, inside the caller's transaction: names, kinds, validity,
 * parents; aliases and successors of each given unit are replaced by the given ones. Units not given
 * are left as they are — an import never deletes. Rewriting an identical unit is reported unchanged
 * and writes nothing.
 */
export async function upsertRegistryUnits(trx: Transaction<Database>, units: RegistryUnit[]): Promise<UpsertOutcome> {
  const before = new Map((await loadRegistryUnits(trx)).map((u) => [u.code, u]));
  const outcome: UpsertOutcome = { created: [], updated: [], unchanged: [] };
  const changed = units.filter((u) => {
    const old = before.get(u.code);
    if (!old) outcome.created.push(u.code);
    else if (sameUnit(old, u)) outcome.unchanged.push(u.code);
    else outcome.updated.push(u.code);
    return !old || !sameUnit(old, u);
  });
  if (changed.length === 0) return outcome;

  // Rows first (parents may come later in the file), then the links between them. Batched: a
  // national registry is a few thousand units.
  for (const batch of chunks(changed, 1000)) {
    await trx
      .insertInto('units')
      .values(batch.map((u) => ({ code: u.code, name: u.name, kind: u.kind, parent_id: null, valid_from: u.validFrom, valid_to: u.validTo })))
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          kind: eb.ref('excluded.kind'),
          valid_from: eb.ref('excluded.valid_from'),
          valid_to: eb.ref('excluded.valid_to'),
        })),
      )
      .execute();
  }
  const ids = new Map((await trx.selectFrom('units').select(['id', 'code']).execute()).map((r) => [r.code, r.id]));
  const idOf = (code: string) => {
    const id = ids.get(code);
    if (id === undefined) throw new Error(`unit ${code} vanished during import`);
    return id;
  };
  const changedIds = changed.map((u) => idOf(u.code));
  for (const batch of chunks(changed, 1000)) {
    const pairs = batch.map((u) => sql`(${idOf(u.code)}::int, ${u.parent === null ? null : idOf(u.parent)}::int)`);
    await sql`update units set parent_id = v.parent_id from (values ${sql.join(pairs)}) as v(id, parent_id) where units.id = v.id`.execute(trx);
  }
  for (const batch of chunks(changedIds, 1000)) {
    await trx.deleteFrom('unit_aliases').where('unit_id', 'in', batch).execute();
    await trx.deleteFrom('unit_successions').where('predecessor_id', 'in', batch).execute();
  }
  const aliasRows = changed.flatMap((u) => [...new Set(u.aliases)].map((alias) => ({ unit_id: idOf(u.code), alias })));
  for (const batch of chunks(aliasRows, 1000)) await trx.insertInto('unit_aliases').values(batch).execute();
  const successionRows = changed.flatMap((u) =>
    u.successors.map((s) => ({ predecessor_id: idOf(u.code), successor_id: idOf(s.code), effective_on: s.effectiveOn })),
  );
  for (const batch of chunks(successionRows, 1000)) await trx.insertInto('unit_successions').values(batch).execute();
  return outcome;
}

function sameUnit(a: RegistryUnit, b: RegistryUnit): boolean {
  const key = (u: RegistryUnit) =>
    JSON.stringify([
      u.name,
      u.kind,
      u.parent,
      u.validFrom,
      u.validTo,
      [...new Set(u.aliases)].sort(),
      u.successors.map((s) => `${s.code}@${s.effectiveOn}`).sort(),
    ]);
  return key(a) === key(b);
}

/** Byte-order comparison, the same on every engine and locale. */
function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function groupBy<T, K>(items: T[], keyOf: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}

/** Orders units so each parent precedes its children (files and exports read top-down). */
function parentsFirst(units: RegistryUnit[]): RegistryUnit[] {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const out: RegistryUnit[] = [];
  const placed = new Set<string>();
  const place = (u: RegistryUnit, depth: number) => {
    if (placed.has(u.code) || depth > units.length) return;
    const parent = u.parent ? byCode.get(u.parent) : undefined;
    if (parent) place(parent, depth + 1);
    placed.add(u.code);
    out.push(u);
  };
  for (const u of units) place(u, 0);
  return out;
}
