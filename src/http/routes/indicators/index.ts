import type { StoredIndicator } from '../../../repositories/indicators.repository.ts';
import { createIndicator } from '../../../use-cases/indicators/create-indicator.ts';
import { getIndicator } from '../../../use-cases/indicators/get-indicator.ts';
import { listIndicatorsFor } from '../../../use-cases/indicators/list-indicators.ts';
import { requireAuthenticated } from '../../auth/auth-plugin.ts';
import type { RouteModule } from '../../route-module.ts';
import { createIndicatorSchema, getIndicatorSchema, listIndicatorsSchema } from './schema.ts';

const indicators: RouteModule = (app, ctx) => {
  app.get('/api/v1/indicators', { schema: listIndicatorsSchema }, async (request) => {
    requireAuthenticated(request);
    return { indicators: (await listIndicatorsFor(ctx, request.principal)).map(view) };
  });

  app.get('/api/v1/indicators/:code', { schema: getIndicatorSchema }, async (request) => {
    requireAuthenticated(request);
    return view(await getIndicator(ctx, request.principal, request.params.code));
  });

  app.post('/api/v1/indicators', { schema: createIndicatorSchema }, async (request, reply) => {
    requireAuthenticated(request);
    const { sourceSystem, ...rest } = request.body;
    const created = await createIndicator(ctx, request.principal, { ...rest, source_system: sourceSystem });
    return reply.status(201).send(view(created));
  });
};

function view({ id: _id, ...indicator }: StoredIndicator) {
  return indicator;
}

export default indicators;
