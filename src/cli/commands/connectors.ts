import type { Command } from 'commander';
import { connectorsConfigPath, loadConnectorsConfig } from '../../connectors/load-connectors-config.ts';
import { listConnectorStatus } from '../../use-cases/connectors/list-connector-status.ts';
import { runConnector, type ConnectorRunResult } from '../../use-cases/connectors/run-connector.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';

const connectors: CommandModule = (program: Command) => {
  const group = program.command('connectors').description('Kéo số liệu từ hệ thống nguồn / pull from source systems');

  group
    .command('run')
    .description('Chạy ngay một hoặc mọi connector / run one or every connector now')
    .argument('[name]', 'connector name (default: all)')
    .option('--config <file>', 'connectors file, YAML or JSON (default: THEODOI_CONNECTORS)')
    .option('--json', 'print results as JSON')
    .action(async (name: string | undefined, _options, command: Command) => {
      const options = optionsOf<{ config?: string; json?: boolean }>(command);
      const config = await loadConnectorsConfig(connectorsConfigPath(options.config));
      const chosen = name ? config.connectors.filter((c) => c.name === name) : config.connectors;
      if (name && chosen.length === 0) throw new Error(`Không có connector "${name}" trong cấu hình / no connector "${name}" configured`);
      const results: ConnectorRunResult[] = await withAppContext(options, async (ctx) => {
        const out: ConnectorRunResult[] = [];
        for (const connector of chosen) out.push(await runConnector(ctx, connector));
        return out;
      });
      if (options.json) printJson(results);
      else for (const r of results) process.stdout.write(`${r.name}: ${r.status === 'ok' ? `${r.rows} dòng (${r.imported} mới, ${r.updated} cập nhật, ${r.unchanged} không đổi)` : r.status === 'busy' ? 'đang chạy ở nơi khác / running elsewhere' : `LỖI / ERROR ${r.error}`}\n`);
      if (results.some((r) => r.status === 'error')) process.exitCode = 1;
    });

  group
    .command('status')
    .description('Lần chạy, lỗi gần nhất và độ cũ dữ liệu / last runs, errors and staleness')
    .option('--config <file>', 'connectors file, YAML or JSON (default: THEODOI_CONNECTORS)')
    .option('--json', 'print as JSON')
    .action(async (_options, command: Command) => {
      const options = optionsOf<{ config?: string; json?: boolean }>(command);
      const config = await loadConnectorsConfig(connectorsConfigPath(options.config));
      const status = await withAppContext(options, (ctx) => listConnectorStatus(ctx, config));
      if (options.json) printJson(status);
      else for (const s of status) process.stdout.write(`${s.name}\tthành công / ok: ${s.lastSuccessAt ?? '—'}\tlỗi / error: ${s.lastError ?? '—'}\t${s.stale ? 'CŨ / STALE' : 'mới / fresh'}\n`);
    });
};

export default connectors;
