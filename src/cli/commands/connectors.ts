import type { Command } from 'commander';
import { connectorsConfigPath, loadConnectorsConfig } from '../../connectors/load-connectors-config.ts';
import { listConnectorStatus } from '../../use-cases/connectors/list-connector-status.ts';
import { runConnector, type ConnectorRunResult } from '../../use-cases/connectors/run-connector.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { cliText } from '../cli-text.ts';

const connectors: CommandModule = (program: Command) => {
  const group = program.command('connectors').description(cliText('cli.connectors.pull_from_source_systems'));

  group
    .command('run')
    .description(cliText('cli.connectors.run_one_or_every_connector'))
    .argument('[name]', 'connector name (default: all)')
    .option('--config <file>', 'connectors file, YAML or JSON (default: THEODOI_CONNECTORS)')
    .option('--json', 'print results as JSON')
    .action(async (name: string | undefined, _options, command: Command) => {
      const options = optionsOf<{ config?: string; json?: boolean }>(command);
      const config = await loadConnectorsConfig(connectorsConfigPath(options.config));
      const chosen = name ? config.connectors.filter((c) => c.name === name) : config.connectors;
      if (name && chosen.length === 0) throw new Error(cliText('cli.connectors.no_connector_configured', { name }));
      const results: ConnectorRunResult[] = await withAppContext(options, async (ctx) => {
        const out: ConnectorRunResult[] = [];
        for (const connector of chosen) out.push(await runConnector(ctx, connector));
        return out;
      });
      if (options.json) printJson(results);
      else for (const r of results) process.stdout.write(`${r.name}: ${r.status === 'ok' ? `${r.rows} dòng (${r.imported} mới, ${r.updated} cập nhật, ${r.unchanged} không đổi)` : r.status === 'busy' ? cliText('cli.connectors.running_elsewhere') : cliText('cli.connectors.error', { error: r.error })}\n`);
      if (results.some((r) => r.status === 'error')) process.exitCode = 1;
    });

  group
    .command('status')
    .description(cliText('cli.connectors.last_runs_errors_and_staleness'))
    .option('--config <file>', 'connectors file, YAML or JSON (default: THEODOI_CONNECTORS)')
    .option('--json', 'print as JSON')
    .action(async (_options, command: Command) => {
      const options = optionsOf<{ config?: string; json?: boolean }>(command);
      const config = await loadConnectorsConfig(connectorsConfigPath(options.config));
      const status = await withAppContext(options, (ctx) => listConnectorStatus(ctx, config));
      if (options.json) printJson(status);
      else for (const s of status) console.log(cliText('cli.connectors.status_line', { name: s.name, lastSuccess: s.lastSuccessAt ?? '—', lastError: s.lastError ?? '—', freshness: cliText(s.stale ? 'cli.connectors.stale' : 'cli.connectors.fresh') }));
    });
};

export default connectors;
