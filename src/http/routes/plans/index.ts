import multipart from '@fastify/multipart';
import { InputError } from '../../../domain/errors.ts';
import { MAX_PLAN_DOCUMENT_BYTES } from '../../../importers/read-plan-document.ts';
import { diffPlanVersions } from '../../../use-cases/plans/diff-plan-versions.ts';
import { findPlanByRef } from '../../../use-cases/plans/find-plan.ts';
import { getPlan } from '../../../use-cases/plans/get-plan.ts';
import { importPlan } from '../../../use-cases/plans/import-plan.ts';
import { listPlans } from '../../../use-cases/plans/list-plans.ts';
import { planAdminScope } from '../../../use-cases/plans/plan-admin-scope.ts';
import { publishPlan } from '../../../use-cases/plans/publish-plan.ts';
import { classifiedVisibility, requireAccess, requireAuthenticated } from '../../auth/auth-plugin.ts';
import { HttpProblem } from '../../problem.ts';
import type { App, RouteModule } from '../../route-module.ts';
import { parseUnitsField } from './units-field.ts';
import { diffPlanSchema, getPlanSchema, importPlanSchema, listPlansSchema, publishPlanSchema } from './schema.ts';

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

function registerPlanRoutes(scope: App, ctx: Parameters<RouteModule>[1]): void {
  scope.post('/api/v1/plans/import', { schema: importPlanSchema }, async (request) => {
    if (request.query.dryRun) requireAuthenticated(request);
    else await requireAccess(request, 'administer', await planAdminScope(ctx, request.query.owner));
    if (!request.isMultipart()) {
      throw new HttpProblem(400, 'Invalid request', {
        detail: 'Gửi tệp kế hoạch dạng multipart/form-data, trường "file" / send the plan as multipart field "file"',
        errors: [{ field: 'file', message: 'multipart/form-data required' }],
      });
    }
    // Every part is read, so the "units" field may come before or after the file.
    let upload: { bytes: Buffer; fileName: string } | null = null;
    let unitsRaw: unknown;
    for await (const part of request.parts()) {
      if (part.type === 'file') upload = { bytes: await part.toBuffer(), fileName: part.filename || 'upload' };
      else if (part.fieldname === 'units') {
        if (unitsRaw !== undefined) throw new InputError('Trường "units" gửi hai lần / "units" sent twice', [{ field: 'units', message: 'gửi một lần / send once' }]);
        unitsRaw = part.value;
      }
    }
    if (!upload) {
      throw new HttpProblem(400, 'Invalid request', { detail: 'Thiếu tệp / no file', errors: [{ field: 'file', message: 'required' }] });
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
    if (result.dryRun) return { draft: result.draft, corrections: result.corrections };
    const { planId, versionId, versionNo, status, published, draft, corrections } = result;
    return { planId, versionId, versionNo, status, published, draft, corrections };
  });

  scope.post('/api/v1/plans/:id/publish', { schema: publishPlanSchema }, async (request) => {
    requireAuthenticated(request);
    const plan = await findPlanByRef(ctx.db, request.params.id);
    await requireAccess(request, 'administer', await planAdminScope(ctx, plan.ownerUnitCode));
    return publishPlan(ctx, { planId: plan.id, versionNo: request.query.version ?? null, actor: request.principal.actor });
  });

  scope.get('/api/v1/plans', { schema: listPlansSchema }, async () => listPlans(ctx));

  scope.get('/api/v1/plans/:id', { schema: getPlanSchema }, async (request) => {
    const plan = await getPlan(ctx, request.params.id, request.query.version ?? null);
    // Classified items ("có yếu tố mật") leave only to those with the right over the plan's owner.
    const ownerScope = await planAdminScope(ctx, plan.owner?.code);
    const maySeeClassified = (await classifiedVisibility(request, [ownerScope]))(ownerScope);
    return {
      ...plan,
      targets: maySeeClassified ? plan.targets : plan.targets.filter((t) => !t.classified),
      tasks: maySeeClassified ? plan.tasks : plan.tasks.filter((t) => !t.classified),
      versions: plan.versions.map(versionJson),
      version: versionJson(plan.version),
    };
  });

  scope.get('/api/v1/plans/:id/diff', { schema: diffPlanSchema }, async (request) => {
    const { from, to } = request.query;
    if (from !== undefined && to !== undefined && from === to) {
      throw new InputError('Hai phiên bản giống nhau / from and to are the same version', [{ field: 'to', message: 'must differ from "from"' }]);
    }
    return diffPlanVersions(ctx, request.params.id, { from: from ?? null, to: to ?? null });
  });
}

function versionJson<V extends { createdAt: Date; publishedAt: Date | null }>(v: V) {
  return { ...v, createdAt: v.createdAt.toISOString(), publishedAt: v.publishedAt ? v.publishedAt.toISOString() : null };
}

export default plans;
