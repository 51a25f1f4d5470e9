import type { AppContext } from '../../app-context.ts';
import { actorDisplayName } from '../../domain/access/actor-name.ts';
import type { ChainedEntry } from '../../domain/audit/hash-chain.ts';
import type { Lang } from '../../domain/messages/message.ts';
import { peopleBehindActors, recordedFormsOfActor } from '../../repositories/actors.repository.ts';
import { listAuditEntries } from '../../repositories/audit.repository.ts';

export interface AuditQuery {
  entity?: string | undefined;
  entityId?: string | undefined;
  /** `user:<id>` or `user:<username>` finds what that user did under either recorded form. */
  actor?: string | undefined;
  beforeId?: number | undefined;
  limit?: number | undefined;
}

/** An entry as recorded (`actor` as hashed), with the name the actor goes by now. */
export interface AuditEntryView extends ChainedEntry {
  /** The person's display name from the users table today, "deleted user" once erased, else the actor. */
  actorName: string;
}

/**
 * Audit entries newest first. `actorUnitRoots` limits to what users and tokens of those subtrees did
 * (null: everything, for system admins and the CLI). Names are read from the users table at read
 * time, never from the chain, so a corrected or erased name shows as it is now.
 *
 * @example
 * const page = await listAudit(ctx, { entity: 'api_token', limit: 50 }, null, 'vi');
 */
export async function listAudit(ctx: AppContext, query: AuditQuery, actorUnitRoots: string[] | null, lang: Lang = 'vi'): Promise<AuditEntryView[]> {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 100), 1), 1000);
  const { actor, ...rest } = query;
  const actors = actor ? await recordedFormsOfActor(ctx.db, actor) : undefined;
  const entries = await listAuditEntries(ctx.db, { ...rest, actors, limit, actorUnitRoots });
  const people = await peopleBehindActors(ctx.db, entries.map((e) => e.actor));
  return entries.map((e) => ({ ...e, actorName: actorDisplayName(e.actor, people.get(e.actor), lang) }));
}
