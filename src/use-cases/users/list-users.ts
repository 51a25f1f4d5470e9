import type { AppContext } from '../../app-context.ts';
import { listUsers as selectUsers, type UserRecord } from '../../repositories/users.repository.ts';

/**
 * Users with their grants, by username; `unitRoots` limits to users whose home unit is in those
 * subtrees (null: all users, for system admins and the CLI).
 *
 * @example
 * const mine = await listUsers(ctx, ['VT']);
 */
export async function listUsers(ctx: AppContext, unitRoots: string[] | null): Promise<UserRecord[]> {
  return selectUsers(ctx.db, { unitRoots });
}
