import type { Command } from 'commander';
import { findClassifiableItem, setClassification } from '../../use-cases/classification/set-classification.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { cliActor } from './users.ts';
import { cliText } from '../cli-text.ts';

const classify: CommandModule = (program: Command) => {
  program
    .command('classify')
    .description(cliText('cli.classify.mark_item_classified_or_not'))
    .argument('<kind>', 'plan | section | target | task | indicator')
    .argument('<ref>', 'plan or section id; target, task or indicator code')
    .option('--off', cliText('cli.classify.remove_mark'))
    .option('--json', 'machine-readable output')
    .action(async (kind: string, ref: string, _opts, command: Command) => {
      const o = optionsOf<{ off?: boolean; json?: boolean }>(command);
      const classified = !o.off;
      const result = await withAppContext(o, async (ctx) => {
        const item = await findClassifiableItem(ctx, kind, ref);
        return setClassification(ctx, cliActor(), { kind: item.kind, id: item.id, ref, classified });
      });
      if (o.json) return printJson({ kind, ref, classified, changed: result.changed });
      if (result.changed === 0) console.log(cliText(classified ? 'cli.classify.unchanged_classified' : 'cli.classify.unchanged_declassified', { kind, ref }));
      else console.log(cliText(classified ? 'cli.classify.classified' : 'cli.classify.declassified', { kind, ref, changed: result.changed }));
    });
};

export default classify;
