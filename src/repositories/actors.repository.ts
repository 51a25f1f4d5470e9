import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { actorsOfUser, parseActor, type ActorPerson } from '../domain/access/actor.ts';
import { isErasedName } from '../domain/access/erased-name.ts';

/**
 * The people behind recorded actors, as the users table says now (names can be corrected and
 * erased, records cannot): `user:<id>` by id, and `user:<username>` of records written before ids
 * by username. Actors that are not users, or name no user on file, are absent from the map.
 *
 * @example
 * const people = await peopleBehindActors(db, ['user:7', 'user:lan', 'cli:root']);
 * people.get('user:7')?.displayName; // 'Nguyễn Thị Lan'
 */
export async function peopleBehindActors(db: Kysely<Database>, actors: Iterable<string>): Promise<Map<string, ActorPerson>> {
  const ids = new Set<number>();
  const usernames = new Set<string>();
  const distinct = [...new Set(actors)];
  for (const actor of distinct) {
    const ref = parseActor(actor);
    if (ref.kind !== 'user') continue;
    if ('userId' in ref) ids.add(ref.userId);
    else usernames.add(ref.username);
  }
  const people = new Map<string, ActorPerson>();
  if (ids.size === 0 && usernames.size === 0) return people;
  const rows = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where((eb) => {
      const either = [];
      if (ids.size) either.push(eb('id', 'in', [...ids]));
      if (usernames.size) either.push(eb('username', 'in', [...usernames]));
      return eb.or(either);
    })
    .execute();
  const byForm = new Map<string, ActorPerson>();
  for (const r of rows) {
    const person: ActorPerson = { userId: r.id, username: r.username, displayName: r.display_name, erased: isErasedName(r.id, r.display_name) };
    for (const form of actorsOfUser(r)) byForm.set(form, person);
  }
  for (const actor of distinct) {
    const person = byForm.get(actor);
    if (person) people.set(actor, person);
  }
  return people;
}

/**
 * Every recorded form of the actor a filter names: a user given as `user:<id>` or `user:<username>`
 * stands for both forms (what they did before and after ids were recorded); anything else for itself.
 */
export async function recordedFormsOfActor(db: Kysely<Database>, actor: string): Promise<string[]> {
  const ref = parseActor(actor);
  if (ref.kind !== 'user') return [actor];
  const row = await db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('userId' in ref ? 'id' : 'username', '=', 'userId' in ref ? ref.userId : ref.username)
    .executeTakeFirst();
  return row ? actorsOfUser(row) : [actor];
}
