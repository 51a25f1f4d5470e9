import type { AppContext } from '../../app-context.ts';
import type { Role } from '../../db/tables/access.ts';
import { isRole } from '../../domain/access/authorize.ts';
import { ConflictError, InputError, problem, type Problem } from '../../domain/errors.ts';
import { findUserById, insertUser, insertUserRole, unitIdByCode, usernameTaken, type UserRecord } from '../../repositories/users.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './hash-password.ts';
import { message } from '../../domain/messages/message.ts';

export interface NewUser {
  username: string;
  displayName: string;
  /** Code of the unit the user belongs to; the role applies to its subtree. */
  unit: string;
  role: string;
  email?: string | null | undefined;
  /** Absent: the user cannot sign in with a password (yet). */
  password?: string | null | undefined;
}

// At least one letter: actors record users as `user:<id>`, so a username of digits alone would
// read as an id in the records written before ids (domain/access/actor.ts).
const USERNAME = /^(?=[a-z0-9._-]*[a-z])[a-z0-9][a-z0-9._-]{1,63}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Creates a user in a unit with one role over that unit's subtree, hashing the password with
 * Argon2id, and audits it (never the password or its hash). Whoever calls it has already checked that
 * `actor` may grant that role there (`canGrant`).
 *
 * @example
 * await createUser(ctx, 'cli:root', { username: 'lan', displayName: 'Nguyễn Thị Lan', unit: 'VT', role: 'reporter', password: '…' });
 */
export async function createUser(ctx: AppContext, actor: string, input: NewUser): Promise<UserRecord> {
  const username = input.username.normalize('NFC').trim().toLowerCase();
  const displayName = input.displayName.normalize('NFC').trim();
  const email = input.email?.trim() ? input.email.trim() : null;
  const problems: Problem[] = [];
  if (!USERNAME.test(username)) {
    problems.push(problem({ field: 'username' }, message('user.characters_of_z')));
  }
  if (!displayName) problems.push(problem({ field: 'displayName' }, message('user.display_name_required')));
  if (email !== null && !EMAIL.test(email)) problems.push(problem({ field: 'email' }, message('user.not_email_address')));
  if (!isRole(input.role)) problems.push(problem({ field: 'role' }, message('user.unknown_role', { role: input.role })));
  if (input.password != null && [...input.password].length < MIN_PASSWORD_LENGTH) {
    problems.push(problem({ field: 'password' }, message('user.at_least_characters', { MIN_PASSWORD_LENGTH })));
  }
  const unitId = await unitIdByCode(ctx.db, input.unit);
  if (unitId === null) problems.push(problem({ field: 'unit' }, message('user.no_unit_with_code', { unit: input.unit })));
  if (problems.length || unitId === null) throw new InputError(message('user.cannot_create_user'), problems);
  const role = input.role as Role;

  // Hash outside the transaction: it is deliberately slow and needs no lock.
  const passwordHash = input.password != null ? await hashPassword(input.password) : null;
  const id = await ctx.db.transaction().execute(async (trx) => {
    if (await usernameTaken(trx, username)) throw new ConflictError(message('user.username_already_exists', { username }));
    const userId = await insertUser(trx, { username, displayName, email, passwordHash, unitId });
    await insertUserRole(trx, userId, unitId, role);
    await recordAudit(trx, {
      actor,
      action: 'create',
      entity: 'user',
      entityId: userId,
      before: null,
      after: { username, displayName, email, unit: input.unit, role, hasPassword: passwordHash !== null },
      at: ctx.now(),
    });
    return userId;
  });
  const user = await findUserById(ctx.db, id);
  if (!user) throw new Error(`user ${id} vanished after creation`);
  return user;
}
