import { ACTORS } from './actors.ts';
import { COMMON } from './common.ts';
import { CONTACTS } from './contacts.ts';
import type { CatalogEntry } from './entry.ts';
import { PROBLEM_IMPORT } from './problem-import.ts';
import { REPORTING } from './reporting.ts';

/**
 * Every message the server and CLI give people, by area (one file each, so areas grow apart).
 * A code is stable once published: clients may act on it.
 */
export const CATALOG = {
  ...COMMON,
  ...ACTORS,
  ...REPORTING,
  ...CONTACTS,
  ...PROBLEM_IMPORT,
} as const satisfies Record<string, CatalogEntry>;

export type MessageCode = keyof typeof CATALOG;
