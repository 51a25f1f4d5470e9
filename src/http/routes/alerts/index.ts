import { rootUnit } from '../../../repositories/targets.repository.ts';
import { listAlerts } from '../../../use-cases/alerts/list-alerts.ts';
import { refreshAlerts } from '../../../use-cases/alerts/refresh-alerts.ts';
import { readVisibility, requireAccess } from '../../auth/auth-plugin.ts';
import type { RouteModule } from '../../route-module.ts';
import { listAlertsSchema, refreshAlertsSchema } from './schema.ts';

const alerts: RouteModule = (app, ctx) => {
  app.get('/api/v1/alerts', { schema: listAlertsSchema }, async (request) => {
    if (request.query.unit) await requireAccess(request, 'read', request.query.unit);
    const found = await listAlerts(ctx, { unit: request.query.unit, open: request.query.open });
    const readable = await readVisibility(request, [...new Set(found.map((a) => a.unit))]);
    return { alerts: found.filter((a) => readable(a.unit, a.classified)).map(({ classified: _c, ...a }) => a) };
  });

  app.post('/api/v1/alerts/refresh', { schema: refreshAlertsSchema }, async (request) => {
    const root = await rootUnit(ctx.db);
    await requireAccess(request, 'administer', root?.code ?? '');
    return refreshAlerts(ctx, { asOf: request.query.asOf });
  });
};

export default alerts;
