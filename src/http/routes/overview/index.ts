import { getOverview } from '../../../use-cases/overview/get-overview.ts';
import { readVisibility, requireAccess } from '../../auth/auth-plugin.ts';
import type { RouteModule } from '../../route-module.ts';
import { overviewSchema } from './schema.ts';

const overview: RouteModule = (app, ctx) => {
  app.get('/api/v1/overview', { schema: overviewSchema }, async (request) => {
    const { unit, asOf, framework } = request.query;
    // A unit one may not read is refused outright; inside it, only what the caller may read counts.
    await requireAccess(request, 'read', unit);
    return getOverview(ctx, { unit, asOf, framework }, (codes) => readVisibility(request, codes));
  });
};

export default overview;
