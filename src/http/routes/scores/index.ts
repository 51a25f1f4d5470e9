import { getRanking } from '../../../use-cases/scores/get-ranking.ts';
import { getFramework, listFrameworks } from '../../../use-cases/scores/list-frameworks.ts';
import { recordAssessment } from '../../../use-cases/scores/record-assessment.ts';
import { langFromAcceptLanguage } from '../../../domain/messages/message.ts';
import { actorsNamedIn, criterionScoreIn } from '../../../domain/scoring/explain-words.ts';
import { nameActors } from '../../../use-cases/users/name-actors.ts';
import { requireAccess } from '../../auth/auth-plugin.ts';
import type { RouteModule } from '../../route-module.ts';
import { assessmentSchema, frameworkSchema, frameworksSchema, rankingSchema, unitScoreSchema } from './schema.ts';

// Scores and ranks are published (the steering office publishes them), so reading them is public.
const scores: RouteModule = (app, ctx) => {
  app.get('/api/v1/scores', { schema: rankingSchema }, async (request) => {
    const r = await getRanking(ctx, { framework: request.query.framework, period: request.query.period, kind: request.query.kind ?? null });
    return {
      framework: r.framework, version: r.version, period: r.period, minCoverage: r.minCoverage,
      ranking: r.ranking.map((s) => ({ unit: s.unit, kind: s.kind, score: s.score, max: s.max, selfScore: s.selfScore, rank: s.rank, groups: s.groups, coverage: s.coverage, lowCoverage: s.lowCoverage })),
    };
  });

  // The criteria are published with the scores, so they are public too. Static paths win over
  // `/scores/:unit` in the router, so no unit code can shadow these.
  app.get('/api/v1/scores/frameworks', { schema: frameworksSchema }, async () => ({ frameworks: await listFrameworks(ctx) }));

  app.get('/api/v1/scores/frameworks/:code', { schema: frameworkSchema }, async (request) => getFramework(ctx, request.params.code));

  app.get('/api/v1/scores/:unit', { schema: unitScoreSchema }, async (request) => {
    const r = await getRanking(ctx, { framework: request.query.framework, period: request.query.period, unit: request.params.unit });
    const s = r.ranking[0];
    if (!s) throw new Error('unreachable: getRanking throws NotFound for an unscored unit');
    // Each criterion's reason and source in the reader's language, with their codes beside them.
    const lang = langFromAcceptLanguage(request.headers['accept-language']);
    // Who assessed a criterion, by name (never "user:7").
    const namer = await nameActors(ctx.db, actorsNamedIn(s.explain), lang);
    return { framework: r.framework, version: r.version, period: r.period, unit: s.unit, kind: s.kind, score: s.score, max: s.max, selfScore: s.selfScore, rank: s.rank, groups: s.groups, explain: s.explain.map((line) => criterionScoreIn(line, lang, (actor) => namer.name(actor))) };
  });

  app.post('/api/v1/scores/assessments', { schema: assessmentSchema }, async (request, reply) => {
    // A unit's reporter self-assesses; appraisal needs an approver over the unit (the appraisal council).
    await requireAccess(request, request.body.kind === 'self' ? 'write' : 'approve', request.body.unit);
    const stored = await recordAssessment(ctx, request.principal.actor, { ...request.body, note: request.body.note ?? null });
    return reply.status(201).send({ id: stored.id, recordedAt: stored.recordedAt.toISOString() });
  });
};

export default scores;
