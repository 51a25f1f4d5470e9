import type { AppContext } from '../../app-context.ts';
import { ConflictError, InputError, problem as fieldProblem, type Problem } from '../../domain/errors.ts';
import { parseDate, parseNumber, parseTargetOp } from '../../domain/evaluation/target-csv.ts';
import { TARGET_OPS } from '../../domain/evaluation/target-spec.ts';
import { publishObservationChanges } from '../../realtime/change-feed.ts';
import { findIndicatorByCode } from '../../repositories/indicators.repository.ts';
import { catalogueVersion, linkProblemKpi, listProblemKpis, nextKpiSeq, problemSection, setTargetPlacement, type ProblemKpi } from '../../repositories/problem-kpis.repository.ts';
import { findProblemByCode, lockProblems, unitIdByCode } from '../../repositories/problems.repository.ts';
import { insertTargets } from '../../repositories/targets.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { cityCode, readableOrNotFound, requireActAs, type ProblemAccess } from './problem-access.ts';
import { message } from '../../domain/messages/message.ts';

export interface KpiInput {
  /** Code of the indicator that measures it. */
  indicator: string;
  /** ">=", "<=", … ("≥", "≤" accepted). */
  op: string;
  baseline?: string | number | null;
  goal: string | number;
  /** dd/mm/yyyy or yyyy-mm-dd. */
  due: string;
  /** The unit whose figures measure it (the pilot ward, or the city). */
  unit: string;
  /** Wording; by default "<problem name>: <indicator name> <op> <goal>". */
  text?: string | null;
}

const KPI_STATES = new Set(['consolidated', 'appraised']);

/**
 * Step 3: a KPI measured by data before and after — a real target in the year's catalogue plan
 * (DMBT-<year>, one section per problem) on an indicator the system measures, with baseline, goal,
 * due date and unit. Evaluation, early warning and reports then cover it like any other target.
 * The receiving agency sets KPIs while the problem is consolidated or appraised. Audited; running
 * servers are told the cell's targets changed.
 *
 * @example
 * await addProblemKpi(ctx, access, 'BT-2026-0009', { indicator: 'RAC_UN_U', op: '<=', baseline: 12, goal: 4, due: '31/12/2026', unit: 'P_A' });
 */
export async function addProblemKpi(ctx: AppContext, access: ProblemAccess, code: string, input: KpiInput): Promise<ProblemKpi[]> {
  const city = await cityCode(ctx);
  const problem = await readableOrNotFound(access, await findProblemByCode(ctx.db, code), city, code);
  await requireActAs(access, 'agency', problem, city);
  const problems: Problem[] = [];
  const op = parseTargetOp(String(input.op ?? '').trim());
  if (!op) problems.push(fieldProblem({ field: 'op' }, message('problem.invalid_comparator', { op: input.op, TARGET_OPS: TARGET_OPS.join(' ') })));
  const goal = parseNumber(String(input.goal ?? '').trim());
  if (goal === null) problems.push(fieldProblem({ field: 'goal' }, message('problem.goal_not_number', { goal: String(input.goal) })));
  const baselineText = input.baseline === null || input.baseline === undefined ? '' : String(input.baseline).trim();
  const baseline = baselineText ? parseNumber(baselineText) : null;
  if (baselineText && baseline === null) problems.push(fieldProblem({ field: 'baseline' }, message('problem.baseline_not_number', { baselineText })));
  const due = parseDate(String(input.due ?? '').trim());
  if (!due) problems.push(fieldProblem({ field: 'due' }, message('problem.invalid_date', { due: input.due })));
  const indicator = await findIndicatorByCode(ctx.db, String(input.indicator ?? '').trim());
  if (!indicator) problems.push(fieldProblem({ field: 'indicator' }, message('problem.unknown_indicator', { indicator: input.indicator })));
  const unit = await unitIdByCode(ctx.db, String(input.unit ?? '').trim());
  if (!unit) problems.push(fieldProblem({ field: 'unit' }, message('problem.unknown_unit', { unit: input.unit })));
  if (problems.length) throw new InputError(message('problem.invalid_kpi'), problems);
  if (!KPI_STATES.has(problem.state)) throw new ConflictError(message('problem.kpis_set_while_problem_consolidated', { code, state: problem.state }));
  const at = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const [locked] = await lockProblems(trx, [code]);
    if (!locked || !KPI_STATES.has(locked.state)) throw new ConflictError(message('problem.changed_state_meanwhile', { code }));
    const seq = await nextKpiSeq(trx, locked.id);
    const targetCode = `${code}-KPI${seq}`;
    const text = input.text?.trim() || `${locked.name}: ${indicator!.name} ${op} ${goal}`;
    await insertTargets(trx, [{
      code: targetCode, indicatorId: indicator!.id, text, measure: null, op: op!, value: goal!, baseline, scopeUnitId: unit!.id, scopeKind: 'unit',
      startOn: null, dueOn: due!, dueRaw: null, sourceLine: null, planVersionId: null,
    }]);
    const versionId = await catalogueVersion(trx, Number(due!.slice(0, 4)), (await unitIdByCode(trx, city))?.id ?? null, at);
    const sectionId = await problemSection(trx, versionId, code, locked.name);
    const targetId = await setTargetPlacement(trx, targetCode, versionId, sectionId, seq, `${op} ${goal}`);
    await linkProblemKpi(trx, locked.id, targetId);
    await recordAudit(trx, { actor: access.actor, action: 'add_kpi', entity: 'problem', entityId: code, before: null, after: { target: targetCode, indicator: indicator!.code, op, baseline, goal, due, unit: input.unit }, at });
  });
  await publishObservationChanges(ctx.db, [{ indicator: indicator!.code, unit: String(input.unit).trim(), period: at.toISOString().slice(0, 7) }]);
  return listProblemKpis(ctx.db, problem.id);
}
