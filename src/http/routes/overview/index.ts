import { visibilityClass } from '../../../domain/access/visibility-class.ts';
import type { TargetStatus } from '../../../domain/evaluation/evaluate-target.ts';
import { changeClockFor } from '../../../realtime/change-clock.ts';
import { getOverview, overviewDataVersion } from '../../../use-cases/overview/get-overview.ts';
import { listOverviewTargets } from '../../../use-cases/overview/list-overview-targets.ts';
import { answerCache } from '../../answer-cache.ts';
import { prepareAnswer, sendPrepared, type PreparedAnswer } from '../../prepared-answer.ts';
import { readVisibility, requireAccess } from '../../auth/auth-plugin.ts';
import type { RouteModule } from '../../route-module.ts';
import { overviewSchema, overviewTargetsSchema } from './schema.ts';

/**
 * How long a kept overview may be served when nothing changed: a report deadline passing moves the
 * late reports with no write at all, and this bounds how long that takes to show.
 */
export const OVERVIEW_CACHE_TTL_MS = 60_000;

const overview: RouteModule = (app, ctx) => {
  // Leaders' screens reload the overview together (on every live event). Its answer is kept —
  // serialised, with its ETag and compressed forms — per unit, date and what the reader may read (not
  // who they are), until this instance hears a change (the change clock: every audited change and
  // every live event, from any instance, after the snapshots behind it are stored), so a kept answer
  // and its 304 cost no query. While changes cannot be heard, the latest audited change, read from
  // the database, keys it instead. Identical requests that miss share one computation.
  const cache = answerCache<PreparedAnswer>({ ttlMs: OVERVIEW_CACHE_TTL_MS, maxEntries: 1000 });
  const clock = changeClockFor(ctx.database);
  const unsubscribe = clock.subscribe(() => cache.invalidate());
  app.addHook('onClose', () => Promise.resolve(unsubscribe()));
  app.get('/api/v1/overview', { schema: overviewSchema }, async (request, reply) => {
    const { unit, asOf, framework } = request.query;
    // A unit one may not read is refused outright; inside it, only what the caller may read counts.
    await requireAccess(request, 'read', unit);
    // Without a date the answer is today's: the key names the day, so midnight starts a new answer.
    const day = asOf ?? ctx.now().toISOString().slice(0, 10);
    const version = clock.version ?? `db:${await overviewDataVersion(ctx)}`;
    const key = JSON.stringify([visibilityClass(request.principal), unit, asOf === undefined ? `today:${day}` : asOf, framework ?? null, version]);
    const prepared = await cache.get(key, async () => prepareAnswer(reply.serialize(await getOverview(ctx, { unit, asOf, framework }, (codes) => readVisibility(request, codes))) as string));
    return sendPrepared(request, reply, prepared);
  });

  // What a tile or card opens: loaded on demand, one page at a time, never on the first screen.
  app.get('/api/v1/overview/targets', { schema: overviewTargetsSchema }, async (request) => {
    const { unit, asOf, status, pillar, framework, limit = 50, offset = 0 } = request.query;
    await requireAccess(request, 'read', unit);
    const statuses = status ? (status.split(',') as TargetStatus[]) : undefined;
    return listOverviewTargets(ctx, { unit, asOf, statuses, pillar, framework, limit, offset }, (codes) => readVisibility(request, codes));
  });
};

export default overview;
