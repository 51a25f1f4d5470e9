import type { AppContext } from '../../app-context.ts';
import { InputError, NotFoundError } from '../../domain/errors.ts';
import { defaultDueDay, type ReportingCycle } from '../../domain/reporting/cycles.ts';
import {
  findPlanForReporting,
  findUnitsByIds,
  insertObligationIfAbsent,
  leadItemsOfPlanVersion,
  listObligations,
  type ObligationRow,
} from '../../repositories/reporting.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { message } from '../../domain/messages/message.ts';

export interface CreateObligationsInput {
  planId: number;
  actor: string;
  /** Cycles to create; monthly by default (the plans' "báo cáo định kỳ hằng tháng"). */
  cycles?: ReportingCycle[];
}

export interface CreateObligationsResult {
  created: number;
  existing: number;
  obligations: ObligationRow[];
}

/**
 * Creates, in one step, who reports on a plan: every unit holding a lead responsibility for one of
 * its targets or tasks reports on those items to the unit above it, and the plan's owner (a ward, or
 * the city) reports on the whole plan to its own parent (none for the city) — that report is the
 * consolidated one. Running it again
 * adds what is missing and leaves edited obligations as they are.
 *
 * @example
 * await createObligationsFromPlan(ctx, { planId: 3, actor: 'user:lan' });
 */
export async function createObligationsFromPlan(ctx: AppContext, input: CreateObligationsInput): Promise<CreateObligationsResult> {
  const cycles = input.cycles ?? ['monthly'];
  if (cycles.includes('ad_hoc')) throw new InputError(message('report.ad_hoc_reports_created_one'), [{ field: 'cycles', message: 'ad_hoc' }]);
  return ctx.db.transaction().execute(async (trx) => {
    const plan = await findPlanForReporting(trx, input.planId);
    if (!plan) throw new NotFoundError(message('report.plan_not_found', { planId: String(input.planId) }));
    if (plan.versionId === null) throw new InputError(message('report.plan_has_no_version'), [{ field: 'planId', message: 'no version' }]);
    const leads = await leadItemsOfPlanVersion(trx, plan.versionId);
    const wanted = leads.map((l) => ({ unitId: l.unitId, scope: { targetIds: l.targetIds, taskIds: l.taskIds } }));
    if (plan.ownerUnitId !== null && !wanted.some((w) => w.unitId === plan.ownerUnitId)) {
      wanted.push({ unitId: plan.ownerUnitId, scope: { targetIds: [], taskIds: [] } });
    }
    const owner = wanted.find((w) => w.unitId === plan.ownerUnitId);
    if (owner) {
      // The owner's report covers the whole plan: every target and task of the version.
      const allTargets = new Set(leads.flatMap((l) => l.targetIds));
      const allTasks = new Set(leads.flatMap((l) => l.taskIds));
      owner.scope = { targetIds: [...allTargets].sort((a, b) => a - b), taskIds: [...allTasks].sort((a, b) => a - b) };
    }
    const units = await findUnitsByIds(trx, wanted.map((w) => w.unitId));
    let created = 0;
    let existing = 0;
    for (const w of wanted) {
      const unit = units.get(w.unitId);
      // The root of the tree (the city) reports outside the system: its obligation has no recipient
      // here, but its consolidated report is built and timed all the same.
      if (!unit) continue;
      for (const cycle of cycles) {
        const result = await insertObligationIfAbsent(trx, {
          planId: plan.id,
          unitId: unit.id,
          recipientUnitId: unit.parentId,
          cycle,
          dueDay: defaultDueDay(unit.kind),
          dueOn: null,
          title: `Báo cáo kết quả thực hiện ${plan.code ? `Kế hoạch số ${plan.code}` : plan.title}`,
          scope: w.scope,
          at: ctx.now(),
        });
        if (result.created) {
          created++;
          await recordAudit(trx, {
            actor: input.actor, action: 'create', entity: 'reporting_obligation', entityId: result.id,
            before: null, after: { planId: plan.id, unit: unit.code, cycle, scope: w.scope }, at: ctx.now(),
          });
        } else existing++;
      }
    }
    return { created, existing, obligations: await listObligations(trx, { planId: plan.id }) };
  });
}
