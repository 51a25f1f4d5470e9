import type { JobHandler, RecurringJob } from '../jobs/job-runner.ts';
import { runConnector, type ConnectorRunResult } from '../use-cases/connectors/run-connector.ts';
import type { ConnectorsConfig } from './connector-config.ts';

export interface SchedulerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** The job kind that pulls one connector: one kind per connector, so each has its own schedule slots. */
export const CONNECTOR_PULL_JOB = 'connector.pull';
export const connectorJobKind = (name: string): string => `${CONNECTOR_PULL_JOB}:${name}`;

/**
 * Scheduled pulls from source systems as jobs of the job runner: each connector is a recurring job
 * whose slot is its interval, and the runner enqueues one job per slot under a dedupe key
 * (`connector.pull:<name>@<slot start>`), so however many instances run a job runner, each slot
 * pulls once. A pull that fails is recorded as the connector's error and waits for the next slot;
 * the connector's lease still keeps a slow pull from overlapping the next one.
 *
 * @example
 * const { handlers, recurring } = connectorPullJobs(await loadConnectorsConfig(connectorsConfigPath()), { log: app.log });
 * new JobRunner(ctx, handlers, { recurring });
 */
export function connectorPullJobs(
  config: ConnectorsConfig,
  options: { log?: SchedulerLog; onRun?: (result: ConnectorRunResult) => void } = {},
): { handlers: Record<string, JobHandler>; recurring: RecurringJob[] } {
  const handlers: Record<string, JobHandler> = {};
  const recurring: RecurringJob[] = [];
  for (const connector of config.connectors) {
    const kind = connectorJobKind(connector.name);
    handlers[kind] = async (_job, ctx) => {
      const result = await runConnector(ctx, connector);
      options.onRun?.(result);
      if (result.status === 'error') options.log?.warn({ connector: result.name, error: result.error }, 'connector run failed');
      else if (result.status === 'ok') options.log?.info({ connector: result.name, rows: result.rows }, 'connector run done');
    };
    recurring.push({ kind, everyMs: connector.everyMinutes * 60_000 });
  }
  return { handlers, recurring };
}
