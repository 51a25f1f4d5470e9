import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { ActorPerson } from '../../domain/access/actor.ts';
import { actorDisplayName } from '../../domain/access/actor-name.ts';
import type { Lang } from '../../domain/messages/message.ts';
import { peopleBehindActors } from '../../repositories/actors.repository.ts';

/** Names recorded actors for a screen: `name(actor)` always answers, `person(actor)` only for users on file. */
export interface ActorNamer {
  name(actor: string): string;
  person(actor: string): ActorPerson | undefined;
}

/**
 * Looks up, in one query, the people behind the actors a screen is about to show, so each record
 * reads with the name the person has now (or "deleted user" in `lang`), whichever form the actor
 * was recorded in (actor.ts).
 *
 * @example
 * const namer = await nameActors(ctx.db, transitions.map((t) => t.actor), 'vi');
 * namer.name('user:7'); // 'Nguyễn Thị Lan'
 */
export async function nameActors(db: Kysely<Database>, actors: Iterable<string>, lang: Lang): Promise<ActorNamer> {
  const people = await peopleBehindActors(db, actors);
  return {
    name: (actor) => actorDisplayName(actor, people.get(actor), lang),
    person: (actor) => people.get(actor),
  };
}
