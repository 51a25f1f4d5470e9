import { carryPlanMarkIfMarked } from '../../repositories/classification.repository.ts';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import type { Database } from '../../db/database.ts';
import { pairItems } from '../../domain/plans/diff-drafts.ts';
import { InputError, NotFoundError } from '../../domain/errors.ts';
import type { DraftTarget, DraftTask } from '../../importers/draft.ts';
import {
  findPlanById,
  findVersion,
  itemCodesOfPlan,
  listVersions,
  markVersionPublished,
  planOwnerUnitId,
  replaceResponsibilities,
  sectionsOfVersion,
  setTargetIndicators,
  targetsOfVersion,
  tasksOfVersion,
  upsertTargets,
  upsertTasks,
  versionDraft,
  type NewResponsibility,
  type PlanVersionRow,
} from '../../repositories/plans.repository.ts';
import { setTargetWeights } from '../../repositories/targets.repository.ts';
import { findIndicatorsByCodes } from '../../repositories/indicators.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { pathKey } from './plan-sections.ts';
import { message } from '../../domain/messages/message.ts';

export interface PublishPlanInput {
  planId: number;
  /** The version to publish; the latest when absent. */
  versionNo?: number | null;
  /** Who publishes, for the audit log ("cli:<user>", "user:<name>"…). */
  actor: string;
}

export interface PublishPlanResult {
  planId: number;
  versionId: number;
  versionNo: number;
  /** False when the version was already the published one (nothing changed). */
  changed: boolean;
  targets: number;
  tasks: number;
}

/**
 * Publishes a plan version: it becomes the plan's adopted baseline (the one before is superseded),
 * and its targets and tasks are written as rows others can measure, assign and report on. An item
 * that was already published in an earlier version keeps its code and row (paired as the diff pairs
 * them), so observations, progress and evidence attached to it carry over; items the new version
 * drops stay in history under the version that had them. Audited.
 *
 * @example
 * await publishPlan(ctx, { planId: 3, actor: 'cli:admin' }); // latest version of plan 3
 */
export async function publishPlan(ctx: AppContext, input: PublishPlanInput): Promise<PublishPlanResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const plan = await findPlanById(trx, input.planId);
    if (!plan) throw new NotFoundError(message('plan.no_plan_again', { planId: String(input.planId) }));
    const versions = await listVersions(trx, plan.id);
    const version =
      input.versionNo === undefined || input.versionNo === null
        ? versions[versions.length - 1]
        : await findVersion(trx, plan.id, input.versionNo);
    if (!version) {
      throw new InputError(message('plan.no_such_version_again', { planId: String(plan.id), value: String(input.versionNo ?? '') }), [
        { field: 'version', message: `phiên bản có: ${versions.map((v) => v.versionNo).join(', ') || '(không có)'}` },
      ]);
    }
    return publishVersionInTransaction(trx, version, versions, input.actor, ctx.now());
  });
}

/** The publishing step itself, for callers (import --publish) that already hold the transaction. */
export async function publishVersionInTransaction(
  trx: Kysely<Database>,
  version: PlanVersionRow,
  versions: PlanVersionRow[],
  actor: string,
  at: Date,
): Promise<PublishPlanResult> {
  const draft = await versionDraft(trx, version.id);
  const result = { planId: version.planId, versionId: version.id, versionNo: version.versionNo, targets: draft.targets.length, tasks: draft.tasks.length };
  if (version.status === 'published') return { ...result, changed: false };

  const previous = versions.find((v) => v.status === 'published' && v.id !== version.id) ?? null;
  const usedCodes = await itemCodesOfPlan(trx, version.planId);
  const scopeUnitId = await planOwnerUnitId(trx, version.planId);
  const sectionIdOf = await sectionIdsByPath(trx, version.id);
  const previousPaths = previous ? invert(await sectionIdsByPath(trx, previous.id)) : new Map<number, string[]>();
  const pathOfRow = (row: { sectionId: number | null }) => (row.sectionId === null ? [] : (previousPaths.get(row.sectionId) ?? []));

  const previousTargets = previous ? await targetsOfVersion(trx, previous.id) : [];
  const targetCodes = itemCodes(
    version.planId,
    'T',
    draft.targets.map((t) => ({ seq: t.seq, sectionPath: t.sectionPath, text: t.text })),
    previousTargets.map((r) => ({ seq: r.seq, sectionPath: pathOfRow(r), text: r.text, code: r.code })),
    usedCodes,
  );
  const targetIds = await upsertTargets(
    trx,
    draft.targets.map((t, i) => ({
      code: targetCodes[i] as string,
      planVersionId: version.id,
      scopeUnitId,
      sectionId: sectionIdOf.get(pathKey(t.sectionPath)) ?? null,
      seq: t.seq,
      text: t.text,
      measure: t.measure,
      op: t.goal.op,
      value: t.goal.value,
      goalRaw: t.goal.raw,
      startOn: t.due.start,
      dueOn: t.due.end,
      dueRaw: t.due.raw,
      basis: t.basis,
      sourceLine: t.source.line,
    })),
  );
  const targetIdAt = (i: number) => targetIds.get(targetCodes[i] as string) as number;
  // Weights set on the draft; a target the draft leaves unweighted keeps the weight it had (or 1).
  await setTargetWeights(trx, draft.targets.flatMap((t, i) => (t.weight !== undefined ? [{ id: targetIdAt(i), weight: t.weight }] : [])));
  // Indicators linked on the draft: from now on those targets are evaluated like any other.
  const linkedCodes = [...new Set(draft.targets.flatMap((t) => (t.indicator ? [t.indicator] : [])))];
  const indicators = await findIndicatorsByCodes(trx, linkedCodes);
  const links = draft.targets.flatMap((t, i) => {
    const indicator = t.indicator ? indicators.get(t.indicator) : undefined;
    return indicator ? [{ targetId: targetIdAt(i), indicatorId: indicator.id }] : [];
  });
  await setTargetIndicators(trx, links);
  await replaceResponsibilities(
    trx,
    'target',
    draft.targets.map((_, i) => targetIdAt(i)),
    draft.targets.flatMap((t, i) => responsibilities(t, targetIdAt(i))),
  );

  const previousTasks = previous ? await tasksOfVersion(trx, previous.id) : [];
  const taskCodes = itemCodes(
    version.planId,
    'NV',
    draft.tasks.map((t) => ({ seq: t.seq, sectionPath: t.sectionPath, text: t.title })),
    previousTasks.map((r) => ({ seq: r.seq, sectionPath: pathOfRow(r), text: r.title, code: r.code })),
    usedCodes,
  );
  const taskIds = await upsertTasks(
    trx,
    draft.tasks.map((t, i) => ({
      code: taskCodes[i] as string,
      planVersionId: version.id,
      sectionId: sectionIdOf.get(pathKey(t.sectionPath)) ?? null,
      seq: t.seq,
      title: t.title,
      result: t.result,
      product: t.product,
      dueKind: t.due.kind,
      dueStart: t.due.start,
      dueEnd: t.due.end,
      dueRaw: t.due.raw,
      sourceLine: t.source.line,
    })),
  );
  const taskIdAt = (i: number) => taskIds.get(taskCodes[i] as string) as number;
  await replaceResponsibilities(
    trx,
    'task',
    draft.tasks.map((_, i) => taskIdAt(i)),
    draft.tasks.flatMap((t, i) => responsibilities(t, taskIdAt(i))),
  );

  await markVersionPublished(trx, version.planId, version.id, at);
  await carryPlanMarkIfMarked(trx, version.planId);
  await recordAudit(trx, {
    actor,
    action: 'publish',
    entity: 'plan_version',
    entityId: version.id,
    before: { planId: version.planId, versionNo: version.versionNo, status: version.status, supersedes: previous?.versionNo ?? null },
    after: { planId: version.planId, versionNo: version.versionNo, status: 'published', targets: draft.targets.length, tasks: draft.tasks.length, linked: links.length },
    at,
  });
  return { ...result, changed: true };
}

interface PairableItem {
  seq: number | null;
  sectionPath: string[];
  text: string;
}

/**
 * Codes for a version's items: an item paired with a row of the previously published version keeps
 * that row's code; a new item gets `<planId>-<T|NV><seq or position>`, suffixed when that is taken.
 */
function itemCodes(
  planId: number,
  kind: 'T' | 'NV',
  items: PairableItem[],
  previousRows: (PairableItem & { code: string })[],
  usedCodes: Set<string>,
): string[] {
  const codes: (string | undefined)[] = new Array<string | undefined>(items.length);
  for (const pair of pairItems<PairableItem>(previousRows, items, (item) => item.text)) {
    codes[pair.to] = previousRows[pair.from]?.code;
  }
  const taken = new Set([...usedCodes, ...codes.filter((c): c is string => !!c)]);
  return items.map((item, i) => {
    const inherited = codes[i];
    if (inherited) return inherited;
    const base = `${planId}-${kind}${item.seq ?? i + 1}`;
    let code = base;
    for (let n = 2; taken.has(code); n++) code = `${base}-${n}`;
    taken.add(code);
    return code;
  });
}

function responsibilities(item: DraftTarget | DraftTask, itemId: number): NewResponsibility[] {
  const monitor = 'monitor' in item ? item.monitor.map((unit) => ({ itemId, role: 'monitor' as const, unit })) : [];
  return [
    ...monitor,
    ...item.lead.map((unit) => ({ itemId, role: 'lead' as const, unit })),
    ...item.partners.map((unit) => ({ itemId, role: 'partner' as const, unit })),
  ];
}

async function sectionIdsByPath(trx: Kysely<Database>, versionId: number): Promise<Map<string, number>> {
  const sections = await sectionsOfVersion(trx, versionId);
  const byId = new Map(sections.map((s) => [s.id, s]));
  const pathOf = (id: number): string[] => {
    const s = byId.get(id);
    if (!s) return [];
    return [...(s.parentId === null ? [] : pathOf(s.parentId)), s.title];
  };
  return new Map(sections.map((s) => [pathKey(pathOf(s.id)), s.id]));
}

function invert(byPath: Map<string, number>): Map<number, string[]> {
  return new Map([...byPath].map(([key, id]) => [id, key === '' ? [] : key.split('\u0001')]));
}
