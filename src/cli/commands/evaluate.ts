import type { Command } from 'commander';
import { evaluateTargets } from '../../use-cases/evaluation/evaluate-targets.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { cliText } from '../cli-text.ts';

const STATUS_VI = { met: 'đạt', on_track: 'đúng tiến độ', at_risk: 'có nguy cơ', missed: 'không đạt', no_data: 'chưa có số liệu', unlinked: 'chưa gắn chỉ số' } as const;

const evaluate: CommandModule = (program: Command) => {
  program
    .command('evaluate')
    .description(cliText('cli.evaluate.evaluate_targets_at_date'))
    .option('--as-of <date>', cliText('cli.evaluate.evaluation_date'))
    .option('--unit <code>', cliText('cli.evaluate.only_unit_and_below'))
    .option('--plan <ref>', cliText('cli.evaluate.plan_id_or_code'))
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
        if (result.targets.length === 0) console.log(cliText('cli.evaluate.no_targets_to_evaluate'));
      });
    });
};

export default evaluate;
