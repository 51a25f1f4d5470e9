/**
 * How the system records who did something ("actor") in the audit chain, observation provenance,
 * report events, problem history and the like. A person is recorded by their users-table id
 * (`user:7`), never by a name: those records cannot be corrected or erased, a person's details
 * must be (Law 91/2025/QH15, Decree 356/2025), so names are looked up when a record is shown.
 *
 * Records written before this rule name the person by username (`user:lan`); they are never
 * rewritten (the audit chain would break) and every reader understands both forms. Usernames
 * must therefore contain a letter (create-user.ts), so `user:<digits>` is always an id.
 */
export type ActorRef =
  | { kind: 'user'; userId: number }
  | { kind: 'user'; username: string }
  | { kind: 'token'; tokenId: number }
  | { kind: 'other'; actor: string };

/** The actor a user's actions are recorded under. */
export function userActor(userId: number): string {
  return `user:${userId}`;
}

/**
 * Reads a recorded actor.
 *
 * @example
 * parseActor('user:7');    // { kind: 'user', userId: 7 }
 * parseActor('user:lan');  // { kind: 'user', username: 'lan' }  (recorded before ids)
 * parseActor('token:3');   // { kind: 'token', tokenId: 3 }
 * parseActor('cli:root');  // { kind: 'other', actor: 'cli:root' }
 */
export function parseActor(actor: string): ActorRef {
  const user = /^user:(.+)$/.exec(actor);
  if (user) return /^[1-9]\d{0,15}$/.test(user[1]!) ? { kind: 'user', userId: Number(user[1]) } : { kind: 'user', username: user[1]! };
  const token = /^token:([1-9]\d{0,15})$/.exec(actor);
  if (token) return { kind: 'token', tokenId: Number(token[1]) };
  return { kind: 'other', actor };
}

/** Every form under which a user's actions may have been recorded: by id now, by username before. */
export function actorsOfUser(user: { id: number; username: string }): string[] {
  return [userActor(user.id), `user:${user.username}`];
}

/** The person behind a user actor, as the users table says now. */
export interface ActorPerson {
  userId: number;
  username: string;
  displayName: string;
  /** Their details were erased (erase-personal-data.ts): they read as a deleted user. */
  erased: boolean;
}
