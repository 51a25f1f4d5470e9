/**
 * The administrative tree as it stood on a given day. Units carry validity intervals, and a
 * succession (merger) moves a predecessor's series to its successor from the effective date. Pure.
 */
export interface TreeUnit {
  id: number;
  code: string;
  kind: string;
  parentId: number | null;
  /** ISO dates, inclusive; null means open-ended. */
  validFrom: string | null;
  validTo: string | null;
}

export interface TreeSuccession {
  predecessorId: number;
  successorId: number;
  effectiveOn: string;
}

/** Units and successions, indexed once and queried for many dates. */
export class UnitTree {
  readonly units: ReadonlyMap<number, TreeUnit>;
  readonly byCode: ReadonlyMap<string, TreeUnit>;
  private readonly children = new Map<number, TreeUnit[]>();
  private readonly successorsOf = new Map<number, TreeSuccession[]>();
  private readonly predecessorsOf = new Map<number, TreeSuccession[]>();

  constructor(units: readonly TreeUnit[], successions: readonly TreeSuccession[]) {
    const sorted = [...units].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    this.units = new Map(sorted.map((u) => [u.id, u]));
    this.byCode = new Map(sorted.map((u) => [u.code, u]));
    for (const u of sorted) {
      if (u.parentId === null) continue;
      const list = this.children.get(u.parentId) ?? [];
      list.push(u);
      this.children.set(u.parentId, list);
    }
    for (const s of successions) {
      push(this.successorsOf, s.predecessorId, s);
      push(this.predecessorsOf, s.successorId, s);
    }
    // Earliest first; among equal dates, the lowest successor id, so the choice is stable.
    for (const list of this.successorsOf.values()) list.sort((a, b) => cmp(a.effectiveOn, b.effectiveOn) || a.successorId - b.successorId);
  }

  /**
   * Whether the unit stood in the tree on `date`: inside its validity interval and not yet merged
   * away (a succession takes effect on its date even when the predecessor's `valid_to` is unset).
   */
  isActive(unitId: number, date: string): boolean {
    const u = this.units.get(unitId);
    if (!u) return false;
    if (u.validFrom !== null && u.validFrom > date) return false;
    if (u.validTo !== null && u.validTo < date) return false;
    return !(this.successorsOf.get(unitId) ?? []).some((s) => s.effectiveOn <= date);
  }

  /** Whether the unit was created after `date` (its validity starts later). */
  notYetStanding(unitId: number, date: string): boolean {
    const from = this.units.get(unitId)?.validFrom ?? null;
    return from !== null && from > date;
  }

  /** Children standing in the tree on `date`, by code. */
  activeChildren(unitId: number, date: string): TreeUnit[] {
    return (this.children.get(unitId) ?? []).filter((c) => this.isActive(c.id, date));
  }

  /**
   * Units merged into `unitId` on or before `date`: their cells for that date count toward it.
   * A split (one predecessor, several successors) sends the series to the first successor by date
   * and id, since one figure cannot be divided between two wards.
   */
  absorbedBy(unitId: number, date: string): TreeUnit[] {
    const out: TreeUnit[] = [];
    for (const s of this.predecessorsOf.get(unitId) ?? []) {
      if (s.effectiveOn > date) continue;
      const first = (this.successorsOf.get(s.predecessorId) ?? []).find((x) => x.effectiveOn <= date);
      if (first?.successorId !== unitId) continue;
      const p = this.units.get(s.predecessorId);
      if (p) out.push(p);
    }
    return out.sort((a, b) => cmp(a.code, b.code));
  }

  /** Units that later merged into `unitId` (whatever the date): a new unit's series starts with theirs. */
  predecessors(unitId: number): TreeUnit[] {
    return (this.predecessorsOf.get(unitId) ?? []).map((s) => this.units.get(s.predecessorId)).filter((u): u is TreeUnit => !!u);
  }

  /**
   * Where a unit's cell for `date` counts in the tree: the unit itself while it stands, else the
   * successor it was merged into (followed through chains of mergers), else null.
   */
  representative(unitId: number, date: string): number | null {
    let current = unitId;
    for (let hops = 0; hops < 32; hops++) {
      if (this.isActive(current, date)) return current;
      const next = (this.successorsOf.get(current) ?? []).find((s) => s.effectiveOn <= date);
      if (!next) return null;
      current = next.successorId;
    }
    return null;
  }

  /**
   * The ancestors whose roll-up a cell of `unitId` on `date` can change, nearest first (the
   * representative itself included). Used by the real-time engine to re-evaluate only what changed.
   */
  affectedUnits(unitId: number, date: string): number[] {
    const out: number[] = [unitId];
    const seen = new Set<number>([unitId]);
    const representative = this.representative(unitId, date);
    let current = representative === unitId ? (this.units.get(unitId)?.parentId ?? null) : representative;
    while (current !== null && !seen.has(current)) {
      out.push(current);
      seen.add(current);
      current = this.units.get(current)?.parentId ?? null;
    }
    return out;
  }

  /** Every unit in the subtree of `unitId` on `date` (itself included). */
  subtree(unitId: number, date: string): TreeUnit[] {
    const root = this.units.get(unitId);
    if (!root) return [];
    const out: TreeUnit[] = [root];
    const stack = [unitId];
    while (stack.length) {
      const id = stack.pop() as number;
      for (const c of [...this.activeChildren(id, date), ...this.absorbedBy(id, date)]) {
        out.push(c);
        stack.push(c.id);
      }
    }
    return out;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
