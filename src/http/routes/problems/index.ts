import type { FastifyRequest } from 'fastify';
import { addProblemKpi } from '../../../use-cases/problems/add-problem-kpi.ts';
import { findProblemDuplicates } from '../../../use-cases/problems/find-problem-duplicates.ts';
import { getProblem } from '../../../use-cases/problems/get-problem.ts';
import { listProblems } from '../../../use-cases/problems/list-problems.ts';
import { mergeProblems } from '../../../use-cases/problems/merge-problems.ts';
import type { ProblemAccess } from '../../../use-cases/problems/problem-access.ts';
import { proposeProblem } from '../../../use-cases/problems/propose-problem.ts';
import { listProblemSolutions, reviewSolution } from '../../../use-cases/problems/review-solutions.ts';
import { listAreaTypes, setUnitAreaType } from '../../../use-cases/problems/set-unit-area-type.ts';
import { transitionProblem } from '../../../use-cases/problems/transition-problem.ts';
import { updateProblem } from '../../../use-cases/problems/update-problem.ts';
import { requireAuthenticated, subtreeCheckFor } from '../../auth/auth-plugin.ts';
import type { RouteModule } from '../../route-module.ts';
import {
  addKpiSchema, areaTypesSchema, duplicatesSchema, getProblemSchema, listProblemsSchema, listSolutionsSchema, mergeProblemsSchema,
  proposeProblemSchema, reviewSolutionSchema, setAreaTypeSchema, transitionProblemSchema, updateProblemSchema,
} from './schema.ts';

/** The asker, for the problem use-cases, which decide who may do what by the one policy (authorize.ts). */
function accessOf(request: FastifyRequest): ProblemAccess {
  requireAuthenticated(request);
  return { actor: request.principal.actor, principal: request.principal, subtree: (units) => subtreeCheckFor(request, units) };
}

const csv = (text: string | undefined) => (text ? text.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

/** The city's registry of governance problems ("bài toán"): docs/problems.md. */
const problems: RouteModule = (app, ctx) => {
  app.get('/api/v1/problems', { schema: listProblemsSchema }, async (request) => {
    const q = request.query;
    return listProblems(ctx, accessOf(request), { states: csv(q.state), field: q.field, areaType: q.areaType, proposingUnit: q.unit, priority: q.priority, limit: q.limit, offset: q.offset });
  });
  app.post('/api/v1/problems', { schema: proposeProblemSchema }, async (request, reply) => {
    reply.code(201);
    return proposeProblem(ctx, accessOf(request), request.body);
  });
  app.get('/api/v1/problems/duplicates', { schema: duplicatesSchema }, async (request) =>
    findProblemDuplicates(ctx, accessOf(request), { states: csv(request.query.state), field: request.query.field }));
  app.post('/api/v1/problems/merge', { schema: mergeProblemsSchema }, async (request, reply) => {
    reply.code(201);
    return mergeProblems(ctx, accessOf(request), request.body);
  });
  app.get('/api/v1/problems/area-types', { schema: areaTypesSchema }, async (request) => {
    accessOf(request);
    return { areaTypes: await listAreaTypes(ctx) };
  });
  app.put('/api/v1/problems/area-types/:unit', { schema: setAreaTypeSchema }, async (request) =>
    setUnitAreaType(ctx, accessOf(request), request.params.unit, request.body.areaType));
  app.get('/api/v1/problems/:code', { schema: getProblemSchema }, async (request) => getProblem(ctx, accessOf(request), request.params.code));
  app.patch('/api/v1/problems/:code', { schema: updateProblemSchema }, async (request) => updateProblem(ctx, accessOf(request), request.params.code, request.body));
  app.post('/api/v1/problems/:code/transitions', { schema: transitionProblemSchema }, async (request) =>
    transitionProblem(ctx, accessOf(request), request.params.code, request.body.to, request.body.note, { evidencePilot: request.body.evidencePilot }));
  app.post('/api/v1/problems/:code/kpis', { schema: addKpiSchema }, async (request, reply) => {
    reply.code(201);
    return { kpis: await addProblemKpi(ctx, accessOf(request), request.params.code, request.body) };
  });
  app.get('/api/v1/problems/:code/solutions', { schema: listSolutionsSchema }, async (request) => listProblemSolutions(ctx, accessOf(request), request.params.code));
  app.post('/api/v1/problems/:code/solutions/:id/review', { schema: reviewSolutionSchema }, async (request) =>
    reviewSolution(ctx, accessOf(request), request.params.code, request.params.id, request.body));
};

export default problems;
