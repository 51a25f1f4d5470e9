import type { AppContext } from '../../app-context.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { TargetStatus } from '../../domain/evaluation/evaluate-target.ts';
import type { DraftUnit, GoalOp } from '../../importers/draft.ts';
import { listVersions } from '../../repositories/plans.repository.ts';
import { evaluateTargets, type EvaluatedTarget } from '../evaluation/evaluate-targets.ts';
import { findPlanByRef } from '../plans/find-plan.ts';
import { getPlan, type PlanTargetItem, type PlanTaskItem, type SectionNode } from '../plans/get-plan.ts';
import { message } from '../../domain/messages/message.ts';

export const PUBLIC_TARGET_STATUSES: readonly TargetStatus[] = ['met', 'on_track', 'at_risk', 'missed', 'no_data', 'unlinked'];

export interface PublicTarget {
  code: string;
  text: string;
  /** Enclosing section titles, outermost (the pillar) first. */
  sectionPath: string[];
  pillar: string | null;
  /** The lead units' names as the plan writes them, joined by "; ". */
  responsibleUnit: string | null;
  measure: string | null;
  goal: { op: GoalOp; value: number | null; raw: string };
  /** ISO date of the deadline (end of the due window), and the deadline as written. */
  due: string | null;
  dueRaw: string | null;
  /** Null when the evaluation does not know the target (it is then not evaluated yet). */
  status: TargetStatus | null;
  current: number | null;
  currentPeriod: string | null;
  /** Share of the way from baseline to goal (1 = reached). */
  progress: number | null;
  reason: string | null;
  reasonEn: string | null;
}

export interface PublicTask {
  code: string;
  title: string;
  sectionPath: string[];
  pillar: string | null;
  responsibleUnit: string | null;
  result: string | null;
  product: string | null;
  due: string | null;
  dueRaw: string | null;
  status: string | null;
  /** Percent done, 0–100. */
  progress: number | null;
  /** The deadline passed before the as-of date and the task is not done. */
  overdue: boolean;
}

export interface ProgressSummary {
  targets: number;
  byStatus: Record<TargetStatus, number>;
  tasks: number;
  tasksDone: number;
  tasksOverdue: number;
  /** Mean task progress in percent, null without tasks. */
  taskProgress: number | null;
}

export interface PillarProgress extends ProgressSummary {
  /** The pillar's title (top section); null for items outside any section. */
  title: string | null;
}

export interface PublicPlanProgress {
  plan: {
    id: number;
    code: string | null;
    title: string;
    issuer: string | null;
    issuedOn: string | null;
    owner: { code: string; name: string } | null;
    versionNo: number;
    publishedAt: string | null;
  };
  /** The date the statuses were evaluated at (ISO). */
  asOf: string;
  summary: ProgressSummary;
  pillars: PillarProgress[];
  targets: PublicTarget[];
  tasks: PublicTask[];
}

/**
 * What the public may know about a published plan: its header, and every NON-classified target and
 * task with the evaluation at `asOf` (today by default). A plan without a published version is
 * "not found" here, as are classified items (never listed, not even counted), so anonymous readers
 * learn nothing the plan API would hide from them.
 *
 * @example
 * const p = await getPublicPlanProgress(ctx, '12/KH-UBND', { asOf: '2026-09-30' });
 * p.targets[0] // { code: 'KH12-CT-04', status: 'on_track', current: 95.2, progress: 0.6, … }
 */
export async function getPublicPlanProgress(ctx: AppContext, ref: string | number, options: { asOf?: string | undefined } = {}): Promise<PublicPlanProgress> {
  const found = await findPlanByRef(ctx.db, ref);
  // A classified plan is answered exactly as an unknown or unpublished one: its existence is not public.
  if (found.classified || !(await listVersions(ctx.db, found.id)).some((v) => v.status === 'published')) {
    throw new NotFoundError(message('get_public_plan_progress.plan_not_published', { ref: String(ref) }));
  }
  const plan = await getPlan(ctx, found.id);
  const evaluation = await evaluateTargets(ctx, { plan: String(plan.id), asOf: options.asOf, includeClassified: false });
  const evaluated = new Map(evaluation.targets.map((e) => [e.code, e]));
  const asOf = evaluation.asOf;

  // An item without a stored row cannot carry the classified mark, so it is left out rather than guessed public.
  const publicCode = (i: { id: number | null; code: string | null; classified: boolean }): string[] => (i.id !== null && i.code !== null && !i.classified ? [i.code] : []);
  const targets = plan.targets.flatMap((t) => publicCode(t).map((code) => publicTarget(t, code, evaluated.get(code))));
  const tasks = plan.tasks.flatMap((t) => publicCode(t).map((code) => publicTask(t, code, asOf)));

  const pillarTitles = [...new Set([...targets.map((t) => t.pillar), ...tasks.map((t) => t.pillar)])];
  const sectionOrder = new Map<string, number>();
  const visit = (nodes: SectionNode[]): void => nodes.forEach((n) => {
    if (!sectionOrder.has(n.title)) sectionOrder.set(n.title, sectionOrder.size);
    visit(n.children);
  });
  visit(plan.sections);
  pillarTitles.sort((a, b) => (a === null ? 1 : b === null ? -1 : (sectionOrder.get(a) ?? 1e9) - (sectionOrder.get(b) ?? 1e9)));
  return {
    plan: {
      id: plan.id,
      code: plan.code,
      title: plan.title,
      issuer: plan.issuer,
      issuedOn: plan.issuedOn,
      owner: plan.owner,
      versionNo: plan.version.versionNo,
      publishedAt: plan.version.publishedAt ? plan.version.publishedAt.toISOString() : null,
    },
    asOf,
    summary: summarise(targets, tasks),
    pillars: pillarTitles.map((title) => ({ title, ...summarise(targets.filter((t) => t.pillar === title), tasks.filter((t) => t.pillar === title)) })),
    targets,
    tasks,
  };
}

function publicTarget(t: PlanTargetItem, code: string, e: EvaluatedTarget | undefined): PublicTarget {
  return {
    code,
    text: t.text,
    sectionPath: t.sectionPath,
    pillar: pillarOf(t.sectionPath),
    responsibleUnit: unitNames(t.lead),
    measure: t.measure,
    goal: { op: t.goal.op, value: t.goal.value, raw: t.goal.raw },
    due: t.due.end,
    dueRaw: t.due.raw,
    status: e?.status ?? null,
    current: e?.current ?? null,
    currentPeriod: e?.currentPeriod ?? null,
    progress: e?.progress ?? null,
    reason: e?.reason ?? null,
    reasonEn: e?.reasonEn ?? null,
  };
}

function publicTask(t: PlanTaskItem, code: string, asOf: string): PublicTask {
  const done = t.status === 'done' || (t.progress ?? 0) >= 100;
  return {
    code,
    title: t.title,
    sectionPath: t.sectionPath,
    pillar: pillarOf(t.sectionPath),
    responsibleUnit: unitNames(t.lead),
    result: t.result,
    product: t.product,
    due: t.due.end,
    dueRaw: t.due.raw,
    status: t.status,
    progress: t.progress,
    overdue: t.status === 'overdue' || (!done && t.status !== 'cancelled' && t.due.end !== null && t.due.end < asOf),
  };
}

/**
 * The pillar an item belongs to: its outermost section, passing over appendix headings ("Phụ lục 01"),
 * which only say where the table sits in the document.
 */
export function pillarOf(sectionPath: readonly string[]): string | null {
  return sectionPath.find((title) => !/^phụ\s+lục\b/iu.test(title.normalize('NFC').trim())) ?? sectionPath[0] ?? null;
}

function unitNames(units: DraftUnit[]): string | null {
  return units.length ? units.map((u) => u.name).join('; ') : null;
}

function summarise(targets: PublicTarget[], tasks: PublicTask[]): ProgressSummary {
  const byStatus = Object.fromEntries(PUBLIC_TARGET_STATUSES.map((s) => [s, 0])) as Record<TargetStatus, number>;
  for (const t of targets) byStatus[t.status ?? 'no_data'] += 1;
  const progress = tasks.map((t) => t.progress ?? 0);
  return {
    targets: targets.length,
    byStatus,
    tasks: tasks.length,
    tasksDone: tasks.filter((t) => t.status === 'done' || (t.progress ?? 0) >= 100).length,
    tasksOverdue: tasks.filter((t) => t.overdue).length,
    taskProgress: progress.length ? Math.round((progress.reduce((a, b) => a + b, 0) / progress.length) * 10) / 10 : null,
  };
}
