import { criteriaOf, type Criterion, type Framework } from './framework.ts';
import { appliesTo } from './score.ts';

export interface FrameworkGroupSummary {
  id: string;
  name: string;
  /** Points of every criterion of the group, whatever the unit kind. */
  max: number;
  /** Points a unit of each kind can reach in the group (criteria that do not apply to it left out). */
  maxByKind: Record<string, number>;
  criterionCount: number;
}

export interface FrameworkSummary {
  code: string;
  version: string;
  name: string;
  unitKinds: string[];
  groups: FrameworkGroupSummary[];
  criterionCount: number;
  maxByKind: Record<string, number>;
}

/** Where a criterion's points come from, for people reading the framework. */
export type CriterionSourceView =
  | { kind: 'indicator'; indicator: string; indicatorName: string | null; over: string }
  | { kind: 'share'; indicator: string; indicatorName: string | null; over: string; op: string; goal: number; unitKinds: string[] | null }
  | { kind: 'assessed'; evidence: string | null; verifier: string | null };

export interface CriterionView {
  id: string;
  group: string;
  groupName: string;
  name: string;
  rule: Criterion['rule'];
  max: number;
  /** The unit kinds the criterion scores, after the framework's, the group's and its own narrowing. */
  unitKinds: string[];
  /** The goal as the scoring explains it: "≥ 90", "50", "12 → 10; 24 → 15"; null for assessed criteria. */
  goal: string | null;
  source: CriterionSourceView;
}

/**
 * A framework's shape at a glance: its top-level groups with their points and criterion counts.
 *
 * @example
 * summarizeFramework(fw).groups[0]; // { id: 'nhan_thuc_so', name: 'Nhận thức số', max: 40, maxByKind: { agency: 40, commune: 40 }, criterionCount: 2 }
 */
export function summarizeFramework(framework: Framework): FrameworkSummary {
  const groups = new Map<string, FrameworkGroupSummary>(
    framework.groups.map((g) => [g.id, { id: g.id, name: g.name, max: 0, maxByKind: zeroByKind(framework), criterionCount: 0 }]),
  );
  const total = zeroByKind(framework);
  for (const { criterion, group, groupKinds } of criteriaOf(framework)) {
    const g = groups.get(group);
    if (!g) continue;
    g.max += criterion.max;
    g.criterionCount += 1;
    for (const kind of framework.unitKinds) {
      if (!appliesTo(criterion, groupKinds, framework, kind)) continue;
      g.maxByKind[kind] = (g.maxByKind[kind] ?? 0) + criterion.max;
      total[kind] = (total[kind] ?? 0) + criterion.max;
    }
  }
  const all = [...groups.values()];
  return {
    code: framework.code, version: framework.version, name: framework.name, unitKinds: [...framework.unitKinds],
    groups: all, criterionCount: all.reduce((n, g) => n + g.criterionCount, 0), maxByKind: total,
  };
}

/**
 * Every criterion of a framework in order, with its top-level group, rule, points and data source.
 *
 * @example
 * criteriaView(fw).find((c) => c.id === 'NT2')?.source; // { kind: 'indicator', indicator: 'DTI_TIN_BAI_CDS', indicatorName: 'Số tin, bài…', over: 'sum' }
 */
export function criteriaView(framework: Framework): CriterionView[] {
  const groupNames = new Map(framework.groups.map((g) => [g.id, g.name]));
  const indicatorNames = new Map(framework.indicators.map((i) => [i.code, i.name]));
  return criteriaOf(framework).map(({ criterion: c, group, groupKinds }) => ({
    id: c.id,
    group,
    groupName: groupNames.get(group) ?? group,
    name: c.name,
    rule: c.rule,
    max: c.max,
    unitKinds: framework.unitKinds.filter((kind) => appliesTo(c, groupKinds, framework, kind)),
    goal: goalText(c),
    source: sourceOf(c, indicatorNames),
  }));
}

function zeroByKind(framework: Framework): Record<string, number> {
  return Object.fromEntries(framework.unitKinds.map((k) => [k, 0]));
}

function goalText(c: Criterion): string | null {
  switch (c.rule) {
    case 'assessed': return null;
    case 'ratio': return String(c.goal);
    case 'threshold': return `${c.op} ${c.goal}`;
    case 'steps': return c.steps.map((s) => `${s.at} → ${s.points}`).join('; ');
  }
}

function sourceOf(c: Criterion, names: Map<string, string>): CriterionSourceView {
  if (c.rule === 'assessed') return { kind: 'assessed', evidence: c.evidence ?? null, verifier: c.verifier ?? null };
  if ('share' in c) {
    return {
      kind: 'share', indicator: c.share.indicator, indicatorName: names.get(c.share.indicator) ?? null, over: c.over,
      op: c.share.op, goal: c.share.goal, unitKinds: c.share.kinds ?? null,
    };
  }
  return { kind: 'indicator', indicator: c.indicator, indicatorName: names.get(c.indicator) ?? null, over: c.over };
}
