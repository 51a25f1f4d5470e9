import { InputError, problem, type Problem } from '../errors.ts';
import { COMPARATORS, type Comparator } from '../rollup/share-meeting.ts';
import { message, type Message } from '../messages/message.ts';

/**
 * A scoring framework (bộ chỉ số) as data: a versioned tree of groups and criteria, each criterion with
 * max points and one rule. Frameworks are written in YAML or JSON (see src/scoring-frameworks/) and
 * validated here, so a framework file is checked like any other input.
 */
export interface Framework {
  code: string;
  version: string;
  name: string;
  /** Unit kinds the framework ranks (e.g. ["commune"]); a criterion may narrow it further. */
  unitKinds: string[];
  /**
   * What a measured criterion without data counts for, unless the criterion says otherwise: `zero`
   * (it scores 0 of its max — the data was owed) or `exclude` (it is left out of the max, so the unit
   * is ranked on what is known, and its coverage shows what is not). Absent: `zero`.
   */
  missingData?: MissingData;
  /**
   * How much data a unit needs to be ranked among the others, as a share (0–1) of the best coverage
   * among the units of its kind; a unit below it is ranked after them and marked (rank.ts). Absent:
   * 0 (no floor).
   */
  minCoverage?: number;
  groups: FrameworkGroup[];
  /**
   * The indicators the framework expects, so a data source or the simulator can adopt the codes.
   * Informational: scoring reads each indicator's definition from the database.
   */
  indicators: FrameworkIndicator[];
}

export interface FrameworkIndicator {
  code: string;
  name: string;
  measure: string;
  direction: 'up' | 'down';
  aggregation: 'sum' | 'mean' | 'ratio' | 'min' | 'max' | 'last';
}

export interface FrameworkGroup {
  id: string;
  name: string;
  /** Unit kinds every criterion of the group applies to; absent means every kind of the framework. */
  appliesTo?: string[];
  criteria: Criterion[];
  groups: FrameworkGroup[];
}

export type MissingData = 'zero' | 'exclude';
export const MISSING_DATA: readonly MissingData[] = ['zero', 'exclude'];

/** How a month series becomes the one figure a period is scored on. */
export type Over = 'last' | 'sum' | 'mean' | 'max' | 'min';
export const OVERS: readonly Over[] = ['last', 'sum', 'mean', 'max', 'min'];

/** Where a measured criterion takes its input: an indicator's value for the unit, or the share of its child units meeting a threshold. */
export type CriterionSource =
  | { indicator: string; over: Over }
  | { share: { indicator: string; op: Comparator; goal: number; kinds?: string[] }; over: Over };

interface CriterionBase {
  id: string;
  name: string;
  max: number;
  appliesTo?: string[];
  /** Overrides the framework's `missingData` for this criterion. */
  missing?: MissingData;
  /** What evidence the unit must attach (text for people); the verifying unit's code. */
  evidence?: string;
  verifier?: string;
}

export type Criterion =
  | (CriterionBase & CriterionSource & { rule: 'ratio'; goal: number; direction?: 'up' | 'down' })
  | (CriterionBase & CriterionSource & { rule: 'steps'; steps: { at: number; points: number }[]; direction?: 'up' | 'down' })
  | (CriterionBase & CriterionSource & { rule: 'threshold'; op: Comparator; goal: number })
  | (CriterionBase & { rule: 'assessed' });

export type RuleName = Criterion['rule'];
export const RULES: readonly RuleName[] = ['ratio', 'steps', 'threshold', 'assessed'];

/** Every criterion of the framework with the top-level group it counts toward. */
export function criteriaOf(framework: Framework): { criterion: Criterion; group: string; groupKinds: string[] | null }[] {
  const out: { criterion: Criterion; group: string; groupKinds: string[] | null }[] = [];
  const walk = (g: FrameworkGroup, top: string, kinds: string[] | null) => {
    const narrowed = g.appliesTo ? (kinds ? kinds.filter((k) => g.appliesTo?.includes(k)) : g.appliesTo) : kinds;
    for (const c of g.criteria) out.push({ criterion: c, group: top, groupKinds: narrowed });
    for (const sub of g.groups) walk(sub, top, narrowed);
  };
  for (const g of framework.groups) walk(g, g.id, null);
  return out;
}

/** Indicator codes a framework reads, for loading data and for knowing which changes touch it. */
export function indicatorsOf(framework: Framework): string[] {
  const codes = new Set<string>();
  for (const { criterion } of criteriaOf(framework)) {
    if (criterion.rule === 'assessed') continue;
    codes.add('indicator' in criterion ? criterion.indicator : criterion.share.indicator);
  }
  return [...codes].sort();
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * Validates a parsed YAML/JSON framework, collecting every problem with the path of the field at
 * fault ("groups[1].criteria[0].goal").
 *
 * @example
 * parseFramework(YAML.parse(readFileSync('src/scoring-frameworks/hanoi-dti-commune.yaml', 'utf8')));
 */
export function parseFramework(raw: unknown): Framework {
  const problems: Problem[] = [];
  const fail = (field: string, said: Message) => problems.push(problem({ field }, said));
  if (!isRecord(raw)) throw new InputError(message('score.framework_must_object'), [{ field: '(root)', message: 'not an object' }]);
  const text = (obj: Record<string, unknown>, key: string, path: string, required = true): string | null => {
    const v = obj[key];
    if (v === undefined || v === null) {
      if (required) fail(path, message('score.required'));
      return null;
    }
    if (typeof v !== 'string' && typeof v !== 'number') {
      fail(path, message('score.must_text'));
      return null;
    }
    return String(v).normalize('NFC').trim();
  };
  const num = (obj: Record<string, unknown>, key: string, path: string, required = true): number | null => {
    const v = obj[key];
    if (v === undefined || v === null) {
      if (required) fail(path, message('score.required'));
      return null;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      fail(path, message('score.must_number'));
      return null;
    }
    return v;
  };
  const kinds = (obj: Record<string, unknown>, key: string, path: string): string[] | undefined => {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.some((k) => typeof k !== 'string')) {
      fail(path, message('score.must_list_of_unit_kinds'));
      return undefined;
    }
    return v as string[];
  };
  const ids = new Set<string>();
  const checkId = (id: string | null, path: string) => {
    if (id === null) return;
    if (!ID.test(id)) fail(path, message('score.invalid_id'));
    else if (ids.has(id)) fail(path, message('score.duplicate_id', { id }));
    ids.add(id);
  };

  const missingData = (obj: Record<string, unknown>, key: string, path: string): MissingData | null => {
    const v = obj[key];
    if (v === undefined || v === null) return null;
    if (typeof v === 'string' && (MISSING_DATA as readonly string[]).includes(v)) return v as MissingData;
    fail(path, message('score.missing_data_invalid', { choices: MISSING_DATA.join(', ') }));
    return null;
  };

  const parseCriterion = (c: unknown, path: string): Criterion | null => {
    if (!isRecord(c)) {
      fail(path, message('score.must_object'));
      return null;
    }
    const id = text(c, 'id', `${path}.id`);
    checkId(id, `${path}.id`);
    const name = text(c, 'name', `${path}.name`);
    const max = num(c, 'max', `${path}.max`);
    if (max !== null && max <= 0) fail(`${path}.max`, message('score.max_must_positive'));
    const rule = text(c, 'rule', `${path}.rule`);
    if (rule !== null && !RULES.includes(rule as RuleName)) fail(`${path}.rule`, message('score.unknown_rule', { rule, RULES: RULES.join(', ') }));
    const base: CriterionBase = { id: id ?? '', name: name ?? '', max: max ?? 0 };
    const appliesTo = kinds(c, 'appliesTo', `${path}.appliesTo`);
    if (appliesTo) base.appliesTo = appliesTo;
    const evidence = text(c, 'evidence', `${path}.evidence`, false);
    if (evidence) base.evidence = evidence;
    const verifier = text(c, 'verifier', `${path}.verifier`, false);
    if (verifier) base.verifier = verifier;
    const missing = missingData(c, 'missing', `${path}.missing`);
    if (missing) base.missing = missing;
    if (rule === 'assessed') return { ...base, rule };
    if (rule === null || !RULES.includes(rule as RuleName)) return null;

    const overRaw = text(c, 'over', `${path}.over`, false) ?? 'last';
    if (!OVERS.includes(overRaw as Over)) fail(`${path}.over`, message('score.must_one_of', { OVERS: OVERS.join(', ') }));
    const over = overRaw as Over;
    let source: CriterionSource;
    if (isRecord(c.share)) {
      const indicator = text(c.share, 'indicator', `${path}.share.indicator`);
      const op = text(c.share, 'op', `${path}.share.op`);
      if (op !== null && !COMPARATORS.includes(op as Comparator)) fail(`${path}.share.op`, message('score.invalid_comparator', { COMPARATORS: COMPARATORS.join(' ') }));
      const goal = num(c.share, 'goal', `${path}.share.goal`);
      const shareKinds = kinds(c.share, 'kinds', `${path}.share.kinds`);
      source = { share: { indicator: indicator ?? '', op: (op ?? '>=') as Comparator, goal: goal ?? 0, ...(shareKinds ? { kinds: shareKinds } : {}) }, over };
    } else {
      const indicator = text(c, 'indicator', `${path}.indicator`);
      source = { indicator: indicator ?? '', over };
    }
    const direction = text(c, 'direction', `${path}.direction`, false);
    if (direction !== null && direction !== 'up' && direction !== 'down') fail(`${path}.direction`, message('score.must_up_or_down'));
    const dir: { direction?: 'up' | 'down' } = direction === 'up' || direction === 'down' ? { direction } : {};
    if (rule === 'ratio') {
      const goal = num(c, 'goal', `${path}.goal`);
      if (goal !== null && goal < 0) fail(`${path}.goal`, message('score.goal_must_not_negative'));
      return { ...base, ...source, ...dir, rule, goal: goal ?? 0 };
    }
    if (rule === 'threshold') {
      const goal = num(c, 'goal', `${path}.goal`);
      const op = text(c, 'op', `${path}.op`, false) ?? (direction === 'down' ? '<=' : '>=');
      if (!COMPARATORS.includes(op as Comparator)) fail(`${path}.op`, message('score.invalid_comparator', { COMPARATORS: COMPARATORS.join(' ') }));
      return { ...base, ...source, rule, op: op as Comparator, goal: goal ?? 0 };
    }
    if (rule === 'steps') {
      const steps: { at: number; points: number }[] = [];
      if (!Array.isArray(c.steps) || c.steps.length === 0) fail(`${path}.steps`, message('score.at_least_one_step_required'));
      else
        c.steps.forEach((s: unknown, i) => {
          if (!isRecord(s)) return fail(`${path}.steps[${i}]`, message('score.must_at_points'));
          const at = num(s, 'at', `${path}.steps[${i}].at`);
          const points = num(s, 'points', `${path}.steps[${i}].points`);
          if (points !== null && (points < 0 || (max !== null && points > max))) fail(`${path}.steps[${i}].points`, message('score.step_points_must_within_max'));
          if (at !== null && points !== null) steps.push({ at, points });
        });
      return { ...base, ...source, ...dir, rule, steps };
    }
    return null;
  };

  const parseGroup = (g: unknown, path: string): FrameworkGroup | null => {
    if (!isRecord(g)) {
      fail(path, message('score.must_object'));
      return null;
    }
    const id = text(g, 'id', `${path}.id`);
    checkId(id, `${path}.id`);
    const name = text(g, 'name', `${path}.name`);
    const criteria = Array.isArray(g.criteria) ? g.criteria.map((c, i) => parseCriterion(c, `${path}.criteria[${i}]`)).filter((c): c is Criterion => c !== null) : [];
    const groups = Array.isArray(g.groups) ? g.groups.map((s, i) => parseGroup(s, `${path}.groups[${i}]`)).filter((s): s is FrameworkGroup => s !== null) : [];
    if (criteria.length === 0 && groups.length === 0) fail(path, message('score.group_needs_criteria_or_subgroups'));
    const appliesTo = kinds(g, 'appliesTo', `${path}.appliesTo`);
    return { id: id ?? '', name: name ?? '', criteria, groups, ...(appliesTo ? { appliesTo } : {}) };
  };

  const code = text(raw, 'code', 'code');
  const version = text(raw, 'version', 'version');
  const name = text(raw, 'name', 'name');
  const unitKinds = kinds(raw, 'unitKinds', 'unitKinds') ?? [];
  const frameworkMissing = missingData(raw, 'missingData', 'missingData');
  const minCoverage = raw.minCoverage === undefined || raw.minCoverage === null ? null : raw.minCoverage;
  if (minCoverage !== null && (typeof minCoverage !== 'number' || !(minCoverage >= 0 && minCoverage <= 1))) fail('minCoverage', message('score.must_number'));
  if (unitKinds.length === 0) fail('unitKinds', message('score.at_least_one_unit_kind'));
  if (!Array.isArray(raw.groups) || raw.groups.length === 0) fail('groups', message('score.at_least_one_group'));
  const groups = Array.isArray(raw.groups) ? raw.groups.map((g, i) => parseGroup(g, `groups[${i}]`)).filter((g): g is FrameworkGroup => g !== null) : [];
  const indicators: FrameworkIndicator[] = [];
  if (raw.indicators !== undefined && !Array.isArray(raw.indicators)) fail('indicators', message('score.must_list'));
  if (Array.isArray(raw.indicators))
    raw.indicators.forEach((ind: unknown, i) => {
      const path = `indicators[${i}]`;
      if (!isRecord(ind)) return fail(path, message('score.must_object'));
      const direction = text(ind, 'direction', `${path}.direction`, false) ?? 'up';
      const aggregation = text(ind, 'aggregation', `${path}.aggregation`, false) ?? 'sum';
      if (direction !== 'up' && direction !== 'down') fail(`${path}.direction`, message('score.must_up_or_down'));
      if (!['sum', 'mean', 'ratio', 'min', 'max', 'last'].includes(aggregation)) fail(`${path}.aggregation`, message('score.invalid_aggregation'));
      indicators.push({
        code: text(ind, 'code', `${path}.code`) ?? '',
        name: text(ind, 'name', `${path}.name`) ?? '',
        measure: text(ind, 'measure', `${path}.measure`) ?? '',
        direction: direction as FrameworkIndicator['direction'],
        aggregation: aggregation as FrameworkIndicator['aggregation'],
      });
    });
  if (problems.length) throw new InputError(message('score.invalid_scoring_framework'), problems);
  return { code: code ?? '', version: version ?? '', name: name ?? '', unitKinds, ...(frameworkMissing ? { missingData: frameworkMissing } : {}), ...(typeof minCoverage === 'number' ? { minCoverage } : {}), groups, indicators };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
