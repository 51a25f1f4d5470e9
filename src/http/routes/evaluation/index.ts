import { evaluateTargets } from '../../../use-cases/evaluation/evaluate-targets.ts';
import { readVisibility, requireAccess } from '../../auth/auth-plugin.ts';
import type { RouteModule } from '../../route-module.ts';
import { evaluationSchema } from './schema.ts';

const evaluation: RouteModule = (app, ctx) => {
  app.get('/api/v1/evaluation', { schema: evaluationSchema }, async (request) => {
    const { asOf, unit, plan, target } = request.query;
    // Asking for a unit one may not read is refused outright; otherwise the answer holds only what
    // the caller may read (a ward's viewer asking city-wide gets their ward's targets).
    if (unit) await requireAccess(request, 'read', unit);
    const targets = target?.split(',').map((c) => c.trim()).filter((c) => c.length > 0);
    const result = await evaluateTargets(ctx, { asOf, unit, plan, targets, includeClassified: true });
    const readable = await readVisibility(request, [...new Set(result.targets.map((t) => t.unit))]);
    return { asOf: result.asOf, targets: result.targets.filter((t) => readable(t.unit, t.classified)).map(({ classified: _c, ...t }) => t) };
  });
};

export default evaluation;
