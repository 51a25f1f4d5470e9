import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { InputError, problem } from '../../../domain/errors.ts';
import { langFromAcceptLanguage, message } from '../../../domain/messages/message.ts';
import { duplicateReasonIn } from '../../../domain/problems/find-duplicates.ts';
import { MAX_PLAN_DOCUMENT_BYTES } from '../../../importers/read-plan-document.ts';
import { TooLargeError } from '../../../importers/zip-limits.ts';
import { importProposals } from '../../../use-cases/problems/import-proposals.ts';
import { HttpProblem, httpProblem } from '../../problem.ts';
import { eraseContactData, exportContactData } from '../../../use-cases/problems/contact-personal-data.ts';
import { addProblemKpi } from '../../../use-cases/problems/add-problem-kpi.ts';
import { attachmentHeader } from '../../../exports/xlsx-table.ts';
import { exportProblemCatalogue } from '../../../use-cases/problems/export-problem-catalogue.ts';
import { findProblemDuplicates } from '../../../use-cases/problems/find-problem-duplicates.ts';
import { getProblem } from '../../../use-cases/problems/get-problem.ts';
import { listProblems } from '../../../use-cases/problems/list-problems.ts';
import { mergeProblems } from '../../../use-cases/problems/merge-problems.ts';
import { problemAccessFor, type ProblemAccess } from '../../../use-cases/problems/problem-access.ts';
import { proposeProblem } from '../../../use-cases/problems/propose-problem.ts';
import { listProblemSolutions, reviewSolution } from '../../../use-cases/problems/review-solutions.ts';
import { listAreaTypes, setUnitAreaType } from '../../../use-cases/problems/set-unit-area-type.ts';
import { transitionProblem } from '../../../use-cases/problems/transition-problem.ts';
import { updateProblem } from '../../../use-cases/problems/update-problem.ts';
import { requireAuthenticated, subtreeCheckFor } from '../../auth/auth-plugin.ts';
import type { App, RouteModule } from '../../route-module.ts';
import {
  addKpiSchema, areaTypesSchema, eraseContactSchema, exportContactSchema, catalogueFileSchema, importProposalsSchema, duplicatesSchema, getProblemSchema, listProblemsSchema, listSolutionsSchema, mergeProblemsSchema,
  proposeProblemSchema, reviewSolutionSchema, setAreaTypeSchema, transitionProblemSchema, updateProblemSchema,
} from './schema.ts';

/** The asker, for the problem use-cases, which decide who may do what by the one policy (authorize.ts). */
function accessOf(request: FastifyRequest): ProblemAccess {
  requireAuthenticated(request);
  return problemAccessFor(request.principal, (units) => subtreeCheckFor(request, units));
}

const csv = (text: string | undefined) => (text ? text.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

/** The upload, or the reason it is refused: 413 over the size limit, 400 for a body that is not multipart. */
async function readUpload(request: FastifyRequest): Promise<{ bytes: Buffer; fileName: string }> {
  if (!request.isMultipart()) throw httpProblem(400, 'Invalid request', message('problem.upload_not_multipart'), { errors: [{ field: 'file', message: 'multipart/form-data required' }] });
  let upload: { bytes: Buffer; fileName: string } | null = null;
  try {
    for await (const part of request.parts()) if (part.type === 'file') upload = { bytes: await part.toBuffer(), fileName: part.filename || 'upload' };
  } catch (error) {
    if (error instanceof InputError || error instanceof HttpProblem) throw error;
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new TooLargeError(message('problem.file_too_large'), [problem({ field: 'file' }, message('problem.at_most_bytes', { MAX_PLAN_DOCUMENT_BYTES }))]);
    throw httpProblem(400, 'Invalid request', message('problem.upload_malformed', { reason: (error as Error).message }), { errors: [problem({ field: 'file' }, message('plan.malformed_or_cut_short'))] });
  }
  if (!upload) throw httpProblem(400, 'Invalid request', message('problem.upload_missing'), { errors: [{ field: 'file', message: 'required' }] });
  return upload;
}

/** The city's registry of governance problems ("bài toán"): docs/problems.md. */
const problems: RouteModule = async (app, ctx) => {
  // Multipart parsing only for the import, in its own scope (as plan import does).
  await app.register(async (scope: App) => {
    await scope.register(multipart, { limits: { fileSize: MAX_PLAN_DOCUMENT_BYTES, files: 1, fields: 10 } });
    scope.post('/api/v1/problems/import', { schema: importProposalsSchema }, async (request) => {
      const access = accessOf(request);
      const upload = await readUpload(request);
      return importProposals(ctx, access, { ...upload, unit: request.query.unit, dryRun: request.query.dryRun ?? false }, langFromAcceptLanguage(request.headers['accept-language']));
    });
  });
  app.get('/api/v1/problems', { schema: listProblemsSchema }, async (request) => {
    const q = request.query;
    return listProblems(ctx, accessOf(request), { states: csv(q.state), field: q.field, areaType: q.areaType, proposingUnit: q.unit, priority: q.priority, limit: q.limit, offset: q.offset });
  });
  app.post('/api/v1/problems', { schema: proposeProblemSchema }, async (request, reply) => {
    reply.code(201);
    return proposeProblem(ctx, accessOf(request), request.body);
  });
  app.get('/api/v1/problems/duplicates', { schema: duplicatesSchema }, async (request) => {
    const { pairs } = await findProblemDuplicates(ctx, accessOf(request), { states: csv(request.query.state), field: request.query.field });
    // Why each pair looks alike, in the reader's language.
    const lang = langFromAcceptLanguage(request.headers['accept-language']);
    return { pairs: pairs.map((p) => ({ ...p, reason: duplicateReasonIn(p, lang) })) };
  });
  app.post('/api/v1/problems/merge', { schema: mergeProblemsSchema }, async (request, reply) => {
    reply.code(201);
    return mergeProblems(ctx, accessOf(request), request.body);
  });
  for (const format of ['xlsx', 'docx'] as const) {
    app.get(`/api/v1/problems/catalogue.${format}`, { schema: catalogueFileSchema }, async (request, reply) => {
      const q = request.query;
      const file = await exportProblemCatalogue(ctx, accessOf(request), format, { states: csv(q.state), field: q.field, areaType: q.areaType });
      return reply.type(file.contentType).header('cache-control', 'private, no-store').header('content-disposition', attachmentHeader(file)).send(Buffer.from(file.body));
    });
  }
  app.get('/api/v1/problems/area-types', { schema: areaTypesSchema }, async (request) => {
    accessOf(request);
    return { areaTypes: await listAreaTypes(ctx) };
  });
  app.put('/api/v1/problems/area-types/:unit', { schema: setAreaTypeSchema }, async (request) =>
    setUnitAreaType(ctx, accessOf(request), request.params.unit, request.body.areaType));
  // Contacts who are not users (docs/problems.md, "Personal data"): POST, so the e-mail stays out of URLs.
  app.post('/api/v1/problems/contacts/personal-data', { schema: exportContactSchema }, async (request) => exportContactData(ctx, accessOf(request), request.body));
  app.post('/api/v1/problems/contacts/erase', { schema: eraseContactSchema }, async (request) => eraseContactData(ctx, accessOf(request), request.body));
  app.get('/api/v1/problems/:code', { schema: getProblemSchema }, async (request) => getProblem(ctx, accessOf(request), request.params.code, langFromAcceptLanguage(request.headers['accept-language'])));
  app.patch('/api/v1/problems/:code', { schema: updateProblemSchema }, async (request) => updateProblem(ctx, accessOf(request), request.params.code, request.body));
  app.post('/api/v1/problems/:code/transitions', { schema: transitionProblemSchema }, async (request) =>
    transitionProblem(ctx, accessOf(request), request.params.code, request.body.to, request.body.note, { evidencePilot: request.body.evidencePilot }));
  app.post('/api/v1/problems/:code/kpis', { schema: addKpiSchema }, async (request, reply) => {
    reply.code(201);
    return { kpis: await addProblemKpi(ctx, accessOf(request), request.params.code, request.body) };
  });
  app.get('/api/v1/problems/:code/solutions', { schema: listSolutionsSchema }, async (request) => listProblemSolutions(ctx, accessOf(request), request.params.code, langFromAcceptLanguage(request.headers['accept-language'])));
  app.post('/api/v1/problems/:code/solutions/:id/review', { schema: reviewSolutionSchema }, async (request) =>
    reviewSolution(ctx, accessOf(request), request.params.code, request.params.id, request.body));
};

export default problems;
