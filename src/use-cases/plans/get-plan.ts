import type { AppContext } from '../../app-context.ts';
import { InputError } from '../../domain/errors.ts';
import type { DraftDue, DraftGoal, DraftUnit, DraftWarning } from '../../importers/draft.ts';
import {
  findVersion,
  listVersions,
  sectionsOfVersion,
  targetsOfVersion,
  tasksOfVersion,
  versionDraft,
  type PlanVersionRow,
} from '../../repositories/plans.repository.ts';
import { findPlanByRef } from './find-plan.ts';
import { pathKey } from './plan-sections.ts';
import { message } from '../../domain/messages/message.ts';

export interface SectionNode {
  id: number;
  title: string;
  number: string | null;
  position: number;
  /** Marked classified (itself or through an enclosing section). */
  classified: boolean;
  children: SectionNode[];
}

interface ItemCommon {
  /** Row id and code once the version is published; null in an unpublished draft. */
  id: number | null;
  code: string | null;
  seq: number | null;
  sectionId: number | null;
  sectionPath: string[];
  lead: DraftUnit[];
  partners: DraftUnit[];
  due: DraftDue;
  sourceLine: number;
  classified: boolean;
}

export interface PlanTargetItem extends ItemCommon {
  text: string;
  measure: string | null;
  goal: DraftGoal;
  monitor: DraftUnit[];
  basis: string | null;
}

export interface PlanTaskItem extends ItemCommon {
  title: string;
  result: string | null;
  product: string | null;
  status: string | null;
  progress: number | null;
}

export interface PlanDetail {
  id: number;
  code: string | null;
  title: string;
  issuer: string | null;
  issuedOn: string | null;
  owner: { code: string; name: string } | null;
  /** The whole plan is classified. */
  classified: boolean;
  versions: PlanVersionRow[];
  /** The version shown: the one asked for, else the published one, else the latest. */
  version: PlanVersionRow;
  sections: SectionNode[];
  targets: PlanTargetItem[];
  tasks: PlanTaskItem[];
  warnings: DraftWarning[];
}

/**
 * A plan with one version's section tree and items (targets and tasks with their monitoring, lead
 * and partner units). Items come from the version's draft; once published, each also carries its
 * stored id and code (and, for tasks, status and progress).
 *
 * @example
 * const plan = await getPlan(ctx, '131/KH-UBND');
 * plan.sections[0].children.length
 */
export async function getPlan(ctx: AppContext, ref: string | number, versionNo?: number | null): Promise<PlanDetail> {
  const plan = await findPlanByRef(ctx.db, ref);
  const versions = await listVersions(ctx.db, plan.id);
  let version: PlanVersionRow | undefined;
  if (versionNo !== undefined && versionNo !== null) {
    version = (await findVersion(ctx.db, plan.id, versionNo)) ?? undefined;
    if (!version) {
      throw new InputError(message('plan.no_such_version', { planId: String(plan.id), versionNo }), [
        { field: 'version', message: `phiên bản có: ${versions.map((v) => v.versionNo).join(', ')}` },
      ]);
    }
  } else {
    version = versions.find((v) => v.status === 'published') ?? versions[versions.length - 1];
  }
  if (!version) throw new InputError(message('plan.plan_has_no_version', { planId: String(plan.id) }), [{ field: 'version', message: 'no version' }]);

  const draft = await versionDraft(ctx.db, version.id);
  const sectionRows = await sectionsOfVersion(ctx.db, version.id);
  const nodes = new Map<number, SectionNode>(sectionRows.map((s) => [s.id, { id: s.id, title: s.title, number: s.number, position: s.position, classified: s.classified, children: [] }]));
  const roots: SectionNode[] = [];
  const pathOf = new Map<number, string[]>();
  for (const s of sectionRows) {
    const node = nodes.get(s.id) as SectionNode;
    const parent = s.parentId === null ? undefined : nodes.get(s.parentId);
    (parent ? parent.children : roots).push(node);
    pathOf.set(s.id, [...(s.parentId === null ? [] : (pathOf.get(s.parentId) ?? [])), s.title]);
  }
  const sectionIdOf = new Map([...pathOf].map(([id, path]) => [pathKey(path), id]));
  const bySort = (a: SectionNode, b: SectionNode) => a.position - b.position;
  const sortTree = (list: SectionNode[]) => {
    list.sort(bySort);
    list.forEach((n) => sortTree(n.children));
  };
  sortTree(roots);

  // Rows were written from this very draft, so line and text identify each item's row.
  const targetRows = version.status === 'published' ? await targetsOfVersion(ctx.db, version.id) : [];
  const taskRows = version.status === 'published' ? await tasksOfVersion(ctx.db, version.id) : [];
  const takeRow = rowPicker(targetRows, (r) => `${r.sourceLine}\u0000${r.text}`);
  const takeTask = rowPicker(taskRows, (r) => `${r.sourceLine}\u0000${r.title}`);

  return {
    id: plan.id,
    code: plan.code,
    title: plan.title,
    issuer: plan.issuer,
    issuedOn: plan.issuedOn,
    owner: plan.ownerUnitCode && plan.ownerUnitName ? { code: plan.ownerUnitCode, name: plan.ownerUnitName } : null,
    classified: plan.classified,
    versions,
    version,
    sections: roots,
    targets: draft.targets.map((t) => {
      const row = takeRow(`${t.source.line}\u0000${t.text}`);
      return {
        id: row?.id ?? null,
        code: row?.code ?? null,
        seq: t.seq,
        sectionId: sectionIdOf.get(pathKey(t.sectionPath)) ?? null,
        sectionPath: t.sectionPath,
        text: t.text,
        measure: t.measure,
        goal: t.goal,
        monitor: t.monitor,
        lead: t.lead,
        partners: t.partners,
        basis: t.basis,
        due: t.due,
        sourceLine: t.source.line,
        classified: row?.classified ?? false,
      };
    }),
    tasks: draft.tasks.map((t) => {
      const row = takeTask(`${t.source.line}\u0000${t.title}`);
      return {
        id: row?.id ?? null,
        code: row?.code ?? null,
        seq: t.seq,
        sectionId: sectionIdOf.get(pathKey(t.sectionPath)) ?? null,
        sectionPath: t.sectionPath,
        title: t.title,
        lead: t.lead,
        partners: t.partners,
        result: t.result,
        product: t.product,
        due: t.due,
        status: row?.status ?? null,
        progress: row?.progress ?? null,
        sourceLine: t.source.line,
        classified: row?.classified ?? false,
      };
    }),
    warnings: draft.warnings,
  };
}

function rowPicker<R>(rows: R[], keyOf: (row: R) => string): (key: string) => R | undefined {
  const byKey = new Map<string, R[]>();
  for (const row of rows) byKey.set(keyOf(row), [...(byKey.get(keyOf(row)) ?? []), row]);
  return (key) => byKey.get(key)?.shift();
}
