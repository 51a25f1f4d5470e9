import type { AppContext } from '../../app-context.ts';
import { behindWeight, targetGap } from '../../domain/evaluation/behind-weight.ts';
import type { TargetStatus } from '../../domain/evaluation/evaluate-target.ts';
import { InputError, problem } from '../../domain/errors.ts';
import { UNIT_KINDS } from '../../domain/units/unit.ts';
import { subjectNames } from '../../repositories/evaluation.repository.ts';
import { loadUnitTree } from '../../repositories/unit-tree.repository.ts';
import { listAlerts } from '../alerts/list-alerts.ts';
import { evaluateReadableTargets, subtreeIds, type EvaluatedTarget, type ReadCheck } from '../evaluation/evaluate-targets.ts';
import { message } from '../../domain/messages/message.ts';

/** How many reasons (targets pulling a unit behind) each row names. */
export const BEHIND_REASONS = 3;

/** Words officials use for a level, mapped to the registry's unit kinds ("ward" and "xa" are communes). */
const LEVEL_ALIASES: Record<string, string> = { ward: 'commune', phuong: 'commune', xa: 'commune', department: 'agency', so: 'agency' };

export interface BehindReason {
  code: string;
  text: string | null;
  status: TargetStatus;
  current: number | null;
  goal: number | null;
  op: string;
  /** Short of the goal in the goal's unit (positive = short); null when unknown. */
  gap: number | null;
  due: string | null;
  pMiss: number;
  weight: number;
  /** What the goal counts ("%"): current, goal and gap are written with it. */
  measure: string | null;
}

export interface BehindUnit {
  code: string;
  name: string | null;
  kind: string;
  /** Sum of the targets' behind weights (docs/scoring.md); 0 when nothing is at risk or missed. */
  score: number;
  counts: Record<TargetStatus, number>;
  total: number;
  reasons: BehindReason[];
  openAlerts: number;
  /** Targets with data over all targets (0–1; "no data" and "not linked" are without); null when the unit has no targets. */
  coverage: number | null;
}

export interface UnitsBehind {
  unit: { code: string; name: string | null };
  asOf: string;
  level: string | null;
  /** Units with at least one evaluated target, furthest behind first. */
  ranked: (BehindUnit & { rank: number })[];
  /** Units without a single evaluated target ("chưa có dữ liệu"): not ranked, listed by name. */
  noData: BehindUnit[];
}

/**
 * Which units under `unit` are furthest behind, and why: each unit's targets (its subtree's,
 * as the caller may read them) weighted by importance, severity and time left
 * (`behindWeight`), with the heaviest reasons named. A unit with no evaluated target is not
 * ranked worst: it goes to `noData`, since missing data is not evidence of being behind.
 *
 * @example
 * const b = await listUnitsBehind(ctx, { unit: 'HN', level: 'ward' }, (codes) => readVisibility(request, codes));
 * b.ranked[0] // { code: 'P_A', name: 'Phường A', score: 3.1, counts: { at_risk: 2, … }, reasons: [{ code: 'CT1.P_A', gap: 19, … }], … }
 */
export async function listUnitsBehind(
  ctx: AppContext,
  query: { unit: string; level?: string | undefined; asOf?: string | undefined },
  readable: ReadCheck,
): Promise<UnitsBehind> {
  const tree = await loadUnitTree(ctx.db);
  const root = tree.byCode.get(query.unit);
  if (!root) throw new InputError(message('evaluation.unknown_unit'), [problem({ field: 'unit' }, message('evaluation.unknown_unit_again', { unit: query.unit }))]);
  const kind = query.level ? LEVEL_ALIASES[query.level] ?? query.level : null;
  if (kind !== null && !(UNIT_KINDS as readonly string[]).includes(kind)) {
    throw new InputError(message('unit.unknown_level'), [problem({ field: 'level' }, message('unit.not_unit_level', { level: String(query.level), value: ['ward', ...UNIT_KINDS].join(', ') }))]);
  }
  const { asOf, targets } = await evaluateReadableTargets(ctx, { unit: query.unit, asOf: query.asOf }, readable);
  const inRoot = subtreeIds(tree, root.id);
  const alive = (u: { validFrom: string | null; validTo: string | null }) => (u.validFrom === null || u.validFrom <= asOf) && (u.validTo === null || u.validTo >= asOf);
  // Without a level, the units directly below; with one, every unit of that kind in the subtree.
  const candidates = inRoot
    .slice(1)
    .map((id) => tree.units.get(id)!)
    .filter((u) => alive(u) && (kind === null ? u.parentId === root.id : u.kind === kind));

  // Each target belongs to the candidate whose subtree holds its unit (walking up the tree once).
  const candidateIds = new Set(candidates.map((u) => u.id));
  const ownerOf = (code: string | null): number | null => {
    let u = code === null ? undefined : tree.byCode.get(code);
    while (u) {
      if (candidateIds.has(u.id)) return u.id;
      u = u.parentId === null ? undefined : tree.units.get(u.parentId);
    }
    return null;
  };
  const byOwner = new Map<number, EvaluatedTarget[]>();
  for (const t of targets) {
    const owner = ownerOf(t.unit);
    if (owner !== null) byOwner.set(owner, [...(byOwner.get(owner) ?? []), t]);
  }
  const alertsOf = new Map<number, number>();
  const alerts = await listAlerts(ctx, { unit: query.unit, open: true });
  const canRead = await readable([...new Set(alerts.map((a) => a.unit))]);
  for (const a of alerts) {
    if (!canRead(a.unit, a.classified)) continue;
    const owner = ownerOf(a.unit);
    if (owner !== null) alertsOf.set(owner, (alertsOf.get(owner) ?? 0) + 1);
  }
  const names = await subjectNames(ctx.db, { targets: [], units: [query.unit, ...candidates.map((u) => u.code)], tasks: [], indicators: [] });

  const rows: BehindUnit[] = candidates.map((u) => {
    const list = byOwner.get(u.id) ?? [];
    const counts: Record<TargetStatus, number> = { met: 0, on_track: 0, at_risk: 0, missed: 0, no_data: 0, unlinked: 0 };
    for (const t of list) counts[t.status] += 1;
    const weighed = list.map((t) => ({ t, weight: behindWeight(t, asOf) })).filter((x) => x.weight > 0);
    weighed.sort((a, b) => b.weight - a.weight || (a.t.due ?? '9999').localeCompare(b.t.due ?? '9999') || a.t.code.localeCompare(b.t.code));
    return {
      code: u.code,
      name: names.units.get(u.code) ?? null,
      kind: u.kind,
      score: round(weighed.reduce((s, x) => s + x.weight, 0)),
      counts,
      total: list.length,
      reasons: weighed.slice(0, BEHIND_REASONS).map(({ t, weight }) => ({
        code: t.code, text: t.text, status: t.status, current: t.current, goal: t.goal, op: t.op,
        gap: roundOrNull(targetGap(t.op, t.goal, t.current)), due: t.due, pMiss: round(t.pMiss), weight: round(weight), measure: t.measure,
      })),
      openAlerts: alertsOf.get(u.id) ?? 0,
      coverage: list.length === 0 ? null : round((list.length - counts.no_data - counts.unlinked) / list.length),
    };
  });
  const byName = (a: BehindUnit, b: BehindUnit) => (a.name ?? a.code).localeCompare(b.name ?? b.code, 'vi');
  // A target nothing measures yet ("chưa gắn chỉ số") is no more evidence than one without data.
  const unmeasured = (r: BehindUnit) => r.counts.no_data + r.counts.unlinked;
  const withData = rows.filter((r) => r.total > unmeasured(r));
  // Heaviest first; at equal weight more targets missed or at risk, then fewer met; then by name.
  withData.sort((a, b) => b.score - a.score || (b.counts.missed + b.counts.at_risk) - (a.counts.missed + a.counts.at_risk) || a.counts.met - b.counts.met || byName(a, b));
  return {
    unit: { code: query.unit, name: names.units.get(query.unit) ?? null },
    asOf,
    level: kind,
    ranked: withData.map((r, i) => ({ ...r, rank: i + 1 })),
    noData: rows.filter((r) => r.total === unmeasured(r)).sort(byName),
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
function roundOrNull(x: number | null): number | null {
  return x === null ? null : round(x);
}
