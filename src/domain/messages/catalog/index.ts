import { ACTORS } from './actors.ts';
import { COMMON } from './common.ts';
import { CONTACTS } from './contacts.ts';
import { ALERTS } from './alerts.ts';
import type { CatalogEntry } from './entry.ts';
import { PROBLEM_IMPORT } from './problem-import.ts';
import { CLI } from './cli.ts';
import { SYSTEM } from './system.ts';
import { AUDIT } from './audit.ts';
import { SCORING } from './scoring.ts';
import { CONNECTORS } from './connectors.ts';
import { UNITS } from './units.ts';
import { ACCESS } from './access.ts';
import { PROBLEMS } from './problems.ts';
import { PILOTS } from './pilots.ts';
import { EXPORTS } from './exports.ts';
import { PLANS } from './plans.ts';
import { OBSERVATIONS } from './observations.ts';
import { REPORTING } from './reporting.ts';
import { HTTP } from './http.ts';

/**
 * Every message the server and CLI give people, by area (one file each, so areas grow apart).
 * A code is stable once published: clients may act on it.
 */
export const CATALOG = {
  ...COMMON,
  ...ACTORS,
  ...REPORTING,
  ...CONTACTS,
  ...ALERTS,
  ...PROBLEM_IMPORT,
  ...OBSERVATIONS,
  ...PLANS,
  ...EXPORTS,
  ...PROBLEMS,
  ...PILOTS,
  ...ACCESS,
  ...UNITS,
  ...CONNECTORS,
  ...SCORING,
  ...AUDIT,
  ...SYSTEM,
  ...HTTP,
  ...CLI,
} as const satisfies Record<string, CatalogEntry>;

export type MessageCode = keyof typeof CATALOG;
