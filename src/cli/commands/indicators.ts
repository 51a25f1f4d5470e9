import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { readTableFile } from '../../use-cases/observations/read-table-file.ts';
import { importIndicators } from '../../use-cases/indicators/import-indicators.ts';
import { listIndicatorsFor } from '../../use-cases/indicators/list-indicators.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { cliText } from '../cli-text.ts';

/** The operator at the terminal, as written into provenance and the audit log. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

const indicators: CommandModule = (program: Command) => {
  const group = program.command('indicators').description(cliText('cli.indicators.indicator_definitions'));

  group
    .command('import')
    .description('Định nghĩa chỉ số từ CSV/XLSX (code,name,measure,direction,aggregation[,numerator,denominator,frequency,source_system,classified]); tất cả hoặc không')
    .argument('<file>', 'CSV or XLSX file')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, _options, command: Command) => {
      const options = optionsOf<{ json?: boolean }>(command);
      const table = await readTableFile(file);
      const summary = await withAppContext(options, (ctx) => importIndicators(ctx, cliActor(), table));
      if (options.json) printJson(summary);
      else process.stdout.write(cliText('cli.indicators.created_updated_unchanged', { created: summary.created, updated: summary.updated, unchanged: summary.unchanged }));
    });

  group
    .command('list')
    .description(cliText('cli.indicators.list_indicators'))
    .option('--json', 'print as JSON')
    .action(async (_options, command: Command) => {
      const options = optionsOf<{ json?: boolean }>(command);
      const all = await withAppContext(options, (ctx) => listIndicatorsFor(ctx, null));
      if (options.json) printJson(all.map(({ id: _id, ...i }) => i));
      else for (const i of all) process.stdout.write(`${i.code}\t${i.name}\t${i.measure}\t${i.aggregation}\t${i.frequency}${i.classified ? '\tMẬT' : ''}\n`);
    });
};

export default indicators;
