import { evaluateTargets } from '../../../use-cases/evaluation/evaluate-targets.ts';
import { classifiedVisibility, requireAuthenticated } from '../../auth/auth-plugin.ts';
import type { RouteModule } from '../../route-module.ts';
import { evaluationSchema } from './schema.ts';

const evaluation: RouteModule = (app, ctx) => {
  app.get('/api/v1/evaluation', { schema: evaluationSchema }, async (request) => {
    requireAuthenticated(request);
    const { asOf, unit, plan, target } = request.query;
    const targets = target?.split(',').map((c) => c.trim()).filter((c) => c.length > 0);
    const result = await evaluateTargets(ctx, { asOf, unit, plan, targets, includeClassified: true });
    const visible = await classifiedVisibility(request, [...new Set(result.targets.filter((t) => t.classified && t.unit).map((t) => t.unit!))]);
    return { asOf: result.asOf, targets: result.targets.filter((t) => !t.classified || (t.unit !== null && visible(t.unit))).map(({ classified: _c, ...t }) => t) };
  });
};

export default evaluation;
