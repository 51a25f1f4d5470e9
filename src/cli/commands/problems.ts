import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import type { Command } from 'commander';
import { InputError, problem } from '../../domain/errors.ts';
import { cliLang, message } from '../../domain/messages/message.ts';
import { duplicateReasonIn } from '../../domain/problems/find-duplicates.ts';
import { eraseContactData, exportContactData } from '../../use-cases/problems/contact-personal-data.ts';
import { exportProblemCatalogue } from '../../use-cases/problems/export-problem-catalogue.ts';
import { importProposals } from '../../use-cases/problems/import-proposals.ts';
import { findProblemDuplicates } from '../../use-cases/problems/find-problem-duplicates.ts';
import { getProblem } from '../../use-cases/problems/get-problem.ts';
import { listProblems } from '../../use-cases/problems/list-problems.ts';
import { mergeProblems } from '../../use-cases/problems/merge-problems.ts';
import { operatorAccess } from '../../use-cases/problems/problem-access.ts';
import { proposeProblem } from '../../use-cases/problems/propose-problem.ts';
import { setUnitAreaType } from '../../use-cases/problems/set-unit-area-type.ts';
import { transitionProblem } from '../../use-cases/problems/transition-problem.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { cliText } from '../cli-text.ts';

// The CLI runs on the server as its operator, so it acts with the operator's (system administrator's)
// rights; the audit log names the operating-system user.
function cliActor(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

const problems: CommandModule = (program: Command) => {
  const group = program.command('problems').description(cliText('cli.problems.registry_of_governance_problems'));
  group
    .command('list')
    .description(cliText('cli.problems.list_problems'))
    .option('--state <states>', cliText('cli.problems.comma_separated_states'))
    .option('--field <code>', cliText('cli.problems.field_of_management'))
    .option('--area-type <type>', 'urban_core | peri_urban | rural')
    .option('--unit <code>', cliText('cli.problems.proposing_unit'))
    .option('--json', 'machine-readable output')
    .action(async (_opts, command: Command) => {
      const o = optionsOf<{ state?: string; field?: string; areaType?: string; unit?: string; json?: boolean }>(command);
      await withAppContext(o, async (ctx) => {
        const result = await listProblems(ctx, operatorAccess(cliActor()), { states: o.state?.split(',').map((s) => s.trim()), field: o.field, areaType: o.areaType, proposingUnit: o.unit, limit: 500 });
        if (o.json) printJson(result);
        else for (const p of result.problems) console.log(`${p.code}\t${p.state}\t${p.fields.join(',')}\t${p.proposingUnit.code}\t${p.name}`);
      });
    });
  group
    .command('show <code>')
    .description(cliText('cli.problems.show_problem'))
    .action(async (code: string, _opts, command: Command) => {
      await withAppContext(optionsOf(command), async (ctx) => printJson(await getProblem(ctx, operatorAccess(cliActor()), code, cliLang())));
    });
  group
    .command('propose')
    .description(cliText('cli.problems.propose_problem_from_json_on'))
    .action(async (_opts, command: Command) => {
      const input = JSON.parse(await readStdin()) as Parameters<typeof proposeProblem>[2];
      await withAppContext(optionsOf(command), async (ctx) => printJson(await proposeProblem(ctx, operatorAccess(cliActor()), input)));
    });
  group
    .command('duplicates')
    .description(cliText('cli.problems.candidate_duplicates'))
    .option('--field <code>', cliText('cli.problems.field_of_management'))
    .option('--json', 'machine-readable output')
    .action(async (_opts, command: Command) => {
      const o = optionsOf<{ field?: string; json?: boolean }>(command);
      await withAppContext(o, async (ctx) => {
        const { pairs } = await findProblemDuplicates(ctx, operatorAccess(cliActor()), { field: o.field });
        if (o.json) printJson({ pairs });
        else for (const p of pairs) console.log(`${p.a}\t${p.b}\t${p.score.toFixed(2)}\t${duplicateReasonIn(p, cliLang())}`);
      });
    });
  group
    .command('merge <codes...>')
    .description(cliText('cli.problems.merge_proposals_into_one_consolidated'))
    .option('--name <name>', cliText('cli.problems.name_of_merged_problem'))
    .option('--note <note>', cliText('cli.problems.note'))
    .action(async (codes: string[], _opts, command: Command) => {
      const o = optionsOf<{ name?: string; note?: string }>(command);
      await withAppContext(o, async (ctx) => printJson(await mergeProblems(ctx, operatorAccess(cliActor()), { codes, name: o.name, note: o.note })));
    });
  group
    .command('transition <code> <to>')
    .description(cliText('cli.problems.move_problem_to_another_state'))
    .option('--note <note>', cliText('cli.problems.note_reason'))
    .option('--evidence-pilot <code>', cliText('cli.problems.for_pilot_cited_as_evidence'))
    .action(async (code: string, to: string, _opts, command: Command) => {
      const o = optionsOf<{ note?: string; evidencePilot?: string }>(command);
      await withAppContext(o, async (ctx) => {
        const p = await transitionProblem(ctx, operatorAccess(cliActor()), code, to, o.note, { evidencePilot: o.evidencePilot });
        console.log(`${p.code}: ${p.state}`);
      });
    });
  group
    .command('import <file>')
    .description(cliText('cli.problems.import_filled_form_proposals'))
    .option('--unit <code>', cliText('cli.problems.proposing_unit_when_file_names'))
    .option('--dry-run', cliText('cli.problems.check_only_store_nothing'))
    .action(async (file: string, _opts, command: Command) => {
      const o = optionsOf<{ unit?: string; dryRun?: boolean }>(command);
      const bytes = await readFile(file);
      await withAppContext(o, async (ctx) => printJson(await importProposals(ctx, operatorAccess(cliActor()), { bytes, fileName: file, unit: o.unit, dryRun: o.dryRun ?? false })));
    });
  group
    .command('export')
    .description(cliText('cli.problems.export_priority_catalogue_template_layout'))
    .requiredOption('--format <format>', 'xlsx | docx')
    .requiredOption('--out <file>', cliText('cli.problems.output_file'))
    .option('--state <states>', cliText('cli.problems.comma_separated_states'))
    .option('--field <code>', cliText('cli.problems.field_of_management'))
    .option('--area-type <type>', 'urban_core | peri_urban | rural')
    .action(async (_opts, command: Command) => {
      const o = optionsOf<{ format: string; out: string; state?: string; field?: string; areaType?: string }>(command);
      await withAppContext(o, async (ctx) => {
        const file = await exportProblemCatalogue(ctx, operatorAccess(cliActor()), o.format, { states: o.state?.split(',').map((s) => s.trim()).filter(Boolean), field: o.field, areaType: o.areaType });
        await writeFile(o.out, file.body);
        console.log(cliText('cli.problems.problems', { out: o.out, problems: file.problems }));
      });
    });
  group
    .command('area-type <unit> <type>')
    .description(cliText('cli.problems.set_ward_s_area_type'))
    .action(async (unit: string, type: string, _opts, command: Command) => {
      await withAppContext(optionsOf(command), async (ctx) => {
        const r = await setUnitAreaType(ctx, operatorAccess(cliActor()), unit, type);
        console.log(`${r.unit}: ${r.areaType}`);
      });
    });
  group
    .command('contact-data')
    .description(cliText('cli.problems.export_a_non_user_contact_s'))
    .option('--email <email>', cliText('cli.problems.every_contact_with_this_e_mail'))
    .option('--contact <id>', cliText('cli.problems.one_contact'))
    .option('--out <file>', cliText('cli.problems.write_to_a_file_never_overwrites'))
    .action(async (_opts, command: Command) => {
      const o = optionsOf<{ email?: string; contact?: string; out?: string }>(command);
      const data = await withAppContext(o, (ctx) => exportContactData(ctx, operatorAccess(cliActor()), { email: o.email, contact: o.contact }));
      if (o.out) {
        await writeFile(o.out, `${JSON.stringify(data, null, 2)}\n`, { flag: 'wx' });
        console.log(cliText('cli.problems.written', { file: o.out }));
      } else printJson(data);
    });
  group
    .command('erase-contact')
    .description(cliText('cli.problems.erase_a_contact_s_personal_data'))
    .option('--email <email>', cliText('cli.problems.every_contact_with_this_e_mail'))
    .option('--contact <id>', cliText('cli.problems.one_contact'))
    .option('--yes', cliText('cli.problems.confirm_this_cannot_be_undone'))
    .option('--json', 'machine-readable output')
    .action(async (_opts, command: Command) => {
      const o = optionsOf<{ email?: string; contact?: string; yes?: boolean; json?: boolean }>(command);
      if (!o.yes) throw new InputError(message('contact.erase_confirm'), [problem({ field: 'yes' }, message('contact.erase_confirm'))]);
      const result = await withAppContext(o, (ctx) => eraseContactData(ctx, operatorAccess(cliActor()), { email: o.email, contact: o.contact }));
      if (o.json) printJson(result);
      else console.log(`${result.changed ? 'erased' : 'unchanged'}: ${result.erased.join(', ')}`);
    });
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export default problems;
