import type { CatalogEntry } from './entry.ts';

/** How screens name who did something (src/domain/access/actor-name.ts). */
export const ACTORS = {
  'actor.deleted_user': { vi: 'Người dùng đã xóa', en: 'Deleted user' },
} as const satisfies Record<string, CatalogEntry>;
