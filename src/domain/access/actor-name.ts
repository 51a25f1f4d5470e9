import { message, renderMessage, type Lang } from '../messages/message.ts';
import type { ActorPerson } from './actor.ts';

/**
 * What a screen shows for a recorded actor: the person's display name as the users table holds it
 * now, "deleted user" once their details were erased, and the recorded actor itself for machines
 * (`cli:root`, `connector:…`, `token:3`) and for users no longer on file.
 *
 * @example
 * actorDisplayName('user:7', { userId: 7, username: 'lan', displayName: 'Nguyễn Thị Lan', erased: false }, 'vi'); // 'Nguyễn Thị Lan'
 * actorDisplayName('user:7', { userId: 7, username: 'lan', displayName: '…', erased: true }, 'en');            // 'Deleted user'
 * actorDisplayName('cli:root', undefined, 'vi');                                                            // 'cli:root'
 */
export function actorDisplayName(actor: string, person: ActorPerson | undefined, lang: Lang): string {
  if (!person) return actor;
  return person.erased ? renderMessage(message('actor.deleted_user'), lang) : person.displayName;
}
