import type { AppContext } from '../../app-context.ts';
import { InputError, problem } from '../../domain/errors.ts';
import type { TargetStatus } from '../../domain/evaluation/evaluate-target.ts';
import { parsePeriod } from '../../domain/periods/period.ts';
import { listAlerts } from '../../repositories/alerts.repository.ts';
import { subjectNames, targetPillars } from '../../repositories/evaluation.repository.ts';
import { lastAuditId } from '../../repositories/audit.repository.ts';
import { listObligations } from '../../repositories/reporting.repository.ts';
import { activeFrameworks } from '../../repositories/scores.repository.ts';
import { readScoreRanks } from '../../repositories/snapshots.repository.ts';
import { loadUnitTree } from '../../repositories/unit-tree.repository.ts';
import { evaluateReadableTargets, subtreeIds, type EvaluatedTarget, type ReadCheck } from '../evaluation/evaluate-targets.ts';
import { computeTimeliness } from '../reporting/get-timeliness.ts';
import { getRanking } from '../scores/get-ranking.ts';
import { coverageFloor, coverageShare } from '../../domain/scoring/rank.ts';
import { pillarsOfTargets } from './framework-pillars-of-targets.ts';
import { message } from '../../domain/messages/message.ts';

export const STATUSES: readonly TargetStatus[] = ['met', 'on_track', 'at_risk', 'missed', 'no_data', 'unlinked'];
type Counts = Record<TargetStatus, number>;

/** How many risks, ranked units at each end and late units the first screen lists. */
export const OVERVIEW_LIMITS = { risks: 10, rankingEnd: 5, lateUnits: 10, textChars: 160 } as const;

export interface OverviewRankRow {
  unit: string;
  name: string | null;
  score: number;
  max: number;
  rank: number;
  /** Applicable criteria with a figure (or appraised), and those still unknown: a score is read beside its coverage. */
  coverage: { withData: number; missing: number };
  /** Coverage below the framework's `minCoverage` × the best of its kind: ranked after the units with enough data. */
  lowCoverage: boolean;
}

export interface Overview {
  unit: { code: string; name: string | null };
  asOf: string;
  targets: { total: number; counts: Counts };
  /** What the groups are: the plans' pillars (outermost sections); a target no section holds goes under its indicator's name. */
  groupedBy: 'plan_section';
  groups: { name: string; total: number; counts: Counts }[];
  /**
   * The same targets under the scoring framework's pillars (its top-level groups), in the
   * framework's order, only those holding targets; `ungrouped` counts what no pillar claims. The
   * leader's cards read this; `groups` stays for older clients.
   */
  pillars: {
    framework: { code: string; version: string; name: string } | null;
    groups: { id: string; name: string; total: number; counts: Counts }[];
    ungrouped: { total: number; counts: Counts };
  };
  /** Open alerts of the subtree the caller may read, by severity. */
  alerts: { open: number; critical: number; warning: number; info: number };
  risks: { code: string; text: string | null; unit: string | null; unitName: string | null; status: TargetStatus; pMiss: number; due: string | null }[];
  ranking: {
    framework: string; version: string; period: string; kind: string;
    /** Units of this kind ranked in the subtree (top and bottom are excerpts of them). */
    ranked: number;
    top: OverviewRankRow[];
    bottom: OverviewRankRow[];
  } | null;
  lateReports: {
    periods: string[];
    /** Reports due so far over those periods, and how many left late or are still missing past their deadline. */
    due: number; late: number; missing: number; lateCount: number;
    units: { code: string; name: string; lateCount: number }[];
  };
}

/**
 * What the leader's first screen shows for a unit's subtree, as the caller may read it, in a few
 * kilobytes: counts of targets by status and by pillar, the riskiest targets, an excerpt of the
 * ranking and the late reports. Every figure comes from the use case behind its own endpoint
 * (evaluation, ranking, timeliness), so the overview never disagrees with the lists it summarises.
 *
 * @example
 * const o = await getOverview(ctx, { unit: 'HN', asOf: '2026-06-30' }, (codes) => readVisibility(request, codes));
 * o.targets.counts.at_risk // 42
 */
export async function getOverview(
  ctx: AppContext,
  query: { unit: string; asOf?: string | undefined; framework?: string | undefined },
  readable: ReadCheck,
): Promise<Overview> {
  const { asOf, targets } = await evaluateReadableTargets(ctx, { unit: query.unit, asOf: query.asOf }, readable);
  const tree = await loadUnitTree(ctx.db);
  const root = tree.byCode.get(query.unit);
  if (!root) throw new InputError(message('evaluation.unknown_unit'), [problem({ field: 'unit' }, message('evaluation.unknown_unit_again', { unit: query.unit }))]);
  const inSubtree = new Set(subtreeIds(tree, root.id).map((id) => tree.units.get(id)?.code).filter((c): c is string => c !== undefined));

  const [groups, pillars, ranking, lateReports, alerts] = await Promise.all([
    groupCounts(ctx, targets),
    pillarCounts(ctx, targets, query.framework),
    rankingExcerpt(ctx, query.framework, asOf, inSubtree, readable),
    lateReportCounts(ctx, asOf, inSubtree, readable),
    openAlertCounts(ctx, subtreeIds(tree, root.id), readable),
  ]);
  // Risks: targets still open whose forecast most likely misses. Met ones are done, and "no data"
  // and "not linked" carry pMiss 0.5 as "unknown", not as a risk.
  const risky = targets
    .filter((t) => t.status !== 'met' && t.status !== 'no_data' && t.status !== 'unlinked')
    .sort((a, b) => b.pMiss - a.pMiss || (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.code.localeCompare(b.code))
    .slice(0, OVERVIEW_LIMITS.risks);
  const names = await subjectNames(ctx.db, { targets: [], units: [query.unit, ...risky.map((t) => t.unit).filter((u): u is string => u !== null)], tasks: [], indicators: [] });
  return {
    unit: { code: query.unit, name: names.units.get(query.unit) ?? null },
    asOf,
    targets: { total: targets.length, counts: countStatuses(targets) },
    groupedBy: 'plan_section',
    groups,
    pillars,
    alerts,
    risks: risky.map((t) => ({
      code: t.code, text: shorten(t.text), unit: t.unit, unitName: t.unit ? names.units.get(t.unit) ?? null : null,
      status: t.status, pMiss: Math.round(t.pMiss * 1000) / 1000, due: t.due,
    })),
    ranking,
    lateReports,
  };
}

/**
 * What a kept overview depends on besides the live events: every audited change (a classification,
 * a plan published, a report submitted, a link) moves it. Read before computing, so a change that
 * lands meanwhile makes the next request compute again.
 */
export async function overviewDataVersion(ctx: AppContext): Promise<number> {
  return lastAuditId(ctx.db);
}

export function countStatuses(targets: readonly { status: TargetStatus }[]): Counts {
  const counts: Counts = { met: 0, on_track: 0, at_risk: 0, missed: 0, no_data: 0, unlinked: 0 };
  for (const t of targets) counts[t.status] += 1;
  return counts;
}

/** Long plan sentences are cut: the screen shows a line, the target's page shows the whole. */
function shorten(text: string | null): string | null {
  if (text === null || text.length <= OVERVIEW_LIMITS.textChars) return text;
  return `${text.slice(0, OVERVIEW_LIMITS.textChars - 1).trimEnd()}…`;
}

/**
 * Counts under the plans' pillars, as the dashboard groups them. Scoring frameworks group their
 * criteria, not plan targets, so the plan is the only grouping every target has. A set's member
 * ("CT-01.P_X") falls under its set's pillar; a target outside any section under its indicator.
 */
async function groupCounts(ctx: AppContext, targets: readonly EvaluatedTarget[]): Promise<Overview['groups']> {
  const setCode = (code: string) => code.split('.')[0] ?? code;
  const pillars = await targetPillars(ctx.db, [...new Set(targets.flatMap((t) => [t.code, setCode(t.code)]))]);
  const unplaced = targets.filter((t) => !pillars.has(t.code) && !pillars.has(setCode(t.code)));
  const indicators = (await subjectNames(ctx.db, { targets: [], units: [], tasks: [], indicators: [...new Set(unplaced.flatMap((t) => (t.indicator ? [t.indicator] : [])))] })).indicators;
  const groups = new Map<string, EvaluatedTarget[]>();
  for (const t of targets) {
    const name = pillars.get(t.code) ?? pillars.get(setCode(t.code)) ?? (t.indicator ? indicators.get(t.indicator) ?? t.indicator : '—');
    groups.set(name, [...(groups.get(name) ?? []), t]);
  }
  return [...groups.entries()]
    .map(([name, list]) => ({ name, total: list.length, counts: countStatuses(list) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true }));
}

/** Counts under the framework's pillars (see `pillarsOfTargets`), and those no pillar claims. */
async function pillarCounts(ctx: AppContext, targets: readonly EvaluatedTarget[], framework: string | undefined): Promise<Overview['pillars']> {
  const placed = await pillarsOfTargets(ctx, targets, framework);
  const byPillar = new Map<string, EvaluatedTarget[]>();
  const ungrouped: EvaluatedTarget[] = [];
  for (const t of targets) {
    const pillar = placed.pillarOf(t.code);
    if (pillar) byPillar.set(pillar.id, [...(byPillar.get(pillar.id) ?? []), t]);
    else ungrouped.push(t);
  }
  return {
    framework: placed.framework,
    groups: placed.pillars.filter((p) => byPillar.has(p.id)).map((p) => {
      const list = byPillar.get(p.id) ?? [];
      return { id: p.id, name: p.name, total: list.length, counts: countStatuses(list) };
    }),
    ungrouped: { total: ungrouped.length, counts: countStatuses(ungrouped) },
  };
}

/** Open alerts of the subtree's units that the caller may read, counted by severity. */
async function openAlertCounts(ctx: AppContext, unitIds: number[], readable: ReadCheck): Promise<Overview['alerts']> {
  const rows = await listAlerts(ctx.db, { unitIds, open: true });
  const canRead = await readable([...new Set(rows.map((a) => a.unit))]);
  const counts = { open: 0, critical: 0, warning: 0, info: 0 };
  for (const a of rows) {
    if (!canRead(a.unit, a.classified)) continue;
    counts.open += 1;
    counts[a.severity] += 1;
  }
  return counts;
}

/**
 * The top and bottom of the ranking among the subtree's units of its most ranked kind (ranks are
 * per kind: wards with wards), from the same snapshot GET /scores reads; null when no framework is
 * stored or nothing in the subtree is scored for the year of `asOf`.
 */
async function rankingExcerpt(ctx: AppContext, code: string | undefined, asOf: string, inSubtree: ReadonlySet<string>, readable: ReadCheck): Promise<Overview['ranking']> {
  const [framework] = await activeFrameworks(ctx.db, code);
  if (!framework) {
    if (code) throw new InputError(message('overview.unknown_framework'), [problem({ field: 'framework' }, message('overview.unknown_framework_again', { code }))]);
    return null;
  }
  // Places only (no explanations) for the whole ranking: the excerpt needs a few rows of thousands.
  const period = asOf.slice(0, 4);
  let places = await readScoreRanks(ctx.db, { framework: framework.code, period });
  if (places.length === 0) {
    await getRanking(ctx, { framework: framework.code, period }); // computes and stores the year's first ranking
    places = await readScoreRanks(ctx.db, { framework: framework.code, period });
  }
  const canRead = await readable(places.map((s) => s.unit).filter((u) => inSubtree.has(u)));
  const rows = places.filter((s) => inSubtree.has(s.unit) && canRead(s.unit));
  const byKind = new Map<string, typeof rows>();
  for (const s of rows) byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s]);
  const [kind, ranked] = [...byKind.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0] ?? [];
  if (!kind || !ranked) return null;
  ranked.sort((a, b) => a.rank - b.rank || coverageShare(b) - coverageShare(a) || a.unit.localeCompare(b.unit));
  const n = OVERVIEW_LIMITS.rankingEnd;
  const top = ranked.slice(0, n);
  const bottom = ranked.slice(Math.max(n, ranked.length - n));
  // Below the framework's floor of coverage, as /scores marks it: relative to the best of the kind
  // across the whole ranking, not this subtree alone.
  const floor = coverageFloor(places.filter((s) => s.kind === kind), framework.minCoverage ?? 0);
  const names = (await subjectNames(ctx.db, { targets: [], units: [...top, ...bottom].map((s) => s.unit), tasks: [], indicators: [] })).units;
  const view = (s: (typeof ranked)[number]): OverviewRankRow => ({
    unit: s.unit, name: names.get(s.unit) ?? null, score: s.score, max: s.max, rank: s.rank, coverage: s.coverage, lowCoverage: coverageShare(s) < floor,
  });
  return { framework: framework.code, version: framework.version, period, kind, ranked: ranked.length, top: top.map(view), bottom: bottom.map(view) };
}

/**
 * The periods whose reports may be due by `asOf`: its month and the three before, its quarter and
 * the one before, its half and the one before, its year and the one before. Each obligation takes
 * the periods of its own cycle (computeTimeliness skips the rest).
 */
export function recentPeriods(asOf: string): string[] {
  const year = Number(asOf.slice(0, 4));
  const month = Number(asOf.slice(5, 7));
  const out: string[] = [];
  for (let k = 3; k >= 0; k--) {
    const m = month - k;
    out.push(m >= 1 ? `${year}-${String(m).padStart(2, '0')}` : `${year - 1}-${String(m + 12).padStart(2, '0')}`);
  }
  const q = Math.ceil(month / 3);
  out.push(q > 1 ? `${year}-Q${q - 1}` : `${year - 1}-Q4`, `${year}-Q${q}`);
  const h = month <= 6 ? 1 : 2;
  out.push(h === 2 ? `${year}-H1` : `${year - 1}-H2`, `${year}-H${h}`);
  out.push(String(year - 1), String(year));
  return out.filter((p) => parsePeriod(p) !== null);
}

/**
 * Reports the subtree's units owe that left late or are missing past their deadline, from the
 * timeliness GET /reporting/timeliness answers. An ad-hoc obligation fits every period but has one
 * deadline, so rows are counted once per obligation and deadline.
 */
async function lateReportCounts(ctx: AppContext, asOf: string, inSubtree: ReadonlySet<string>, readable: ReadCheck): Promise<Overview['lateReports']> {
  const periods = recentPeriods(asOf);
  const all = (await listObligations(ctx.db, { activeOnly: true })).filter((o) => inSubtree.has(o.unit.code));
  const canRead = await readable([...new Set(all.map((o) => o.unit.code))]);
  const obligations = all.filter((o) => canRead(o.unit.code));
  const { rows } = await computeTimeliness(ctx, obligations, periods);
  const seen = new Set<string>();
  const counts = { due: 0, late: 0, missing: 0 };
  const perUnit = new Map<string, { code: string; name: string; lateCount: number }>();
  for (const r of rows) {
    const key = `${r.obligationId}|${r.timeliness.dueBefore}`;
    if (seen.has(key) || r.timeliness.status === 'not_due') continue;
    seen.add(key);
    counts.due += 1;
    if (r.timeliness.status === 'on_time') continue;
    counts[r.timeliness.status] += 1;
    const entry = perUnit.get(r.unit.code) ?? { code: r.unit.code, name: r.unit.name, lateCount: 0 };
    entry.lateCount += 1;
    perUnit.set(r.unit.code, entry);
  }
  const units = [...perUnit.values()].sort((a, b) => b.lateCount - a.lateCount || a.code.localeCompare(b.code)).slice(0, OVERVIEW_LIMITS.lateUnits);
  return { periods, ...counts, lateCount: counts.late + counts.missing, units };
}
