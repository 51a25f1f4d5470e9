import { readFile } from 'node:fs/promises';
import os from 'node:os';
import type { Command } from 'commander';
import { InputError } from '../../domain/errors.ts';
import { importTargets } from '../../use-cases/targets/import-targets.ts';
import { linkTargetIndicator, linkTargetIndicatorsFromCsv, type TargetLinkResult } from '../../use-cases/targets/link-target-indicator.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { message } from '../../domain/messages/message.ts';
import { cliText } from '../cli-text.ts';

const targets: CommandModule = (program: Command) => {
  const group = program.command('targets').description(cliText('cli.targets.targets'));
  group
    .command('import')
    .description(cliText('cli.targets.import_targets'))
    .argument('<file>', 'CSV file')
    .option('--json', 'machine-readable output')
    .action(async (file: string, _opts, command: Command) => {
      const options = optionsOf<{ json?: boolean }>(command);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new InputError(message('cli.plans.cannot_open_file', { file }), [{ field: 'file', message: error instanceof Error ? error.message : String(error) }]);
      }
      await withAppContext(options, async (ctx) => {
        const summary = await importTargets(ctx, text, cliActor());
        if (options.json) printJson(summary);
        else console.log(cliText('cli.targets.created_unchanged', { created: summary.created, unchanged: summary.unchanged }));
      });
    });
  group
    .command('link')
    .description(
      cliText('cli.targets.link_plan_target_to_indicator') +
        'hoặc --file links.csv (plan,target,indicator,unit,op,value,due), tất cả hoặc không',
    )
    .argument('[plan]', cliText('cli.targets.plan_id_or_code'))
    .argument('[target]', cliText('cli.targets.target_code'))
    .argument('[indicator]', cliText('cli.targets.indicator_code'))
    .option('--unit <unit>', cliText('cli.targets.unit_code_or_set'))
    .option('--op <op>', cliText('cli.targets.comparator'))
    .option('--value <value>', cliText('cli.targets.goal_value'))
    .option('--due <date>', cliText('cli.targets.due_date_when_plan_gives'))
    .option('--replace', cliText('cli.targets.replace_existing_link'))
    .option('--file <file>', 'CSV plan,target,indicator,unit,op,value,due')
    .option('--json', 'machine-readable output')
    .action(async (plan: string | undefined, target: string | undefined, indicator: string | undefined, _opts, command: Command) => {
      const options = optionsOf<{ unit?: string; op?: string; value?: string; due?: string; replace?: boolean; file?: string; json?: boolean }>(command);
      const actor = cliActor();
      if (options.file) {
        if (plan !== undefined) throw new InputError(message('cli.targets.use_file_or_arguments_not'), [{ field: 'file', message: cliText('cli.targets.both_given') }]);
        let text: string;
        try {
          text = await readFile(options.file, 'utf8');
        } catch (error) {
          throw new InputError(message('cli.plans.cannot_open_file', { file: options.file }), [{ field: 'file', message: error instanceof Error ? error.message : String(error) }]);
        }
        await withAppContext(options, async (ctx) => {
          const summary = await linkTargetIndicatorsFromCsv(ctx, text, { actor });
          if (options.json) printJson(summary);
          else {
            for (const r of summary.results) console.log(describeLink(r));
            console.log(cliText('cli.targets.linked_replaced_unchanged', { linked: summary.linked, replaced: summary.replaced, unchanged: summary.unchanged }));
          }
        });
        return;
      }
      if (!plan || !target || !indicator) {
        throw new InputError(message('cli.targets.give_plan_target_and_indicator'), [
          { field: !plan ? 'plan' : !target ? 'target' : 'indicator', message: cliText('cli.targets.missing') },
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

const STATUS_TEXT: Record<TargetLinkResult['status'], string> = { linked: cliText('cli.targets.linked'), replaced: cliText('cli.targets.replaced'), unchanged: cliText('cli.targets.unchanged') };

function describeLink(r: TargetLinkResult): string {
  const [y, m, d] = r.due.split('-');
  const previous = r.status === 'replaced' && r.previousIndicator !== r.indicator ? ` (trước: ${r.previousIndicator ?? '—'})` : '';
  const members = r.members.length ? cliText('cli.targets.members', { membersCount: r.members.length }) : '';
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
