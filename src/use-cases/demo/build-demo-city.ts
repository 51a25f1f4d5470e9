import type { AppContext } from '../../app-context.ts';
import { demoCityState, type DemoCityState } from '../../domain/demo/demo-city-state.ts';
import { InputError, problem } from '../../domain/errors.ts';
import { message } from '../../domain/messages/message.ts';
import { demoCityContents } from '../../repositories/demo-city.repository.ts';
import type { SimCity } from '../../simulator/generate-city.ts';
import { refreshAlerts, type AlertRefreshSummary } from '../alerts/refresh-alerts.ts';
import { DEMO_OWNER, DEMO_PLAN_CODE, linkDemoPlanTargets, seedDemoPlan } from '../plans/seed-demo-plan.ts';
import { seedDemoReporting } from '../reporting/seed-demo-reporting.ts';
import { seedDemoScores } from '../scores/seed-demo-scores.ts';
import { seedBuiltInRegistry } from '../units/seed-built-in-registry.ts';
import { generateDemo, type DemoOptions } from './generate-demo.ts';
import { loadDemo, type DemoLoadSummary } from './load-demo.ts';
import { seedDemoAccounts, type DemoAccount } from './seed-demo-accounts.ts';

/** Seed of the city behind `npm start` and `demo generate --load`, so every fresh demo shows the same story. */
export const DEMO_SEED = 1;

export interface BuildDemoCityOptions extends DemoOptions {
  /**
   * Load even into a database holding its own data (another registry, plan or indicator). Off by
   * default: the demo adds a published plan, simulated figures and accounts with a known password,
   * which have no place in an installation's data unless someone asks for them.
   */
  intoOwnData?: boolean;
}

/** What the demo city is and what building it added (zero everywhere when it was already there). */
export interface DemoCityBuilt {
  /** The database as found: `empty`, already the demo city, or its own data (with `intoOwnData`). */
  found: DemoCityState;
  /** The simulated city (units, indicators, targets, series up to the cut-off, ground truth). */
  city: SimCity;
  loaded: DemoLoadSummary;
  /** Whether the demo plan was newly imported (false when already there, or when its ward is absent). */
  planCreated: boolean;
  alerts: AlertRefreshSummary;
  /** Reporting obligations created (the monthly reports of the plans' lead units). */
  obligations: number;
  /** One account per role, to sign in with (existing ones kept as they are). */
  accounts: DemoAccount[];
}

/** Tells an empty database, a demo city and an installation's own data apart. */
export async function findDemoCityState(ctx: AppContext): Promise<DemoCityState> {
  return demoCityState(await demoCityContents(ctx.db, { ward: DEMO_OWNER, planCode: DEMO_PLAN_CODE, indicatorPrefix: 'DEMO_' }));
}

/**
 * Builds the demo city — the one `serve --demo` starts with and `demo generate --load` stores — in
 * the order its parts need each other: the built-in registry (every other part names its units), the
 * demo plan of Vĩnh Tuy ward, the simulated indicators, targets and monthly series up to the cut-off,
 * the plan's measurable targets linked to those indicators, the alerts (once every target is in
 * place), the monthly reporting obligations of the plans' lead units, the scores of the shipped
 * framework, and one demo account per role. Every part is idempotent, so building it again adds
 * nothing. A database with its own data is refused unless `intoOwnData` says otherwise.
 *
 * @example
 * const built = await buildDemoCity(ctx, { seed: 1 }); // cut at today
 * built.accounts[0]; // → { username: 'lanhdao', password: 'theodoi-demo', role: 'viewer', unit: 'HN', … }
 */
export async function buildDemoCity(ctx: AppContext, options: BuildDemoCityOptions = {}): Promise<DemoCityBuilt> {
  const found = await findDemoCityState(ctx);
  if (found === 'own' && !options.intoOwnData) {
    throw new InputError(message('demo.database_has_own_data'), [problem({ field: 'force' }, message('demo.add_force_to_load'))]);
  }
  const today = ctx.now().toISOString().slice(0, 10);
  await seedBuiltInRegistry(ctx);
  const plan = await seedDemoPlan(ctx); // needs the ward and its offices; before the indicators
  const city = await generateDemo(ctx, { seed: options.seed ?? DEMO_SEED, units: options.units ?? 'hanoi', cutoff: options.cutoff ?? today });
  const loaded = await loadDemo(ctx, city); // indicators, targets, monthly series (the normal ingest path)
  await linkDemoPlanTargets(ctx); // the plan's measurable targets, to the indicators just defined
  const alerts = await refreshAlerts(ctx, { asOf: today }); // once every target is in place
  const { obligations } = await seedDemoReporting(ctx);
  await seedDemoScores(ctx);
  const accounts = await seedDemoAccounts(ctx); // after the obligations: the reporter is a unit that owes a report
  return { found, city, loaded, planCreated: plan !== null && !plan.dryRun && plan.status === 'created', alerts, obligations, accounts };
}
