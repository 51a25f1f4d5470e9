import type { AppContext } from '../../app-context.ts';
import type { DemoCityState } from '../../domain/demo/demo-city-state.ts';
import { buildDemoCity, findDemoCityState } from './build-demo-city.ts';
import { seedDemoAccounts, type DemoAccount } from './seed-demo-accounts.ts';

/** What a demo start found and the accounts it offers (none when it left the database alone). */
export interface DemoStart {
  found: DemoCityState;
  accounts: DemoAccount[];
}

/**
 * `serve --demo`: builds the demo city (`buildDemoCity`, seed 1 cut at today) into an empty
 * database — "empty" also covers one holding only the built-in registry, which every command loads
 * on first use. A database that already holds the demo city keeps it as it is (a later start is
 * quick) and gets back its demo accounts; one with its own data is left alone, accounts included
 * (a known password has no place there).
 *
 * @example
 * const { accounts } = await seedDemoIfEmpty(ctx); // printed at start-up, listed on the sign-in page
 */
export async function seedDemoIfEmpty(ctx: AppContext): Promise<DemoStart> {
  const found = await findDemoCityState(ctx);
  if (found === 'empty') return { found, accounts: (await buildDemoCity(ctx)).accounts };
  if (found === 'demo') return { found, accounts: await seedDemoAccounts(ctx) };
  return { found, accounts: [] };
}
