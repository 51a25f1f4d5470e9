import type { AppContext } from '../app-context.ts';
import { findConnectorState } from '../repositories/connectors.repository.ts';
import { runConnector, type ConnectorRunResult } from '../use-cases/connectors/run-connector.ts';
import type { ConnectorsConfig } from './connector-config.ts';

export interface SchedulerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface SchedulerOptions {
  /** How often to look for due connectors (default 30 s). */
  tickMs?: number;
  log?: SchedulerLog;
  onRun?: (result: ConnectorRunResult) => void;
}

/**
 * Runs each configured connector when it is due (its last run, by any instance, is older than its
 * interval). Due-ness is read from the database and each run takes the connector's lease, so several
 * server instances together still run a connector at most once at a time. `stop()` waits for runs in
 * progress to finish.
 *
 * @example
 * const scheduler = startConnectorScheduler(ctx, await loadConnectorsConfig(connectorsConfigPath()), { log: app.log });
 * app.addHook('onClose', () => scheduler.stop());
 */
export function startConnectorScheduler(ctx: AppContext, config: ConnectorsConfig, options: SchedulerOptions = {}): { stop(): Promise<void> } {
  const running = new Map<string, Promise<void>>();
  let stopped = false;

  const tick = async () => {
    for (const connector of config.connectors) {
      if (stopped || running.has(connector.name)) continue;
      const state = await findConnectorState(ctx.db, connector.name);
      const due = !state?.last_run_at || ctx.now().getTime() - state.last_run_at.getTime() >= connector.everyMinutes * 60_000;
      if (!due) continue;
      const run = runConnector(ctx, connector)
        .then((result) => {
          options.onRun?.(result);
          if (result.status === 'error') options.log?.warn({ connector: result.name, error: result.error }, 'connector run failed');
          else if (result.status === 'ok') options.log?.info({ connector: result.name, rows: result.rows }, 'connector run done');
        })
        .catch((error: unknown) => options.log?.warn({ connector: connector.name, error: String(error) }, 'connector run crashed'))
        .finally(() => running.delete(connector.name));
      running.set(connector.name, run);
    }
  };

  let ticking: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    ticking = ticking.then(tick).catch((error: unknown) => options.log?.warn({ error: String(error) }, 'connector scheduler tick failed'));
  }, options.tickMs ?? 30_000);
  timer.unref();
  ticking = tick().catch((error: unknown) => options.log?.warn({ error: String(error) }, 'connector scheduler tick failed'));

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await ticking;
      await Promise.all(running.values());
    },
  };
}
