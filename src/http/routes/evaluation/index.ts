import { evaluateReadableTargets } from '../../../use-cases/evaluation/evaluate-targets.ts';
import { readVisibility, requireAccess } from '../../auth/auth-plugin.ts';
import type { RouteModule } from '../../route-module.ts';
import { evaluationSchema } from './schema.ts';

const evaluation: RouteModule = (app, ctx) => {
  app.get('/api/v1/evaluation', { schema: evaluationSchema }, async (request) => {
    const { asOf, unit, plan, target, status, limit, offset = 0 } = request.query;
    // Asking for a unit one may not read is refused outright; otherwise the answer holds only what
    // the caller may read (a ward's viewer asking city-wide gets their ward's targets).
    if (unit) await requireAccess(request, 'read', unit);
    const targets = target?.split(',').map((c) => c.trim()).filter((c) => c.length > 0);
    const result = await evaluateReadableTargets(ctx, { asOf, unit, plan, targets }, (codes) => readVisibility(request, codes));
    // Filtered and paged after the evaluation, so `total` counts what the caller may read and a page
    // never depends on what they may not. Without limit, everything is answered, as before paging.
    const statuses = status ? new Set(status.split(',').map((s) => s.trim())) : null;
    const matching = statuses ? result.targets.filter((t) => statuses.has(t.status)) : result.targets;
    const page = matching.slice(offset, limit === undefined ? undefined : offset + limit);
    return { asOf: result.asOf, total: matching.length, targets: page.map(({ classified: _c, ...t }) => t) };
  });
};

export default evaluation;
