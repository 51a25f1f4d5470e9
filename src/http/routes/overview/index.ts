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

/**
 * How far behind new figures a kept overview may be served while its successor is computed
 * (answer-cache.ts): normally one computation; this bound holds should one hang.
 */
export const OVERVIEW_MAX_BEHIND_MS = 10_000;

/** What the overview route served on one database: answers, and how far behind new figures (benches read it). */
export interface OverviewStaleness { served: number; behind: number; ages: number[] }
const staleness = new WeakMap<object, OverviewStaleness>();
export function overviewStalenessFor(database: object): OverviewStaleness {
  let record = staleness.get(database);
  if (!record) staleness.set(database, (record = { served: 0, behind: 0, ages: [] }));
  return record;
}

const overview: RouteModule = (app, ctx) => {
  // Leaders' screens reload the overview together (on every live event). Its answer is kept —
  // serialised, with its ETag and compressed forms — per unit, date and what the reader may read (not
  // who they are), so a kept answer and its 304 cost no query. A change of who may read what or of
  // what is defined (the change clock's version, from any instance) starts new answers; new figures
  // (an observation batch, a report) are folded in by one recomputation at a time while the kept
  // answer is served (answer-cache.ts), so a deadline day's stream of writes never queues the readers.
  // While changes cannot be heard, the latest audited change, read from the database, keys it instead.
  const record = overviewStalenessFor(ctx.database);
  const cache = answerCache<PreparedAnswer>({
    ttlMs: OVERVIEW_CACHE_TTL_MS, maxBehindMs: OVERVIEW_MAX_BEHIND_MS, maxEntries: 1000,
    onServe: (behindMs) => {
      record.served++;
      if (behindMs > 0 && record.ages.length < 100_000) {
        record.behind++;
        record.ages.push(behindMs);
      }
    },
  });
  const clock = changeClockFor(ctx.database);
  const unsubscribe = clock.subscribe((kind) => cache.invalidate({ figuresOnly: kind === 'figures' }));
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
