import { getUnit } from '../../../use-cases/units/get-unit.ts';
import { listUnits } from '../../../use-cases/units/list-units.ts';
import { resolveUnitName } from '../../../use-cases/units/resolve-unit-name.ts';
import type { RouteModule } from '../../route-module.ts';
import { getUnitSchema, listUnitsSchema, resolveUnitSchema } from './schema.ts';

// The registry is public reference data: read without signing in.
const units: RouteModule = (app, ctx) => {
  app.get('/api/v1/units', { schema: listUnitsSchema }, async (request) => ({ units: await listUnits(ctx, request.query) }));

  // A static segment: Fastify's router prefers it to `/:code`, so no unit can be shadowed by "resolve".
  app.get('/api/v1/units/resolve', { schema: resolveUnitSchema }, async (request) => {
    const { name, within, asOf } = request.query;
    return resolveUnitName(ctx, name, { ...(within ? { within } : {}), ...(asOf ? { asOf } : {}) });
  });

  app.get('/api/v1/units/:code', { schema: getUnitSchema }, async (request) => getUnit(ctx, request.params.code));
};

export default units;
