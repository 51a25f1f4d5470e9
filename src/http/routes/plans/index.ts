import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { can } from '../../../domain/access/authorize.ts';
import { InputError, NotFoundError, problem } from '../../../domain/errors.ts';
import { MAX_PLAN_DOCUMENT_BYTES } from '../../../importers/read-plan-document.ts';
import { TooLargeError } from '../../../importers/zip-limits.ts';
import { editDraftItem } from '../../../use-cases/plans/edit-plan-draft.ts';
import { getPlanDraft } from '../../../use-cases/plans/get-plan-draft.ts';
import { diffPlanVersions } from '../../../use-cases/plans/diff-plan-versions.ts';
import { findPlanByRef } from '../../../use-cases/plans/find-plan.ts';
import { getPlan, type SectionNode } from '../../../use-cases/plans/get-plan.ts';
import { importPlan } from '../../../use-cases/plans/import-plan.ts';
import { listPlans } from '../../../use-cases/plans/list-plans.ts';
import { planAdminScope } from '../../../use-cases/plans/plan-admin-scope.ts';
import { publishPlan } from '../../../use-cases/plans/publish-plan.ts';
import { classifiedVisibility, requireAccess, requireAuthenticated, subtreeCheckFor } from '../../auth/auth-plugin.ts';
import { HttpProblem, httpProblem } from '../../problem.ts';
import type { App, RouteModule } from '../../route-module.ts';
import { parseUnitsField } from './units-field.ts';
import { diffPlanSchema, editDraftItemSchema, getDraftSchema, getPlanSchema, importPlanSchema, listPlansSchema, publishPlanSchema } from './schema.ts';
import { langFromAcceptLanguage, message } from '../../../domain/messages/message.ts';
import { draftIn, draftWarningsIn } from '../../../importers/draft-warning-words.ts';

/**
 * Plan import and publication. The routes live in their own encapsulated scope so that multipart
 * parsing applies to them only. Reading plans is public; a dry run needs a signed-in user or token;
 * storing and publishing need the administer right over the plan's owner (or the city).
 */
const plans: RouteModule = async (app, ctx) => {
  await app.register(async (scope: App) => {
    await scope.register(multipart, { limits: { fileSize: MAX_PLAN_DOCUMENT_BYTES, files: 1, fields: 10 } });
    registerPlanRoutes(scope, ctx);
  });
};

/**
 * What a broken upload gets: a file over the limit is a 413 naming it; a body that is not valid
 * multipart (cut short, no closing boundary) is a 400 about the file field — never a 500.
 */
function uploadProblem(error: unknown): Error {
  if (error instanceof InputError || error instanceof HttpProblem) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return new TooLargeError(message('plan.plan_file_too_large'), [
      problem({ field: 'file' }, message('http.file_at_most_megabytes', { megabytes: MAX_PLAN_DOCUMENT_BYTES / 1024 / 1024 })),
    ]);
  }
  const reason = error instanceof Error ? error.message : String(error);
  return httpProblem(400, 'Invalid request', message('http.malformed_multipart', { reason }), {
    errors: [problem({ field: 'file' }, message('plan.malformed_or_cut_short'))],
  });
}

function registerPlanRoutes(scope: App, ctx: Parameters<RouteModule>[1]): void {
  scope.post('/api/v1/plans/import', { schema: importPlanSchema }, async (request) => {
    if (request.query.dryRun) requireAuthenticated(request);
    else await requireAccess(request, 'administer', await planAdminScope(ctx, request.query.owner));
    if (!request.isMultipart()) {
      throw httpProblem(400, 'Invalid request', message('http.send_plan_as_multipart'), {
        errors: [{ field: 'file', message: 'multipart/form-data required' }],
      });
    }
    // Every part is read, so the "units" field may come before or after the file.
    let upload: { bytes: Buffer; fileName: string } | null = null;
    let unitsRaw: unknown;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') upload = { bytes: await part.toBuffer(), fileName: part.filename || 'upload' };
        else if (part.fieldname === 'units') {
          if (unitsRaw !== undefined) throw new InputError(message('plan.sent_twice'), [problem({ field: 'units' }, message('plan.send_once'))]);
          unitsRaw = part.value;
        }
      }
    } catch (error) {
      throw uploadProblem(error);
    }
    if (!upload) {
      throw httpProblem(400, 'Invalid request', message('http.no_file'), { errors: [{ field: 'file', message: 'required' }] });
    }
    const unitCorrections = unitsRaw === undefined ? undefined : parseUnitsField(unitsRaw);
    const actor = request.principal.actor;
    const result = await importPlan(ctx, {
      bytes: upload.bytes,
      fileName: upload.fileName,
      dryRun: request.query.dryRun ?? false,
      publish: request.query.publish ?? false,
      owner: request.query.owner ?? null,
      ...(unitCorrections ? { unitCorrections } : {}),
      actor,
    });
    // The draft's warnings in the reader's language (the preview lists them beside their items).
    const lang = langFromAcceptLanguage(request.headers['accept-language']);
    if (result.dryRun) return { draft: draftIn(result.draft, lang), corrections: result.corrections };
    const { planId, versionId, versionNo, status, published, draft, corrections } = result;
    return { planId, versionId, versionNo, status, published, draft: draftIn(draft, lang), corrections };
  });

  scope.post('/api/v1/plans/:id/publish', { schema: publishPlanSchema }, async (request) => {
    requireAuthenticated(request);
    const plan = await findPlanByRef(ctx.db, request.params.id);
    await requireAccess(request, 'administer', await planAdminScope(ctx, plan.ownerUnitCode));
    return publishPlan(ctx, { planId: plan.id, versionNo: request.query.version ?? null, actor: request.principal.actor });
  });

  // Reviewing and correcting a stored draft is the plan administrators' work, like publishing it.
  scope.get('/api/v1/plans/:id/versions/:versionNo/draft', { schema: getDraftSchema }, async (request) => {
    requireAuthenticated(request);
    const plan = await findPlanByRef(ctx.db, request.params.id);
    await requireAccess(request, 'administer', await planAdminScope(ctx, plan.ownerUnitCode));
    const stored = await getPlanDraft(ctx, plan.id, request.params.versionNo);
    return { ...stored, draft: draftIn(stored.draft, langFromAcceptLanguage(request.headers['accept-language'])) };
  });

  scope.patch('/api/v1/plans/:id/versions/:versionNo/:kind/:index', { schema: editDraftItemSchema }, async (request) => {
    requireAuthenticated(request);
    const plan = await findPlanByRef(ctx.db, request.params.id);
    await requireAccess(request, 'administer', await planAdminScope(ctx, plan.ownerUnitCode));
    const { kind, index, versionNo } = request.params;
    return editDraftItem(ctx, { planId: plan.id, versionNo, kind, index, changes: request.body, actor: request.principal.actor });
  });

  // Plans are read signed in (the public reads published plans through /api/v1/public). A classified
  // plan is seen only with the classified right over its owner, a plan never published only by who
  // administers it; to everyone else it does not exist (404, never 403: its existence is the secret).
  scope.get('/api/v1/plans', { schema: listPlansSchema }, async (request) => {
    requireAuthenticated(request);
    const plans = await listPlans(ctx);
    const scopes = await Promise.all(plans.map((p) => planAdminScope(ctx, p.ownerUnitCode)));
    const visible = await planVisibility(request, scopes);
    return plans.filter((p, i) => visible(scopes[i]!, p.classified, p.publishedVersionNo !== null));
  });

  scope.get('/api/v1/plans/:id', { schema: getPlanSchema }, async (request) => {
    requireAuthenticated(request);
    const plan = await getPlan(ctx, request.params.id, request.query.version ?? null);
    const ownerScope = await planAdminScope(ctx, plan.owner?.code);
    const published = plan.versions.some((v) => v.status === 'published');
    if (!(await planVisibility(request, [ownerScope]))(ownerScope, plan.classified, published)) throw new NotFoundError(message('plan.plan_not_found', { id: request.params.id }));
    // Classified items ("có yếu tố mật") leave only to those with the right over the plan's owner.
    const maySeeClassified = (await classifiedVisibility(request, [ownerScope]))(ownerScope);
    return {
      ...plan,
      warnings: draftWarningsIn(plan.warnings, langFromAcceptLanguage(request.headers['accept-language'])),
      sections: maySeeClassified ? plan.sections : withoutClassified(plan.sections),
      targets: maySeeClassified ? plan.targets : plan.targets.filter((t) => !t.classified),
      tasks: maySeeClassified ? plan.tasks : plan.tasks.filter((t) => !t.classified),
      versions: plan.versions.map(versionJson),
      version: versionJson(plan.version),
    };
  });

  scope.get('/api/v1/plans/:id/diff', { schema: diffPlanSchema }, async (request) => {
    // Comparing versions is the plan administrators' work before publishing: drafts and classified
    // items included, so it needs the administer right over the plan's owner.
    requireAuthenticated(request);
    const plan = await findPlanByRef(ctx.db, request.params.id);
    await requireAccess(request, 'administer', await planAdminScope(ctx, plan.ownerUnitCode));
    const { from, to } = request.query;
    if (from !== undefined && to !== undefined && from === to) {
      throw new InputError(message('plan.from_and_to_same_version'), [{ field: 'to', message: 'must differ from "from"' }]);
    }
    return diffPlanVersions(ctx, request.params.id, { from: from ?? null, to: to ?? null });
  });
}

function versionJson<V extends { createdAt: Date; publishedAt: Date | null }>(v: V) {
  return { ...v, createdAt: v.createdAt.toISOString(), publishedAt: v.publishedAt ? v.publishedAt.toISOString() : null };
}

export default plans;

/**
 * Which plans a signed-in caller may read at all: a published plan, unless classified as a whole (then
 * the classified right over its owner is needed); an unpublished one only by its administrators.
 */
async function planVisibility(request: FastifyRequest, ownerScopes: readonly string[]): Promise<(ownerScope: string, classified: boolean, published: boolean) => boolean> {
  const seesClassified = await classifiedVisibility(request, ownerScopes);
  const inSubtree = await subtreeCheckFor(request, ownerScopes);
  return (ownerScope, classified, published) =>
    (published || can(request.principal, 'administer', ownerScope, inSubtree)) && (!classified || seesClassified(ownerScope));
}

/** A section tree without the sections marked classified (a marked section's subsections are marked too). */
function withoutClassified(sections: SectionNode[]): SectionNode[] {
  return sections.filter((s) => !s.classified).map((s) => ({ ...s, children: withoutClassified(s.children) }));
}
