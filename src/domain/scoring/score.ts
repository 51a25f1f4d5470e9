import { meets } from '../rollup/share-meeting.ts';
import { message, type Message } from '../messages/message.ts';
import { criteriaOf, type Criterion, type Framework, type MissingData } from './framework.ts';

/** A measured input of a criterion for one unit and period. */
export interface MeasuredInput {
  value: number | null;
  /** The indicator's own direction; a criterion's `direction` overrides it. */
  direction: 'up' | 'down';
  /** Where the figure comes from, as a catalogued message (`score.source.*`: "HS_TT, Tháng 12/2026, tổng hợp từ 12 đơn vị"). */
  source: Message;
}

/** An appraiser's or the unit's own points for an `assessed` criterion, with its evidence. */
export interface Assessment {
  points: number;
  evidence: string | null;
  by: string;
}

export interface AssessedInput {
  self: Assessment | null;
  appraised: Assessment | null;
}

/** One line of a score's explanation. */
export interface CriterionScore {
  criterion: string;
  group: string;
  name: string;
  rule: Criterion['rule'];
  applicable: boolean;
  /** The figure the rule was applied to (null: no data, or an assessed criterion). */
  input: number | null;
  goal: number | string | null;
  points: number;
  max: number;
  /** Where the figure or points came from (`score.source.*`), put into words at the edge (explain-words.ts). */
  source: Message;
  /** A measured criterion without data, or an assessed one not yet appraised: scored 0 (`zero`) or left out of the max (`exclude`), as the framework says. */
  missing?: MissingData;
  /** For assessed criteria: the unit's own points and the appraiser's, kept apart. */
  self?: number | null;
  appraised?: number | null;
  evidence?: string | null;
  /** Why these points (`score.explain.*`): a formula, a step, a rule for missing data. */
  reason: Message;
}

export interface UnitScore {
  unit: string;
  kind: string;
  /** Final score: measured criteria plus appraised points (an assessment not yet appraised counts 0). */
  score: number;
  /** Max over the criteria that apply to the unit's kind. */
  max: number;
  /** Measured criteria plus the unit's self-assessed points. */
  selfScore: number;
  /** Measured criteria plus appraised points; equals `score`, kept named for reports. */
  appraisedScore: number;
  /** Whether every assessed criterion has been appraised. */
  appraisalComplete: boolean;
  groups: Record<string, number>;
  groupMax: Record<string, number>;
  /** Applicable criteria known (with data, or appraised) and not yet known: a standing is read beside its coverage. */
  coverage: { withData: number; missing: number };
  explain: CriterionScore[];
}

/** Points are kept to two decimals so that totals and ranks do not depend on float noise. */
export function roundPoints(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * Applies one measured rule. `ratio`: value ÷ goal × max (goal ÷ value × max when lower is better),
 * capped to 0..max. `steps`: the points of the highest step reached (lowest when lower is better).
 * `threshold`: max when `value op goal` holds, else 0. No data gives 0 points.
 *
 * @example
 * scoreMeasured({ rule: 'ratio', goal: 80, max: 10, … }, { value: 60, direction: 'up', source: '…' }).points; // → 7.5
 */
export function scoreMeasured(criterion: Exclude<Criterion, { rule: 'assessed' }>, input: MeasuredInput): { points: number; goal: number | string; reason: Message } {
  const { value } = input;
  const direction = 'direction' in criterion && criterion.direction ? criterion.direction : input.direction;
  const max = criterion.max;
  switch (criterion.rule) {
    case 'ratio': {
      const goal = criterion.goal;
      if (value === null) return { points: 0, goal, reason: message('score.explain.no_data') };
      let fraction: number;
      if (direction === 'up') fraction = goal <= 0 ? (value >= goal ? 1 : 0) : value / goal;
      else fraction = value <= 0 ? 1 : goal / value;
      const points = roundPoints(Math.min(max, Math.max(0, fraction * max)));
      const code = direction === 'up' ? (fraction > 1 ? 'score.explain.ratio_up_capped' : 'score.explain.ratio_up') : fraction > 1 ? 'score.explain.ratio_down_capped' : 'score.explain.ratio_down';
      return { points, goal, reason: message(code, { value: roundPoints(value), goal: roundPoints(goal), max: roundPoints(max) }) };
    }
    case 'steps': {
      const ordered = [...criterion.steps].sort((a, b) => (direction === 'up' ? a.at - b.at : b.at - a.at));
      const goal = ordered.map((s) => `${direction === 'up' ? '≥' : '≤'}${fmt(s.at)}→${fmt(s.points)}`).join('; ');
      if (value === null) return { points: 0, goal, reason: message('score.explain.no_data') };
      let reached: { at: number; points: number } | null = null;
      for (const s of ordered) if (meets(value, direction === 'up' ? '>=' : '<=', s.at)) reached = s;
      const points = roundPoints(Math.min(max, Math.max(0, reached?.points ?? 0)));
      return { points, goal, reason: reached ? message('score.explain.step_reached', { op: direction === 'up' ? '≥' : '≤', at: roundPoints(reached.at) }) : message('score.explain.below_every_step') };
    }
    case 'threshold': {
      const goal = `${criterion.op} ${fmt(criterion.goal)}`;
      if (value === null) return { points: 0, goal, reason: message('score.explain.no_data') };
      const ok = meets(value, criterion.op, criterion.goal);
      return { points: ok ? max : 0, goal, reason: ok ? message('score.explain.threshold_met') : message('score.explain.threshold_not_met') };
    }
  }
}

/** Whether a criterion applies to a kind of unit (a department without an economic mandate is not scored on it). */
export function appliesTo(criterion: Criterion, groupKinds: string[] | null, framework: Framework, kind: string): boolean {
  if (!framework.unitKinds.includes(kind)) return false;
  if (groupKinds && !groupKinds.includes(kind)) return false;
  return !criterion.appliesTo || criterion.appliesTo.includes(kind);
}

/**
 * Scores one unit on a framework: every criterion explains itself (rule, input, goal, points, max,
 * source). Criteria that do not apply to the unit's kind are listed with `applicable: false` and count
 * neither in the score nor in the max.
 *
 * @example
 * scoreUnit(framework, { code: 'P_VINH_TUY', kind: 'commune' }, measured, assessed).score;
 */
export function scoreUnit(
  framework: Framework,
  unit: { code: string; kind: string },
  measured: ReadonlyMap<string, MeasuredInput>,
  assessed: ReadonlyMap<string, AssessedInput>,
): UnitScore {
  const explain: CriterionScore[] = [];
  const groups: Record<string, number> = {};
  const groupMax: Record<string, number> = {};
  let score = 0;
  let max = 0;
  let selfScore = 0;
  let appraisalComplete = true;
  const coverage = { withData: 0, missing: 0 };
  for (const g of framework.groups) {
    groups[g.id] = 0;
    groupMax[g.id] = 0;
  }
  for (const { criterion, group, groupKinds } of criteriaOf(framework)) {
    const applicable = appliesTo(criterion, groupKinds, framework, unit.kind);
    const line: CriterionScore = {
      criterion: criterion.id, group, name: criterion.name, rule: criterion.rule, applicable,
      input: null, goal: null, points: 0, max: criterion.max, source: message('score.source.not_assessed'), reason: message('score.explain.no_data'),
    };
    if (criterion.rule === 'assessed') {
      const a = assessed.get(criterion.id) ?? { self: null, appraised: null };
      const self = a.self ? clampPoints(a.self.points, criterion.max) : null;
      const appraised = a.appraised ? clampPoints(a.appraised.points, criterion.max) : null;
      line.self = self;
      line.appraised = appraised;
      line.points = appraised ?? 0;
      line.evidence = a.appraised?.evidence ?? a.self?.evidence ?? null;
      line.source = a.appraised
        ? message('score.source.appraised_by', { by: a.appraised.by })
        : a.self ? message('score.source.self_assessed_by', { by: a.self.by }) : message('score.source.not_assessed');
      line.reason = appraised !== null ? message('score.explain.appraised_points') : message('score.explain.not_appraised_zero');
      if (appraised === null) {
        // Not yet appraised is not yet known, like a figure without data: the framework decides.
        line.missing = missingRule(criterion, framework);
        if (line.missing === 'exclude') line.reason = message('score.explain.not_appraised_excluded');
      }
      if (applicable) {
        selfScore += self ?? 0;
        if (appraised === null) appraisalComplete = false;
      }
    } else {
      const input: MeasuredInput = measured.get(criterion.id) ?? { value: null, direction: 'up', source: message('score.explain.no_data') };
      const r = scoreMeasured(criterion, input);
      line.input = input.value;
      line.goal = r.goal;
      line.points = r.points;
      line.source = input.source;
      line.reason = r.reason;
      if (input.value === null) {
        line.missing = missingRule(criterion, framework);
        line.reason = message(line.missing === 'exclude' ? 'score.explain.no_data_excluded' : 'score.explain.no_data_zero');
      }
      if (applicable) selfScore += r.points;
    }
    // `missing` is set exactly on the lines not yet known (no data, or not appraised).
    if (applicable) coverage[line.missing ? 'missing' : 'withData'] += 1;
    if (!applicable) {
      line.points = 0;
      line.reason = message('score.explain.not_applicable', { kind: unit.kind });
    } else if (line.missing !== 'exclude') {
      score += line.points;
      max += criterion.max;
      groups[group] = roundPoints((groups[group] ?? 0) + line.points);
      groupMax[group] = roundPoints((groupMax[group] ?? 0) + criterion.max);
    }
    explain.push(line);
  }
  return {
    unit: unit.code, kind: unit.kind, score: roundPoints(score), max: roundPoints(max),
    selfScore: roundPoints(selfScore), appraisedScore: roundPoints(score), appraisalComplete, groups, groupMax, coverage, explain,
  };
}

/** What a criterion not yet known counts for: its own rule, else the framework's, else 0 points. */
function missingRule(criterion: Criterion, framework: Framework): MissingData {
  return criterion.missing ?? framework.missingData ?? 'zero';
}

function clampPoints(points: number, max: number): number {
  return roundPoints(Math.min(max, Math.max(0, points)));
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2).replace(/\.?0+$/, '');
}
