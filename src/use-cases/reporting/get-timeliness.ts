import type { AppContext } from '../../app-context.ts';
import { InputError, NotFoundError } from '../../domain/errors.ts';
import { dueBefore, isExpected, periodForCycle } from '../../domain/reporting/cycles.ts';
import { summarizeTimeliness, timelinessOf, type Timeliness, type TimelinessSummary } from '../../domain/reporting/timeliness.ts';
import { findUnitByCode, listObligations, submissionsFor, type ObligationRow } from '../../repositories/reporting.repository.ts';
import { message } from '../../domain/messages/message.ts';

export interface TimelinessRow {
  obligationId: number;
  unit: { code: string; name: string };
  recipient: { code: string; name: string } | null;
  period: string;
  state: string;
  timeliness: Timeliness;
}

export interface TimelinessReport {
  rows: TimelinessRow[];
  byUnit: { unit: { code: string; name: string }; summary: TimelinessSummary }[];
  summary: TimelinessSummary;
}

/**
 * On time, late (by how many days) or missing, per unit and period: for the reports a unit sends
 * (`scope: 'own'`) or receives from the units below it (`scope: 'children'`), or every obligation.
 *
 * @example
 * const t = await getTimeliness(ctx, { periods: ['2026-03'], recipient: 'P_VINH_TUY' });
 * t.byUnit.find((u) => u.unit.code === 'VT_VHXH')?.summary.lateCount;
 */
export async function getTimeliness(
  ctx: AppContext,
  input: { periods: string[]; unit?: string; recipient?: string; planId?: number },
): Promise<TimelinessReport> {
  if (input.periods.length === 0) throw new InputError(message('report.at_least_one_period'), [{ field: 'periods', message: 'empty' }]);
  const unit = input.unit ? await findUnitByCode(ctx.db, input.unit) : null;
  if (input.unit && !unit) throw new NotFoundError(message('report.unit_not_found', { unit: input.unit }));
  const recipient = input.recipient ? await findUnitByCode(ctx.db, input.recipient) : null;
  if (input.recipient && !recipient) throw new NotFoundError(message('report.unit_not_found_again', { recipient: input.recipient }));
  const obligations = await listObligations(ctx.db, {
    activeOnly: true,
    ...(unit ? { unitId: unit.id } : {}),
    ...(recipient ? { recipientUnitId: recipient.id } : {}),
    ...(input.planId !== undefined ? { planId: input.planId } : {}),
  });
  return computeTimeliness(ctx, obligations, input.periods);
}

/** Timeliness of the given obligations over the periods that fit each one's cycle. */
export async function computeTimeliness(ctx: AppContext, obligations: ObligationRow[], periods: string[]): Promise<TimelinessReport> {
  const submissions = await submissionsFor(ctx.db, obligations.map((o) => o.id), periods);
  const now = ctx.now();
  const rows: TimelinessRow[] = [];
  for (const o of obligations) {
    for (const code of periods) {
      const period = periodForCycle(o.cycle, code);
      if (!period) continue;
      const due = dueBefore(o, period);
      const s = submissions.get(`${o.id}|${period.code}`) ?? null;
      if (!s && !isExpected(due, o.createdAt)) continue;
      rows.push({
        obligationId: o.id,
        unit: { code: o.unit.code, name: o.unit.name },
        recipient: o.recipient ? { code: o.recipient.code, name: o.recipient.name } : null,
        period: period.code,
        state: s?.state ?? 'none',
        timeliness: timelinessOf(due, s?.firstSubmittedAt ?? null, now),
      });
    }
  }
  const units = new Map<string, { unit: { code: string; name: string }; items: Timeliness[] }>();
  for (const r of rows) {
    const entry = units.get(r.unit.code) ?? { unit: r.unit, items: [] };
    entry.items.push(r.timeliness);
    units.set(r.unit.code, entry);
  }
  return {
    rows,
    byUnit: [...units.values()].map((u) => ({ unit: u.unit, summary: summarizeTimeliness(u.items) })),
    summary: summarizeTimeliness(rows.map((r) => r.timeliness)),
  };
}
