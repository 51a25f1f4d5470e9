import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InputError } from '../../domain/errors.ts';
import { importTargets } from '../../use-cases/targets/import-targets.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';

const targets: CommandModule = (program: Command) => {
  const group = program.command('targets').description('Chỉ tiêu / targets');
  group
    .command('import')
    .description('Nhập chỉ tiêu từ CSV (code,indicator,unit,op,value,due[,start,baseline,text]); unit là mã đơn vị hoặc *commune, *agency… / import targets')
    .argument('<file>', 'CSV file')
    .option('--json', 'machine-readable output')
    .action(async (file: string, _opts, command: Command) => {
      const options = optionsOf<{ json?: boolean }>(command);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new InputError(`Không mở được tệp "${file}" / cannot open the file`, [{ field: 'file', message: error instanceof Error ? error.message : String(error) }]);
      }
      await withAppContext(options, async (ctx) => {
        const summary = await importTargets(ctx, text);
        if (options.json) printJson(summary);
        else console.log(`Đã tạo ${summary.created} chỉ tiêu, ${summary.unchanged} không đổi / created ${summary.created}, unchanged ${summary.unchanged}`);
      });
    });
};

export default targets;
