import type { AppContext } from '../../app-context.ts';
import { InputError, NotFoundError, problem } from '../../domain/errors.ts';
import { periodLabel, periodOfDate, parsePeriod } from '../../domain/periods/period.ts';
import { DEFAULT_CONFIDENCE, estimateDifferenceInDifferences, monthCode, monthIndex, type DidEstimate, type UnitMonthlySeries } from '../../domain/pilots/difference-in-differences.ts';
import type { Pilot } from '../../domain/pilots/pilot.ts';
import { findIndicatorsByCodes } from '../../repositories/indicators.repository.ts';
import { findPilot } from '../../repositories/pilots.repository.ts';
import { loadUnitTree } from '../../repositories/unit-tree.repository.ts';
import { getUnitSeries } from '../rollups/get-unit-series.ts';
import { message } from '../../domain/messages/message.ts';

/** How many months before the start are read for the "before" side. */
export const PRE_WINDOW_MONTHS = 24;

/** One month of the chart: the mean of each group's units that have a value that month. */
export interface PilotChartPoint {
  period: string;
  /** "Tháng 3/2026". */
  label: string;
  phase: 'pre' | 'post';
  treated: number | null;
  comparison: number | null;
  /** How many units the mean is over. */
  treatedUnits: number;
  comparisonUnits: number;
}

export interface PilotIndicatorEffect {
  indicator: { code: string; name: string; measure: string; direction: 'up' | 'down' };
  estimate: DidEstimate;
  chart: { start: string; startLabel: string; points: PilotChartPoint[] };
}

export interface PilotEffect {
  pilot: Pick<Pilot, 'code' | 'title' | 'start' | 'end' | 'state' | 'treatedUnits' | 'comparisonUnits'>;
  /** Months read: from PRE_WINDOW_MONTHS before the start to the end (or the current month). */
  from: string;
  to: string;
  confidence: number;
  indicators: PilotIndicatorEffect[];
  /** Classified indicators of the pilot left out for this caller. */
  hiddenIndicators: number;
}

/**
 * The effect of a pilot on each of its indicators, by difference in differences
 * (domain/pilots/difference-in-differences.ts), from each unit's monthly series as `getUnitSeries`
 * reads it (current values; a unit without its own value rolled up from its subtree). Months read:
 * up to PRE_WINDOW_MONTHS before the start, through the pilot's end or, while it runs, the current
 * month. With each estimate, the chart: the monthly mean of the treated and of the comparison units,
 * and the start month to mark.
 *
 * `includeClassified: false` leaves out classified indicators (the caller's right decides).
 *
 * @example
 * await estimatePilotEffect(ctx, 'TD-01', { confidence: 0.9 });
 * // → { indicators: [{ indicator: { code: 'DVC_TT', … }, estimate: { effect: 4.2, interval: { low: 1.1, high: 7.3, level: 0.9 }, … }, chart: { … } }] }
 */
export async function estimatePilotEffect(ctx: AppContext, code: string, options: { confidence?: number; includeClassified?: boolean } = {}): Promise<PilotEffect> {
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  if (!(confidence >= 0.5 && confidence <= 0.99)) throw new InputError(message('pilot.invalid_confidence'), [problem({ field: 'confidence' }, message('pilot.between_and'))]);
  const pilot = await findPilot(ctx.db, code);
  if (!pilot) throw new NotFoundError(message('pilot.pilot_not_found', { code }));
  const start = monthIndex(pilot.start)!;
  const now = monthIndex(periodOfDate(ctx.now()).code)!;
  const last = Math.max(start, pilot.end ? monthIndex(pilot.end)! : now);
  const from = monthCode(start - PRE_WINDOW_MONTHS);
  const to = monthCode(last);

  const found = await findIndicatorsByCodes(ctx.db, pilot.indicators);
  const indicators = pilot.indicators.map((c) => found.get(c)).filter((i) => i !== undefined);
  const shown = indicators.filter((i) => options.includeClassified !== false || !i.classified);
  const tree = await loadUnitTree(ctx.db);

  const out: PilotIndicatorEffect[] = [];
  for (const indicator of shown) {
    const read = async (unit: string): Promise<UnitMonthlySeries> => {
      if (!tree.byCode.has(unit)) return { unit, values: {} };
      const series = await getUnitSeries(ctx, { indicator: indicator.code, unit, from, to }, { tree });
      return { unit, values: Object.fromEntries(series.map((p) => [p.period, p.value])) };
    };
    const treated: UnitMonthlySeries[] = [];
    const comparison: UnitMonthlySeries[] = [];
    for (const u of pilot.treatedUnits) treated.push(await read(u));
    for (const u of pilot.comparisonUnits) comparison.push(await read(u));
    // Without an end, the post window runs to the last month any unit has reported (not to today,
    // which would count the months not yet reported as gaps).
    const estimate = estimateDifferenceInDifferences({ treated, comparison, start: pilot.start, end: pilot.end, confidence });
    out.push({
      indicator: { code: indicator.code, name: indicator.name, measure: indicator.measure, direction: indicator.direction },
      estimate,
      chart: { start: pilot.start, startLabel: periodLabel(parsePeriod(pilot.start)!), points: chartPoints(treated, comparison, estimate.window?.preFrom ?? from, estimate.window?.postTo ?? to, start) },
    });
  }
  return {
    pilot: { code: pilot.code, title: pilot.title, start: pilot.start, end: pilot.end, state: pilot.state, treatedUnits: pilot.treatedUnits, comparisonUnits: pilot.comparisonUnits },
    from, to, confidence, indicators: out, hiddenIndicators: indicators.length - shown.length,
  };
}

function chartPoints(treated: UnitMonthlySeries[], comparison: UnitMonthlySeries[], first: string, last: string, start: number): PilotChartPoint[] {
  const groupMean = (series: UnitMonthlySeries[], period: string): [number | null, number] => {
    const values = series.map((s) => s.values[period]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    return [values.length ? values.reduce((a, b) => a + b, 0) / values.length : null, values.length];
  };
  const points: PilotChartPoint[] = [];
  for (let i = monthIndex(first)!; i <= monthIndex(last)!; i++) {
    const period = monthCode(i);
    const [t, tn] = groupMean(treated, period);
    const [c, cn] = groupMean(comparison, period);
    points.push({ period, label: periodLabel(parsePeriod(period)!), phase: i < start ? 'pre' : 'post', treated: t, comparison: c, treatedUnits: tn, comparisonUnits: cn });
  }
  return points;
}
