import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../app-context.ts';
import { redact, type ConnectorDefinition } from '../../connectors/connector-config.ts';
import { fetchSource } from '../../connectors/fetch-source.ts';
import { rowsFromSource } from '../../connectors/field-mapping.ts';
import { describeProblem, InputError } from '../../domain/errors.ts';
import { acquireRunLease, recordRunFailure, recordRunSuccess } from '../../repositories/connectors.repository.ts';
import { ingestObservations } from '../observations/ingest-observations.ts';

export type ConnectorRunResult =
  | { name: string; status: 'ok'; rows: number; imported: number; updated: number; unchanged: number }
  | { name: string; status: 'error'; error: string }
  | { name: string; status: 'busy' };

/** A run older than this is presumed dead (its instance crashed) and its lease may be taken over. */
const LEASE_MS = 15 * 60 * 1000;

/**
 * Pulls one connector now: fetch, map fields, ingest as one atomic batch (origin "connector"), and
 * record the outcome (last success with row counts, or last error) for every instance to see. A run
 * of the same connector already in progress anywhere makes this one "busy" instead. Error messages
 * never contain the configured secrets.
 *
 * @example
 * await runConnector(ctx, connector) // → { name: 'dvc', status: 'ok', rows: 126, imported: 120, updated: 6, unchanged: 0 }
 */
export async function runConnector(ctx: AppContext, connector: ConnectorDefinition): Promise<ConnectorRunResult> {
  const token = randomUUID();
  if (!(await acquireRunLease(ctx.db, connector.name, token, ctx.now(), Math.max(LEASE_MS, connector.timeoutMs * 2)))) {
    return { name: connector.name, status: 'busy' };
  }
  try {
    const body = await fetchSource(connector);
    const rows = rowsFromSource(body, connector);
    if (rows.length === 0) {
      await recordRunSuccess(ctx.db, connector.name, token, { at: ctx.now(), rows: 0, imported: 0, updated: 0, unchanged: 0, indicators: [] });
      return { name: connector.name, status: 'ok', rows: 0, imported: 0, updated: 0, unchanged: 0 };
    }
    const { summary } = await ingestObservations(
      ctx,
      { actor: `connector:${connector.name}`, origin: 'connector', principal: null },
      { source: connector.source, observations: rows },
    );
    const indicators = [...new Set(rows.map((r) => r.indicator).filter((c): c is string => typeof c === 'string'))].sort();
    await recordRunSuccess(ctx.db, connector.name, token, { at: ctx.now(), rows: rows.length, ...summary, indicators });
    return { name: connector.name, status: 'ok', rows: rows.length, ...summary };
  } catch (error) {
    const message = redact(describeFailure(error), connector.secrets).slice(0, 2000);
    await recordRunFailure(ctx.db, connector.name, token, { at: ctx.now(), error: message });
    return { name: connector.name, status: 'error', error: message };
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof InputError) {
    const shown = error.problems.slice(0, 5).map((p) => describeProblem(p).trim());
    const more = error.problems.length > 5 ? ` (+${error.problems.length - 5})` : '';
    return [error.message.split('\n')[0], ...shown].join('; ') + more;
  }
  return error instanceof Error ? error.message : String(error);
}
