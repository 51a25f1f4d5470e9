import type { AppContext } from '../../app-context.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { rootUnit } from '../../repositories/targets.repository.ts';
import { message } from '../../domain/messages/message.ts';

/**
 * The unit whose administrators may store or publish a plan: its owner (a ward's plan belongs to the
 * ward), or the root of the tree (the city) when the plan names no owner.
 *
 * @example
 * await requireAccess(request, 'administer', await planAdminScope(ctx, plan.ownerUnitCode));
 */
export async function planAdminScope(ctx: AppContext, ownerCode: string | null | undefined): Promise<string> {
  if (ownerCode) return ownerCode;
  const root = await rootUnit(ctx.db);
  if (!root) throw new NotFoundError(message('plan.unit_registry_empty'));
  return root.code;
}
