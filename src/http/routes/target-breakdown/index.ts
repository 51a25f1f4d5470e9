import { getTargetBreakdown } from '../../../use-cases/targets/get-target-breakdown.ts';
import { readVisibility, requireAuthenticated } from '../../auth/auth-plugin.ts';
import type { RouteModule } from '../../route-module.ts';
import { targetBreakdownSchema } from './schema.ts';

const targetBreakdown: RouteModule = (app, ctx) => {
  // The code travels in the query: plan codes may hold "/" that a path segment would split.
  app.get('/api/v1/targets/breakdown', { schema: targetBreakdownSchema }, async (request) => {
    requireAuthenticated(request);
    const { target, asOf } = request.query;
    // Rows are filtered by the one read rule: units outside the caller's subtrees and classified
    // members without the right are left out (readVisibility also refuses anonymous callers).
    return getTargetBreakdown(ctx, { code: target, asOf }, (codes) => readVisibility(request, codes));
  });
};

export default targetBreakdown;
