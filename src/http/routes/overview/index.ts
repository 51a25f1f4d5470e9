import type { TargetStatus } from '../../../domain/evaluation/evaluate-target.ts';
import { getOverview, type Overview } from '../../../use-cases/overview/get-overview.ts';
import { listOverviewTargets } from '../../../use-cases/overview/list-overview-targets.ts';
import { readVisibility, requireAccess } from '../../auth/auth-plugin.ts';
import type { RouteModule } from '../../route-module.ts';
import { singleFlight } from '../../single-flight.ts';
import { overviewSchema, overviewTargetsSchema } from './schema.ts';

const overview: RouteModule = (app, ctx) => {
  // Leaders' screens reload the overview together (on every live event), and a whole city's answer
  // takes a few hundred milliseconds of one core: identical requests in flight share one answer.
  // The key holds the whole principal, as what it may read decides the answer.
  const shared = singleFlight<Overview>();
  app.get('/api/v1/overview', { schema: overviewSchema }, async (request) => {
    const { unit, asOf, framework } = request.query;
    // A unit one may not read is refused outright; inside it, only what the caller may read counts.
    await requireAccess(request, 'read', unit);
    const key = JSON.stringify([request.principal, unit, asOf ?? null, framework ?? null]);
    return shared(key, () => getOverview(ctx, { unit, asOf, framework }, (codes) => readVisibility(request, codes)));
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
