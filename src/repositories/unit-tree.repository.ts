import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { UnitTree } from '../domain/rollup/unit-tree.ts';

/**
 * The whole administrative tree with validity intervals and successions, in two queries. At national
 * scale (≈3,400 units) this is a few hundred kilobytes, so callers load it once per batch of work.
 *
 * @example
 * const tree = await loadUnitTree(ctx.db);
 * tree.byCode.get('P_VINH_TUY');
 */
export async function loadUnitTree(db: Kysely<Database>): Promise<UnitTree> {
  const [units, successions] = await Promise.all([
    db.selectFrom('units').select(['id', 'code', 'kind', 'parent_id', 'valid_from', 'valid_to']).execute(),
    db.selectFrom('unit_successions').select(['predecessor_id', 'successor_id', 'effective_on']).execute(),
  ]);
  return new UnitTree(
    units.map((u) => ({ id: u.id, code: u.code, kind: u.kind, parentId: u.parent_id, validFrom: u.valid_from, validTo: u.valid_to })),
    successions.map((s) => ({ predecessorId: s.predecessor_id, successorId: s.successor_id, effectiveOn: s.effective_on })),
  );
}
