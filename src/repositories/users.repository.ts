import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Role } from '../db/tables/access.ts';

export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  unitCode: string;
  /** The home unit's name, for people to read. */
  unitName: string;
  disabled: boolean;
  createdAt: Date;
  grants: { unitCode: string; role: Role }[];
  classifiedUnits: string[];
}

/** The unit's id, or null when no unit has that code. */
export async function unitIdByCode(db: Kysely<Database>, code: string): Promise<number | null> {
  const row = await db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirst();
  return row?.id ?? null;
}

/**
 * For each unit code, the codes of the unit and all its ancestors (walking `parent_id` up), in one
 * recursive query. Unknown codes are absent from the map.
 *
 * @example
 * const up = await unitAncestries(db, ['VT-VHXH']); // Map { 'VT-VHXH' => Set { 'VT-VHXH', 'VT', 'HN' } }
 */
export async function unitAncestries(db: Kysely<Database>, codes: readonly string[]): Promise<Map<string, Set<string>>> {
  const result = new Map<string, Set<string>>();
  if (codes.length === 0) return result;
  const { rows } = await sql<{ start_code: string; code: string }>`
    with recursive chain(start_code, parent_id, code, depth) as (
      select u.code, u.parent_id, u.code, 0 from units u where u.code in (${sql.join([...new Set(codes)])})
      union all
      select c.start_code, p.parent_id, p.code, c.depth + 1
      from chain c join units p on p.id = c.parent_id
      where c.depth < 64
    )
    select start_code, code from chain`.execute(db);
  for (const row of rows) {
    let set = result.get(row.start_code);
    if (!set) result.set(row.start_code, (set = new Set()));
    set.add(row.code);
  }
  return result;
}

export async function insertUser(
  db: Kysely<Database>,
  user: { username: string; displayName: string; email: string | null; passwordHash: string | null; unitId: number },
): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      username: user.username,
      display_name: user.displayName,
      email: user.email,
      password_hash: user.passwordHash,
      unit_id: user.unitId,
      disabled_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function usernameTaken(db: Kysely<Database>, username: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where(sql<string>`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
  return row !== undefined;
}

/** Adds a role; false when the user already had it there. */
export async function insertUserRole(db: Kysely<Database>, userId: number, unitId: number, role: Role): Promise<boolean> {
  const rows = await db
    .insertInto('user_roles')
    .values({ user_id: userId, unit_id: unitId, role })
    .onConflict((oc) => oc.doNothing())
    .returning('user_id')
    .execute();
  return rows.length > 0;
}

/** Adds an explicit classified-read grant; false when the user already had it there. */
export async function insertClassifiedGrant(db: Kysely<Database>, userId: number, unitId: number, grantedBy: string): Promise<boolean> {
  const rows = await db
    .insertInto('classified_grants')
    .values({ user_id: userId, unit_id: unitId, granted_by: grantedBy })
    .onConflict((oc) => oc.doNothing())
    .returning('user_id')
    .execute();
  return rows.length > 0;
}

/** The user and what they may sign in with; null when unknown. Usernames match case-insensitively. */
export async function findLogin(
  db: Kysely<Database>,
  username: string,
): Promise<{ id: number; username: string; passwordHash: string | null; disabled: boolean } | null> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'username', 'password_hash', 'disabled_at'])
    .where(sql<string>`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  return row ? { id: row.id, username: row.username, passwordHash: row.password_hash, disabled: row.disabled_at !== null } : null;
}

export async function findUserById(db: Kysely<Database>, id: number): Promise<UserRecord | null> {
  const [user] = await listUsers(db, { ids: [id] });
  return user ?? null;
}

export async function findUserByUsername(db: Kysely<Database>, username: string): Promise<UserRecord | null> {
  const row = await db.selectFrom('users').select('id').where(sql<string>`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
  return row ? findUserById(db, row.id) : null;
}

/**
 * Users with their grants, by username. `unitRoots` limits to users whose home unit lies in those
 * units' subtrees (null: everyone).
 */
export async function listUsers(
  db: Kysely<Database>,
  filter: { ids?: number[]; unitRoots?: string[] | null } = {},
): Promise<UserRecord[]> {
  let query = db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.email',
      'users.disabled_at',
      'users.created_at',
      'units.code as unit_code',
      'units.name as unit_name',
    ]);
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    query = query.where('users.id', 'in', filter.ids);
  }
  if (filter.unitRoots) {
    if (filter.unitRoots.length === 0) return [];
    query = query.where('users.unit_id', 'in', subtreeIds(filter.unitRoots));
  }
  const users = await query.orderBy('users.username').execute();
  if (users.length === 0) return [];
  const ids = users.map((u) => u.id);
  const roles = await db
    .selectFrom('user_roles')
    .innerJoin('units', 'units.id', 'user_roles.unit_id')
    .select(['user_roles.user_id', 'user_roles.role', 'units.code'])
    .where('user_roles.user_id', 'in', ids)
    .orderBy('units.code')
    .orderBy('user_roles.role')
    .execute();
  const classified = await db
    .selectFrom('classified_grants')
    .innerJoin('units', 'units.id', 'classified_grants.unit_id')
    .select(['classified_grants.user_id', 'units.code'])
    .where('classified_grants.user_id', 'in', ids)
    .orderBy('units.code')
    .execute();
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    email: u.email,
    unitCode: u.unit_code,
    unitName: u.unit_name,
    disabled: u.disabled_at !== null,
    createdAt: u.created_at,
    grants: roles.filter((r) => r.user_id === u.id).map((r) => ({ unitCode: r.code, role: r.role })),
    classifiedUnits: classified.filter((c) => c.user_id === u.id).map((c) => c.code),
  }));
}

/** A subquery of the ids of the units in the subtrees rooted at `roots` (codes). */
export function subtreeIds(roots: readonly string[]) {
  return sql<number>`(
    with recursive tree(id, depth) as (
      select id, 0 from units where code in (${sql.join([...roots])})
      union all
      select u.id, t.depth + 1 from units u join tree t on u.parent_id = t.id where t.depth < 64
    ) select id from tree)`;
}

/** Marks the user disabled at `at`; false when already disabled (the first time stays). */
export async function disableUser(db: Kysely<Database>, id: number, at: Date): Promise<boolean> {
  const rows = await db.updateTable('users').set({ disabled_at: at }).where('id', '=', id).where('disabled_at', 'is', null).returning('id').execute();
  return rows.length > 0;
}

/** Ends every session of the user. */
export async function deleteUserSessions(db: Kysely<Database>, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
