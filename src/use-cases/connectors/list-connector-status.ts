import type { AppContext } from '../../app-context.ts';
import type { ConnectorsConfig } from '../../connectors/connector-config.ts';
import type { Frequency } from '../../domain/indicators/indicator.ts';
import { staleness } from '../../domain/observations/staleness.ts';
import { indicatorFrequencies, listConnectorStates } from '../../repositories/connectors.repository.ts';

export interface ConnectorStatus {
  name: string;
  /** False for a connector with stored state that is no longer in the configuration. */
  configured: boolean;
  format: 'json' | 'csv' | null;
  everyMinutes: number | null;
  running: boolean;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  /** The last error, if it came after the last success (a recovered source shows none). */
  lastError: string | null;
  rows: number;
  imported: number;
  updated: number;
  unchanged: number;
  indicators: string[];
  stale: boolean;
  expectedFrequency: Frequency | null;
  staleAt: string | null;
}

/**
 * Each connector's last run, last success, last error and row counts, and whether its data is stale
 * against the update frequency of the indicators it delivers (a connector that never succeeded, or
 * whose indicators are unknown, is judged by the strictest frequency among those configured).
 *
 * @example
 * await listConnectorStatus(ctx, config) // → [{ name: 'dvc', lastSuccessAt: '…', stale: false, expectedFrequency: 'monthly', … }]
 */
export async function listConnectorStatus(ctx: AppContext, config: ConnectorsConfig): Promise<ConnectorStatus[]> {
  const states = new Map((await listConnectorStates(ctx.db)).map((s) => [s.name, s]));
  const configured = new Map(config.connectors.map((c) => [c.name, c]));
  const constantIndicators = (name: string) => {
    const field = configured.get(name)?.fields.indicator;
    return field && 'const' in field ? [String(field.const)] : [];
  };
  const names = [...new Set([...configured.keys(), ...states.keys()])].sort();
  const codes = new Set<string>();
  for (const name of names) for (const code of [...(states.get(name)?.indicators ?? []), ...constantIndicators(name)]) codes.add(code);
  const frequencies = await indicatorFrequencies(ctx.db, [...codes]);
  const now = ctx.now();
  return names.map((name) => {
    const state = states.get(name);
    const definition = configured.get(name);
    const delivered = state?.indicators.length ? state.indicators : constantIndicators(name);
    const freshness = staleness(state?.last_success_at ?? null, delivered.map((c) => frequencies.get(c)).filter((f): f is Frequency => f !== undefined), now);
    const errorIsLatest = !!state?.last_error_at && (!state.last_success_at || state.last_error_at > state.last_success_at);
    return {
      name,
      configured: !!definition,
      format: definition?.format ?? null,
      everyMinutes: definition?.everyMinutes ?? null,
      running: !!state?.running_since,
      lastRunAt: iso(state?.last_run_at),
      lastSuccessAt: iso(state?.last_success_at),
      lastErrorAt: iso(state?.last_error_at),
      lastError: errorIsLatest ? (state?.last_error ?? null) : null,
      rows: state?.rows ?? 0,
      imported: state?.imported ?? 0,
      updated: state?.updated ?? 0,
      unchanged: state?.unchanged ?? 0,
      indicators: delivered,
      stale: freshness.stale,
      expectedFrequency: freshness.expectedFrequency,
      staleAt: freshness.staleAt?.toISOString() ?? null,
    };
  });
}

function iso(date: Date | null | undefined): string | null {
  return date ? date.toISOString() : null;
}
