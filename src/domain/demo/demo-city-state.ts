/** What a database holds, as far as telling a demo city from an installation's own data goes. */
export interface DemoCityContents {
  /** Any unit at all in the registry. */
  hasUnits: boolean;
  /** The demo plan's ward is in the registry (the built-in registry, not one of the user's own). */
  hasDemoWard: boolean;
  plans: number;
  /** Plans other than the demo plan (its code, owned by its ward). */
  otherPlans: number;
  indicators: number;
  /** Indicators whose code is not one of the simulator's (`DEMO_…`). */
  otherIndicators: number;
}

/**
 * What a database holds, for the demo: `empty` (nothing, or only the built-in registry that every
 * command loads on first use), `demo` (only what the demo city puts there: the built-in registry,
 * the demo plan, the simulator's indicators), or `own` (a registry of its own, another plan or
 * another indicator — an installation's data, which the demo must leave alone).
 */
export type DemoCityState = 'empty' | 'demo' | 'own';

export function demoCityState(contents: DemoCityContents): DemoCityState {
  if (contents.hasUnits && !contents.hasDemoWard) return 'own';
  if (contents.otherPlans > 0 || contents.otherIndicators > 0) return 'own';
  return contents.plans === 0 && contents.indicators === 0 ? 'empty' : 'demo';
}
