import { COMMON } from './common.ts';
import type { CatalogEntry } from './entry.ts';
import { EXPORTS } from './exports.ts';
import { PLANS } from './plans.ts';
import { OBSERVATIONS } from './observations.ts';
import { REPORTING } from './reporting.ts';

/**
 * Every message the server and CLI give people, by area (one file each, so areas grow apart).
 * A code is stable once published: clients may act on it.
 */
export const CATALOG = {
  ...COMMON,
  ...REPORTING,
  ...OBSERVATIONS,
  ...PLANS,
  ...EXPORTS,
} as const satisfies Record<string, CatalogEntry>;

export type MessageCode = keyof typeof CATALOG;
