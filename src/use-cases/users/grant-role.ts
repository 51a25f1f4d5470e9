import type { AppContext } from '../../app-context.ts';
import type { Role } from '../../db/tables/access.ts';
import { isRole } from '../../domain/access/authorize.ts';
import { InputError, NotFoundError, type Problem } from '../../domain/errors.ts';
import { findUserByUsername, insertClassifiedGrant, insertUserRole, unitIdByCode, type UserRecord } from '../../repositories/users.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';

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
  if (grant.role != null && !isRole(grant.role)) problems.push({ field: 'role', message: `Vai trò không hợp lệ: "${grant.role}" / unknown role` });
  if (grant.role == null && !grant.classified) problems.push({ field: 'role', message: 'Cần vai trò hoặc quyền xem tài liệu mật / a role or classified is required' });
  const unitId = await unitIdByCode(ctx.db, grant.unit);
  if (unitId === null) problems.push({ field: 'unit', message: `Không có đơn vị mã "${grant.unit}" / no unit with this code` });
  if (problems.length || unitId === null) throw new InputError('Không cấp được quyền / cannot grant', problems);

  const changed = await ctx.db.transaction().execute(async (trx) => {
    const user = await findUserByUsername(trx, grant.username);
    if (!user) throw new NotFoundError(`Không có người dùng "${grant.username}" / no such user`);
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
  if (!user) throw new NotFoundError(`Không có người dùng "${grant.username}" / no such user`);
  return { user, changed };
}
