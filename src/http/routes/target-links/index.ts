import { findPlanByRef } from '../../../use-cases/plans/find-plan.ts';
import { planAdminScope } from '../../../use-cases/plans/plan-admin-scope.ts';
import { linkTargetIndicator } from '../../../use-cases/targets/link-target-indicator.ts';
import { classifiedVisibility, requireAccess } from '../../auth/auth-plugin.ts';
import type { RouteModule } from '../../route-module.ts';
import { linkTargetSchema } from './schema.ts';

/** Linking a plan's targets to the indicators that measure them (administrators of the plan's owner). */
const targetLinks: RouteModule = (app, ctx) => {
  app.post('/api/v1/plans/:id/targets/:code/link', { schema: linkTargetSchema }, async (request) => {
    const plan = await findPlanByRef(ctx.db, request.params.id);
    const ownerScope = await planAdminScope(ctx, plan.ownerUnitCode);
    await requireAccess(request, 'administer', ownerScope);
    // A classified target stays unseen ("not found") by anyone who may not see the owner's classified items.
    const mayLinkClassified = (await classifiedVisibility(request, [ownerScope]))(ownerScope);
    const { indicator, unit, op, value, due, replace } = request.body;
    return linkTargetIndicator(
      ctx,
      { plan: String(plan.id), target: request.params.code, indicator, unit, op, value, due, replace },
      { actor: request.principal.actor, mayLinkClassified },
    );
  });
};

export default targetLinks;
