import { readFile } from 'node:fs/promises';
import os from 'node:os';
import type { Command } from 'commander';
import { InputError } from '../../domain/errors.ts';
import { importTargets } from '../../use-cases/targets/import-targets.ts';
import { linkTargetIndicator, linkTargetIndicatorsFromCsv, type TargetLinkResult } from '../../use-cases/targets/link-target-indicator.ts';
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
        const summary = await importTargets(ctx, text, cliActor());
        if (options.json) printJson(summary);
        else console.log(`Đã tạo ${summary.created} chỉ tiêu, ${summary.unchanged} không đổi / created ${summary.created}, unchanged ${summary.unchanged}`);
      });
    });
  group
    .command('link')
    .description(
      'Gắn chỉ tiêu của kế hoạch (bản đã công bố) với chỉ số đo / link a plan target to an indicator; ' +
        'hoặc --file links.csv (plan,target,indicator,unit,op,value,due), tất cả hoặc không',
    )
    .argument('[plan]', 'mã số hoặc số hiệu kế hoạch / plan id or code')
    .argument('[target]', 'mã chỉ tiêu ("3-T4" hoặc "T4") / target code')
    .argument('[indicator]', 'mã chỉ số / indicator code')
    .option('--unit <unit>', 'mã đơn vị hoặc *commune, *agency… / unit code or set')
    .option('--op <op>', 'phép so sánh (>= > <= < =) khi kế hoạch không nêu mục tiêu số / comparator')
    .option('--value <value>', 'giá trị mục tiêu / goal value')
    .option('--due <date>', 'hạn (dd/mm/yyyy) khi kế hoạch không nêu / due date when the plan gives none')
    .option('--replace', 'thay liên kết đã có / replace an existing link')
    .option('--file <file>', 'CSV plan,target,indicator,unit,op,value,due')
    .option('--json', 'machine-readable output')
    .action(async (plan: string | undefined, target: string | undefined, indicator: string | undefined, _opts, command: Command) => {
      const options = optionsOf<{ unit?: string; op?: string; value?: string; due?: string; replace?: boolean; file?: string; json?: boolean }>(command);
      const actor = cliActor();
      if (options.file) {
        if (plan !== undefined) throw new InputError('Dùng --file hoặc <plan> <target> <indicator>, không cả hai / use --file or the arguments, not both', [{ field: 'file', message: 'cả hai được nêu / both given' }]);
        let text: string;
        try {
          text = await readFile(options.file, 'utf8');
        } catch (error) {
          throw new InputError(`Không mở được tệp "${options.file}" / cannot open the file`, [{ field: 'file', message: error instanceof Error ? error.message : String(error) }]);
        }
        await withAppContext(options, async (ctx) => {
          const summary = await linkTargetIndicatorsFromCsv(ctx, text, { actor });
          if (options.json) printJson(summary);
          else {
            for (const r of summary.results) console.log(describeLink(r));
            console.log(`Đã gắn ${summary.linked}, thay ${summary.replaced}, không đổi ${summary.unchanged} / linked ${summary.linked}, replaced ${summary.replaced}, unchanged ${summary.unchanged}`);
          }
        });
        return;
      }
      if (!plan || !target || !indicator) {
        throw new InputError('Cần <plan> <target> <indicator> hoặc --file / give plan, target and indicator, or --file', [
          { field: !plan ? 'plan' : !target ? 'target' : 'indicator', message: 'thiếu / missing' },
        ]);
      }
      await withAppContext(options, async (ctx) => {
        const result = await linkTargetIndicator(
          ctx,
          { plan, target, indicator, unit: options.unit, op: options.op, value: options.value, due: options.due, replace: options.replace === true },
          { actor },
        );
        if (options.json) printJson(result);
        else console.log(describeLink(result));
      });
    });
};

const STATUS_TEXT: Record<TargetLinkResult['status'], string> = { linked: 'đã gắn / linked', replaced: 'đã thay / replaced', unchanged: 'không đổi / unchanged' };

function describeLink(r: TargetLinkResult): string {
  const [y, m, d] = r.due.split('-');
  const previous = r.status === 'replaced' && r.previousIndicator !== r.indicator ? ` (trước: ${r.previousIndicator ?? '—'})` : '';
  const members = r.members.length ? `, ${r.members.length} đơn vị thành viên / members` : '';
  return `${r.target} → ${r.indicator}${previous}: ${STATUS_TEXT[r.status]} — ${r.unit} ${r.op} ${r.value}, hạn ${d}/${m}/${y}${members}`;
}

function cliActor(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

export default targets;
