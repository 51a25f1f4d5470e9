import { readFile, writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { InputError } from '../../domain/errors.ts';
import { exportUnits } from '../../use-cases/units/export-units.ts';
import { getUnit } from '../../use-cases/units/get-unit.ts';
import { importUnits, registryFormatOf, type RegistryFormat } from '../../use-cases/units/import-units.ts';
import { listUnits } from '../../use-cases/units/list-units.ts';
import { resolveUnitName } from '../../use-cases/units/resolve-unit-name.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { message } from '../../domain/messages/message.ts';
import { cliText } from '../cli-text.ts';

const units: CommandModule = (program: Command) => {
  const group = program.command('units').description(cliText('cli.units.unit_registry_import_export_list'));

  group
    .command('import')
    .description(cliText('cli.units.import_units_from_csv_or'))
    .argument('<file>', 'registry file: columns code,name,kind,parent,aliases,valid_from,valid_to,successors')
    .option('--json', 'machine-readable output')
    .action(async (file: string, _options, command: Command) => {
      const options = optionsOf<{ json?: boolean }>(command);
      const content = await readFile(file);
      const outcome = await withAppContext(options, (ctx) => importUnits(ctx, { content, format: registryFormatOf(file, content) }));
      if (options.json) printJson({ created: outcome.created.length, updated: outcome.updated.length, unchanged: outcome.unchanged.length });
      else console.log(cliText('cli.units.imported', { created: outcome.created.length, updated: outcome.updated.length, unchanged: outcome.unchanged.length }));
    });

  group
    .command('export')
    .description(cliText('cli.units.export_registry_history_included'))
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'xlsx']))
    .option('--out <file>', 'file to write (CSV goes to standard output without it)')
    .action(async (_args, command: Command) => {
      const options = optionsOf<{ format?: RegistryFormat; out?: string }>(command);
      const format = options.format ?? (options.out ? registryFormatOf(options.out) : 'csv');
      if (format === 'xlsx' && !options.out) {
        throw new InputError(message('cli.units.xlsx_needs_out'), [{ field: '--out', message: cliText('cli.units.name_file_to_write') }]);
      }
      const content = await withAppContext(options, (ctx) => exportUnits(ctx, format));
      if (options.out) {
        await writeFile(options.out, content);
        process.stderr.write(cliText('cli.units.wrote', { out: options.out }));
      } else {
        process.stdout.write(content);
      }
    });

  group
    .command('list')
    .description(cliText('cli.units.list_units'))
    .option('--json', 'print [{"code","name","kind","parent"}]')
    .option('--kind <kind>', 'only this kind (city, agency, commune, office, school, clinic, residential_group, other)')
    .option('--parent <code>', 'only the direct children of this unit')
    .option('--q <words>', 'search names and aliases, ignoring case and diacritics')
    .option('--as-of <date>', 'only units valid on this day (YYYY-MM-DD)')
    .action(async (_args, command: Command) => {
      const options = optionsOf<{ json?: boolean; kind?: string; parent?: string; q?: string; asOf?: string }>(command);
      const list = await withAppContext(options, (ctx) => listUnits(ctx, { kind: options.kind, parent: options.parent, q: options.q, asOf: options.asOf }));
      if (options.json) {
        printJson(list);
        return;
      }
      for (const u of list) console.log(`${u.code.padEnd(32)} ${u.kind.padEnd(18)} ${u.name}`);
      process.stderr.write(cliText('cli.units.units', { listCount: list.length }));
    });

  group
    .command('resolve')
    .description(cliText('cli.units.resolve_unit_name_best_match'))
    .argument('<name>', 'the name as written, e.g. "Văn phòng HĐND&UBND phường"')
    .option('--within <code>', 'the unit whose document the name comes from (e.g. HN_P_VINH_TUY)')
    .option('--as-of <date>', 'resolve as the tree stood on this day (YYYY-MM-DD)')
    .option('--json', 'print {"input","collective","matches":[{"code","name","kind","score"}]}')
    .action(async (name: string, _options, command: Command) => {
      const options = optionsOf<{ within?: string; asOf?: string; json?: boolean }>(command);
      const context = { ...(options.within ? { within: options.within } : {}), ...(options.asOf ? { asOf: options.asOf } : {}) };
      const r = await withAppContext(options, (ctx) => resolveUnitName(ctx, name, context));
      if (options.json) {
        printJson({ input: r.input, collective: r.collective, matches: r.matches.map(({ code, name: n, kind, score }) => ({ code, name: n, kind, score })) });
        return;
      }
      if (r.collective) console.log(r.matches.length ? cliText('cli.units.collective_name_units', { count: r.matches.length }) : cliText('cli.units.collective_name_members_unspecified'));
      else if (r.matches.length === 0) console.log(cliText('cli.units.no_match'));
      else if (r.ambiguous) console.log(cliText('cli.units.ambiguous'));
      for (const m of r.matches) console.log(`${m.score.toFixed(3)}  ${m.code.padEnd(32)} ${m.name}`);
    });

  group
    .command('show')
    .description(cliText('cli.units.one_unit_with_history'))
    .argument('<code>', 'unit code')
    .option('--json', 'machine-readable output')
    .action(async (code: string, _options, command: Command) => {
      const options = optionsOf<{ json?: boolean }>(command);
      const u = await withAppContext(options, (ctx) => getUnit(ctx, code));
      if (options.json) {
        printJson(u);
        return;
      }
      console.log(`${u.code} — ${u.name} (${u.kind})`);
      if (u.parentUnit) console.log(cliText('cli.units.parent', { code: u.parentUnit.code, name: u.parentUnit.name }));
      if (u.aliases.length) console.log(cliText('cli.units.aliases', { aliases: u.aliases.join('; ') }));
      if (u.validFrom || u.validTo) console.log(cliText('cli.units.valid', { value: u.validFrom ?? '…', value2: u.validTo ?? '…' }));
      for (const p of u.predecessors) console.log(cliText('cli.units.succeeded', { pCode: p.code, pName: p.name, effectiveOn: p.effectiveOn }));
      for (const s of u.successors) console.log(cliText('cli.units.succeeded_by', { sCode: s.code, sName: s.name, effectiveOn: s.effectiveOn }));
      if (u.children.length) console.log(cliText('cli.units.children', { childrenCount: u.children.length }));
    });
};

export default units;
