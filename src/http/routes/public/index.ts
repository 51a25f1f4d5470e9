import { langFromAcceptLanguage } from '../../../domain/messages/message.ts';
import { exportOpenData, type OpenDataFormat } from '../../../use-cases/public/export-open-data.ts';
import { getPublicPlanProgress } from '../../../use-cases/public/get-public-plan-progress.ts';
import { listPublicPlans } from '../../../use-cases/public/list-public-plans.ts';
import { listPublicProblems } from '../../../use-cases/problems/list-public-problems.ts';
import { MIN_FILL_MS, solutionConsentPurpose, submitSolution } from '../../../use-cases/problems/submit-solution.ts';
import { solutionRateLimit } from '../../auth/rate-limit.ts';
import { publicProblemsSchema, submitSolutionSchema } from '../problems/schema.ts';
import type { RouteModule } from '../../route-module.ts';
import { getPublicPlanSchema, listPublicPlansSchema, openDataSchema } from './schema.ts';

/** The same answer for everyone (classified items are never in it), so shared caches may keep it briefly. */
const PUBLIC_CACHE = 'public, max-age=60';

/**
 * Open data of published plans, for everyone: no session, no token. Only non-classified targets and
 * tasks ever leave here, whoever asks — a signed-in reader uses the plans and evaluation APIs instead.
 */
const publicRoutes: RouteModule = (app, ctx) => {
  app.get('/api/v1/public/plans', { schema: listPublicPlansSchema }, async (_request, reply) => {
    reply.header('cache-control', PUBLIC_CACHE);
    return listPublicPlans(ctx);
  });

  app.get('/api/v1/public/plans/:id', { schema: getPublicPlanSchema }, async (request, reply) => {
    const progress = await getPublicPlanProgress(ctx, request.params.id, { asOf: request.query.asOf });
    reply.header('cache-control', PUBLIC_CACHE);
    return progress;
  });

  // The catalogue of published problems: what solvers need, never who proposed it (no contacts).
  app.get('/api/v1/public/problems', { schema: publicProblemsSchema }, async (request, reply) => {
    // The purpose is said in the reader's language, so caches keep one answer per language.
    reply.header('cache-control', PUBLIC_CACHE).header('vary', 'accept-language');
    return { consentPurpose: solutionConsentPurpose(langFromAcceptLanguage(request.headers['accept-language'])), minFillSeconds: MIN_FILL_MS / 1000, ...(await listPublicProblems(ctx, request.query)) };
  });

  // Anyone may propose a solution, so it is limited tightly per address (solutionRateLimit) and a
  // honeypot and a minimum fill time keep scripts out; see submitSolution.
  app.post('/api/v1/public/problems/:code/solutions', { schema: submitSolutionSchema, config: { rateLimit: solutionRateLimit() } }, async (request) =>
    // The consent stored is the purpose as the form showed it, in the reader's language.
    submitSolution(ctx, request.params.code, request.body, langFromAcceptLanguage(request.headers['accept-language'])));

  for (const format of ['csv', 'json', 'xlsx'] as const satisfies readonly OpenDataFormat[]) {
    app.get(`/api/v1/public/plans/:id/open-data.${format}`, { schema: openDataSchema(format) }, async (request, reply) => {
      const file = await exportOpenData(ctx, request.params.id, format, { asOf: request.query.asOf });
      return reply
        .header('cache-control', PUBLIC_CACHE)
        .header('content-disposition', `attachment; filename="${file.asciiFileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .type(file.contentType)
        .send(file.body);
    });
  }
};

export default publicRoutes;
