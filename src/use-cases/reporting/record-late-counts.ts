import type { AppContext } from '../../app-context.ts';
import { InputError } from '../../domain/errors.ts';
import { monthPeriod, parsePeriod } from '../../domain/periods/period.ts';
import { ensureIndicator, listObligations } from '../../repositories/reporting.repository.ts';
import { ingestObservations } from '../observations/ingest-observations.ts';
import { computeTimeliness } from './get-timeliness.ts';
import { message, renderMessage } from '../../domain/messages/message.ts';

/** The indicator "số lần chậm báo cáo": the plans' target is "= 0 lần". */
export const LATE_REPORTS_INDICATOR = 'SO_LAN_CHAM_BAO_CAO';

/**
 * Writes, for one month, each reporting unit's count of late or missing reports due in that month as
 * the indicator SO_LAN_CHAM_BAO_CAO (origin "system"), through the ordinary ingest path, so it can
 * carry a target, an evaluation and a score like any other figure. Re-running with the same counts
 * stores nothing new.
 *
 * @example
 * await recordLateCounts(ctx, '2026-03'); // → [{ unit: 'VT_VHXH', lateCount: 1 }, …]
 */
export async function recordLateCounts(ctx: AppContext, month: string): Promise<{ unit: string; lateCount: number }[]> {
  const period = parsePeriod(month);
  if (!period || period.kind !== 'month') throw new InputError(message('report.period_must_month'), [{ field: 'period', message: month }]);
  await ensureIndicator(ctx.db, {
    code: LATE_REPORTS_INDICATOR,
    name: 'Số lần chậm báo cáo',
    measure: 'lần',
    direction: 'down',
    aggregation: 'sum',
    frequency: 'monthly',
    sourceSystem: 'theodoi',
  });
  const obligations = await listObligations(ctx.db, { activeOnly: true });
  // Each cycle's report whose deadline falls in this month: the month's own, the quarter, half or
  // year ending with it.
  const codes = [period.code, `${period.year}-Q${Math.ceil((period.index ?? 1) / 3)}`, `${period.year}-H${(period.index ?? 1) <= 6 ? 1 : 2}`, `${period.year}`];
  const report = await computeTimeliness(ctx, obligations, codes);
  const counts = new Map<string, number>();
  for (const o of obligations) counts.set(o.unit.code, 0);
  for (const r of report.rows) {
    if (!r.timeliness.dueBefore.startsWith(period.code)) continue;
    if (r.timeliness.status === 'late' || r.timeliness.status === 'missing') counts.set(r.unit.code, (counts.get(r.unit.code) ?? 0) + 1);
  }
  const rows = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([unit, lateCount]) => ({ unit, lateCount }));
  if (rows.length) {
    await ingestObservations(
      ctx,
      { actor: 'system:reporting', origin: 'system', principal: null },
      {
        source: 'theodoi-reporting',
        observations: rows.map((r) => ({
          indicator: LATE_REPORTS_INDICATOR, unit: r.unit, period: monthPeriod(period.year, period.index ?? 1).code, value: r.lateCount,
          note: renderMessage(message('report.late_count_note'), 'vi'),
        })),
      },
    );
  }
  return rows;
}
