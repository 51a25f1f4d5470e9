import { listUnitsBehind } from '../../../use-cases/units/list-units-behind.ts';
import { readVisibility, requireAccess } from '../../auth/auth-plugin.ts';
import type { RouteModule } from '../../route-module.ts';
import { unitsBehindSchema } from './schema.ts';

const behind: RouteModule = (app, ctx) => {
  app.get('/api/v1/units/behind', { schema: unitsBehindSchema }, async (request) => {
    const { unit, level, asOf } = request.query;
    // A unit one may not read is refused outright; below it, only what the caller may read counts.
    await requireAccess(request, 'read', unit);
    return listUnitsBehind(ctx, { unit, level, asOf }, (codes) => readVisibility(request, codes));
  });
};

export default behind;
