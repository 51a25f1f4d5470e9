import { getUnitSeries } from '../../../use-cases/rollups/get-unit-series.ts';
import { classifiedVisibility, requireAccess } from '../../auth/auth-plugin.ts';
import type { RouteModule } from '../../route-module.ts';
import { rollupSchema } from './schema.ts';

const rollups: RouteModule = (app, ctx) => {
  app.get('/api/v1/rollups', { schema: rollupSchema }, async (request) => {
    await requireAccess(request, 'read', request.query.unit);
    const { indicator, unit, from, to } = request.query;
    const classifiedVisible = (await classifiedVisibility(request, [unit]))(unit);
    const series = await getUnitSeries(ctx, { indicator, unit, classifiedVisible, ...(from ? { from } : {}), ...(to ? { to } : {}) });
    return { indicator, unit, series };
  });
};

export default rollups;
