import type { AppContext } from '../../app-context.ts';
import type { Role } from '../../db/tables/access.ts';
import { isRole } from '../../domain/access/authorize.ts';
import { InputError, NotFoundError, problem, type Problem } from '../../domain/errors.ts';
import { findUserByUsername, insertClassifiedGrant, insertUserRole, unitIdByCode, type UserRecord } from '../../repositories/users.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { message } from '../../domain/messages/message.ts';

export interface Grant {
  username: string;
  unit: string;
  /** A role over the unit's subtree; absent when only `classified` is granted. */
  role?: string | null | undefined;
  /** The explicit right to read classified items in the unit's subtree. */
  classified?: boolean | undefined;
}

/**
 * Gives a user a role (and/or the classified-read right) over a unit's subtree, audited. Granting
 * what the user already has changes nothing and records nothing. The caller has checked `canGrant`.
 *
 * @example
 * await grantRole(ctx, 'cli:root', { username: 'lan', unit: 'VT', role: 'approver' });
 */
export async function grantRole(ctx: AppContext, actor: string, grant: Grant): Promise<{ user: UserRecord; changed: boolean }> {
  const problems: Problem[] = [];
  if (grant.role != null && !isRole(grant.role)) problems.push(problem({ field: 'role' }, message('user.unknown_role', { role: grant.role })));
  if (grant.role == null && !grant.classified) problems.push(problem({ field: 'role' }, message('user.role_or_classified_required')));
  const unitId = await unitIdByCode(ctx.db, grant.unit);
  if (unitId === null) problems.push(problem({ field: 'unit' }, message('user.no_unit_with_code', { unit: grant.unit })));
  if (problems.length || unitId === null) throw new InputError(message('user.cannot_grant'), problems);

  const changed = await ctx.db.transaction().execute(async (trx) => {
    const user = await findUserByUsername(trx, grant.username);
    if (!user) throw new NotFoundError(message('user.no_such_user', { username: grant.username }));
    const role = grant.role as Role | null | undefined;
    const addedRole = role ? await insertUserRole(trx, user.id, unitId, role) : false;
    const addedClassified = grant.classified ? await insertClassifiedGrant(trx, user.id, unitId, actor) : false;
    if (!addedRole && !addedClassified) return false;
    await recordAudit(trx, {
      actor,
      action: 'grant',
      entity: 'user',
      entityId: user.id,
      before: { grants: user.grants, classifiedUnits: user.classifiedUnits },
      after: {
        grants: addedRole && role ? [...user.grants, { unitCode: grant.unit, role }] : user.grants,
        classifiedUnits: addedClassified ? [...user.classifiedUnits, grant.unit] : user.classifiedUnits,
      },
      at: ctx.now(),
    });
    return true;
  });
  const user = await findUserByUsername(ctx.db, grant.username);
  if (!user) throw new NotFoundError(message('user.no_such_user', { username: grant.username }));
  return { user, changed };
}
