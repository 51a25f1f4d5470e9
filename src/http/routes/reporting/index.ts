import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../../app-context.ts';
import { NotFoundError } from '../../../domain/errors.ts';
import { langFromAcceptLanguage } from '../../../domain/messages/message.ts';
import { findObligation, findPlanForReporting, findSubmissionById, findUnitsByIds, listReportEvents, type ObligationRow } from '../../../repositories/reporting.repository.ts';
import type { ReportContent } from '../../../domain/reporting/report-content.ts';
import { approveReport } from '../../../use-cases/reporting/approve-report.ts';
import { contentForReader } from '../../../use-cases/reports/redact-classified.ts';
import { createObligationsFromPlan } from '../../../use-cases/reporting/create-obligations-from-plan.ts';
import { editSubmission } from '../../../use-cases/reporting/edit-submission.ts';
import { getTimeliness } from '../../../use-cases/reporting/get-timeliness.ts';
import { listManualFigures } from '../../../use-cases/reporting/list-manual-figures.ts';
import { listObligationsFor } from '../../../use-cases/reporting/list-obligations.ts';
import { listReviewQueueFor } from '../../../use-cases/reporting/list-review-queue.ts';
import { prepareSubmission } from '../../../use-cases/reporting/prepare-submission.ts';
import { returnReport } from '../../../use-cases/reporting/return-report.ts';
import { submitReport } from '../../../use-cases/reporting/submit-report.ts';
import { unlockReport } from '../../../use-cases/reporting/unlock-report.ts';
import { updateObligationTerms } from '../../../use-cases/reporting/update-obligation.ts';
import { nameActors } from '../../../use-cases/users/name-actors.ts';
import { accessRoots, classifiedVisibility, requireAccess, requireAuthenticated } from '../../auth/auth-plugin.ts';
import { httpProblem } from '../../problem.ts';
import type { RouteModule } from '../../route-module.ts';
import * as s from './schema.ts';
import { message } from '../../../domain/messages/message.ts';

/** The unit that reviews an obligation's reports: its recipient, else the unit itself. */
const reviewerOf = (o: ObligationRow) => o.recipient?.code ?? o.unit.code;

async function submissionWithObligation(ctx: AppContext, id: number) {
  const submission = await findSubmissionById(ctx.db, id);
  if (!submission) throw new NotFoundError(message('report.report_not_found', { id: String(id) }));
  const obligation = await findObligation(ctx.db, submission.obligationId);
  if (!obligation) throw new NotFoundError(`obligation ${submission.obligationId}`);
  return { submission, obligation };
}

const view = (x: Awaited<ReturnType<typeof submissionWithObligation>>['submission']) => ({
  ...x,
  submittedAt: x.submittedAt?.toISOString() ?? null,
  firstSubmittedAt: x.firstSubmittedAt?.toISOString() ?? null,
  approvedAt: x.approvedAt?.toISOString() ?? null,
  updatedAt: x.updatedAt.toISOString(),
});

const reporting: RouteModule = (app, ctx) => {
  const actor = (request: FastifyRequest) => request.principal.actor;

  app.post('/api/v1/plans/:planId/reporting-obligations', { schema: s.createFromPlanSchema }, async (request) => {
    const plan = await findPlanForReporting(ctx.db, request.params.planId);
    if (!plan) throw new NotFoundError(message('report.plan_not_found', { planId: String(request.params.planId) }));
    const owner = plan.ownerUnitId !== null ? (await findUnitsByIds(ctx.db, [plan.ownerUnitId])).get(plan.ownerUnitId) : undefined;
    if (owner) await requireAccess(request, 'administer', owner.code);
    else if (!request.principal.grants.some((g) => g.role === 'system_admin')) throw httpProblem(403, 'Forbidden', message('auth.system_admin_required'));
    return createObligationsFromPlan(ctx, { planId: plan.id, actor: actor(request), ...(request.body.cycles ? { cycles: request.body.cycles } : {}) });
  });

  app.get('/api/v1/reporting/obligations', { schema: s.listObligationsSchema }, async (request) => {
    requireAuthenticated(request);
    const unit = request.query.unit ?? request.query.recipient;
    if (!unit) throw httpProblem(400, 'Invalid request', message('http.unit_or_recipient_required'), { errors: [{ field: 'querystring.unit', message: 'required' }] });
    await requireAccess(request, 'read', unit);
    return { obligations: await listObligationsFor(ctx, { unit: request.query.unit, recipient: request.query.recipient, planId: request.query.plan }) };
  });

  app.patch('/api/v1/reporting/obligations/:id', { schema: s.updateObligationSchema }, async (request) => {
    const o = await findObligation(ctx.db, request.params.id);
    if (!o) throw new NotFoundError(message('report.obligation_not_found', { id: String(request.params.id) }));
    await requireAccess(request, 'administer', reviewerOf(o));
    return updateObligationTerms(ctx, o.id, request.body, actor(request));
  });

  app.post('/api/v1/reporting/obligations/:id/submissions/:period', { schema: s.prepareSubmissionSchema }, async (request) => {
    const o = await findObligation(ctx.db, request.params.id);
    if (!o) throw new NotFoundError(message('report.obligation_not_found', { id: String(request.params.id) }));
    await requireAccess(request, 'write', o.unit.code);
    return view(await prepareSubmission(ctx, { obligationId: o.id, period: request.params.period, actor: actor(request), refresh: request.query.refresh ?? false }));
  });

  app.get('/api/v1/reporting/submissions/:id', { schema: s.getSubmissionSchema }, async (request) => {
    const { submission, obligation } = await submissionWithObligation(ctx, request.params.id);
    await requireAccess(request, 'read', obligation.unit.code);
    const events = await listReportEvents(ctx.db, submission.id);
    const classifiedVisible = (await classifiedVisibility(request, [obligation.unit.code]))(obligation.unit.code);
    const content = await contentForReader(ctx, submission.content as ReportContent, classifiedVisible);
    // Who sent, returned or approved it, by the name they have now ("deleted user" once erased).
    const namer = await nameActors(ctx.db, events.map((e) => e.actor), langFromAcceptLanguage(request.headers['accept-language']));
    return { ...view({ ...submission, content }), events: events.map((e) => ({ ...e, actorName: namer.name(e.actor), at: e.at.toISOString() })) };
  });

  app.patch('/api/v1/reporting/submissions/:id', { schema: s.editSubmissionSchema }, async (request) => {
    const { obligation } = await submissionWithObligation(ctx, request.params.id);
    await requireAccess(request, 'write', obligation.unit.code);
    const { basedOn, ...edits } = request.body;
    return view(await editSubmission(ctx, request.params.id, edits, actor(request), { basedOn }));
  });

  // A submission without a body (nothing empty to confirm) is an empty object, checked like any other.
  app.post('/api/v1/reporting/submissions/:id/submit', { schema: s.submitSchema, preValidation: (request, _reply, done) => { request.body ??= {}; done(); } }, async (request) => {
    const { obligation } = await submissionWithObligation(ctx, request.params.id);
    await requireAccess(request, 'write', obligation.unit.code);
    return view(await submitReport(ctx, request.params.id, actor(request), request.body.confirmEmpty ?? []));
  });

  app.post('/api/v1/reporting/submissions/:id/return', { schema: s.returnSchema }, async (request) => {
    const { obligation } = await submissionWithObligation(ctx, request.params.id);
    await requireAccess(request, 'approve', reviewerOf(obligation));
    return view(await returnReport(ctx, request.params.id, actor(request), request.body.comment));
  });

  app.post('/api/v1/reporting/submissions/:id/approve', { schema: s.approveSchema }, async (request) => {
    const { obligation } = await submissionWithObligation(ctx, request.params.id);
    await requireAccess(request, 'approve', reviewerOf(obligation));
    return view(await approveReport(ctx, request.params.id, actor(request), request.body.comment ?? null));
  });

  app.post('/api/v1/reporting/submissions/:id/unlock', { schema: s.unlockSchema }, async (request) => {
    const { obligation } = await submissionWithObligation(ctx, request.params.id);
    await requireAccess(request, 'administer', reviewerOf(obligation));
    return view(await unlockReport(ctx, request.params.id, actor(request), request.body.comment));
  });

  // The queue holds exactly what the return and approve routes would allow: 'approve' over the reviewing unit.
  app.get('/api/v1/reporting/queue', { schema: s.reviewQueueSchema }, async (request) => {
    const items = await listReviewQueueFor(ctx, {
      lang: langFromAcceptLanguage(request.headers['accept-language']),
      reviewerRoots: accessRoots(request, 'approve'),
      ...(request.query.unit !== undefined ? { unit: request.query.unit } : {}),
      ...(request.query.period !== undefined ? { period: request.query.period } : {}),
    });
    return {
      items: items.map((i) => ({ ...i, submittedAt: i.submittedAt.toISOString(), firstSubmittedAt: i.firstSubmittedAt?.toISOString() ?? null })),
    };
  });

  // A target's typed figures are read like the target: over its unit, classified ones with the right.
  app.get('/api/v1/reporting/manual-figures', { schema: s.manualFiguresSchema }, async (request) => {
    requireAuthenticated(request);
    const figures = await listManualFigures(ctx, request.query.target);
    const unit = figures.unit;
    if (unit) await requireAccess(request, 'read', unit);
    if (figures.classified && !(unit && (await classifiedVisibility(request, [unit]))(unit))) throw new NotFoundError(message('report.target_not_found', { target: request.query.target }));
    return figures;
  });

  app.get('/api/v1/reporting/timeliness', { schema: s.timelinessSchema }, async (request) => {
    requireAuthenticated(request);
    const unit = request.query.unit ?? request.query.recipient;
    if (!unit) throw httpProblem(400, 'Invalid request', message('http.unit_or_recipient_required'), { errors: [{ field: 'querystring.unit', message: 'required' }] });
    await requireAccess(request, 'read', unit);
    const periods = request.query.periods.split(',').map((p) => p.trim()).filter(Boolean);
    return getTimeliness(ctx, { periods, ...(request.query.unit ? { unit: request.query.unit } : {}), ...(request.query.recipient ? { recipient: request.query.recipient } : {}) });
  });
};

export default reporting;
