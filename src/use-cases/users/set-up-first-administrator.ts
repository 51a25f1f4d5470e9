import { sql } from 'kysely';
import type { AppContext } from '../../app-context.ts';
import { ConflictError, InputError, problem } from '../../domain/errors.ts';
import type { UserRecord } from '../../repositories/users.repository.ts';
import { createUser } from './create-user.ts';
import { message } from '../../domain/messages/message.ts';

/**
 * The first step of a real installation (not the demo): creates its first system administrator
 * over the city at the top of the unit tree, who then creates everyone else from the web or the API. Refused
 * once a system administrator exists, so it can never be used to take over an installation.
 *
 * @example
 * await setUpFirstAdministrator(ctx, 'cli:root', { username: 'quantri', displayName: 'Quản trị', password: '…' });
 */
export async function setUpFirstAdministrator(ctx: AppContext, actor: string, input: { username: string; displayName: string; email?: string | null; password: string | null }): Promise<UserRecord> {
  const admins = await sql<{ n: string }>`select count(*) as n from user_roles where role = 'system_admin'`.execute(ctx.db);
  if (Number(admins.rows[0]?.n) > 0) {
    throw new ConflictError(message('user.system_administrator_exists_already_use'));
  }
  if (!input.password) throw new InputError(message('user.first_administrator_needs_password'), [{ field: 'password', message: 'required' }]);
  // The city (or province) at the top of the tree; central agencies in the registry are roots too.
  const root = await ctx.db.selectFrom('units').select('code').where('parent_id', 'is', null).where('kind', '=', 'city').orderBy('id').limit(2).execute();
  if (root.length !== 1) {
    throw new InputError(message('user.cannot_tell_root_unit'), [problem({ field: 'unit' }, message('user.root_units_found', { rootCount: root.length }))]);
  }
  return createUser(ctx, actor, { username: input.username, displayName: input.displayName, email: input.email ?? null, unit: root[0]!.code, role: 'system_admin', password: input.password });
}
