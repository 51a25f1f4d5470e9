import type { Command } from 'commander';
import { evaluateTargets } from '../../use-cases/evaluation/evaluate-targets.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';

const STATUS_VI = { met: 'đạt', on_track: 'đúng tiến độ', at_risk: 'có nguy cơ', missed: 'không đạt', no_data: 'chưa có số liệu', unlinked: 'chưa gắn chỉ số' } as const;

const evaluate: CommandModule = (program: Command) => {
  program
    .command('evaluate')
    .description('Đánh giá chỉ tiêu tại một ngày / evaluate targets at a date')
    .option('--as-of <date>', 'ngày đánh giá yyyy-mm-dd (mặc định hôm nay) / evaluation date')
    .option('--unit <code>', 'chỉ các chỉ tiêu của đơn vị và cấp dưới / only this unit and below')
    .option('--plan <ref>', 'mã hoặc số hiệu kế hoạch / plan id or code')
    .option('--json', 'machine-readable output')
    .action(async (_opts, command: Command) => {
      const options = optionsOf<{ asOf?: string; unit?: string; plan?: string; json?: boolean }>(command);
      await withAppContext(options, async (ctx) => {
        const result = await evaluateTargets(ctx, { asOf: options.asOf, unit: options.unit, plan: options.plan });
        if (options.json) {
          printJson({ asOf: result.asOf, targets: result.targets });
          return;
        }
        for (const t of result.targets) {
          console.log(`${t.code}\t${STATUS_VI[t.status]}\t${t.current ?? '—'}\t→ ${t.forecast ?? '—'}\tpMiss ${Math.round(t.pMiss * 100)}%\t${t.reason}`);
        }
        if (result.targets.length === 0) console.log('Chưa có chỉ tiêu nào để đánh giá / no targets to evaluate');
      });
    });
};

export default evaluate;
