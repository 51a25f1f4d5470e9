import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InputError } from '../../domain/errors.ts';
import type { SimCity } from '../../simulator/generate-city.ts';
import { buildDemoCity, DEMO_SEED } from '../../use-cases/demo/build-demo-city.ts';
import { generateDemo } from '../../use-cases/demo/generate-demo.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { demoAccountsText } from '../demo-accounts-text.ts';
import { message } from '../../domain/messages/message.ts';
import { cliText } from '../cli-text.ts';

export function seedOption(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new InputError(message('cli.demo.invalid_seed', { raw }), [{ field: 'seed', message: cliText('cli.demo.non_negative_integer') }]);
  return n;
}

export function unitsOption(raw: string): 'hanoi' | 'national' {
  if (raw !== 'hanoi' && raw !== 'national') throw new InputError(message('cli.demo.invalid_units', { raw }), [{ field: 'units', message: 'hanoi | national' }]);
  return raw;
}

interface GenerateOptions {
  seed: number;
  units: 'hanoi' | 'national';
  cutoff?: string;
  load?: boolean;
  force?: boolean;
  out?: string;
  json?: boolean;
}

/** The city in numbers, with each target's truth (where and when it is due). */
function summaryOf(city: SimCity) {
  const targetOf = new Map(city.targets.map((t) => [t.code, t]));
  return {
    seed: city.seed,
    from: city.from,
    until: city.until,
    units: city.units.length,
    indicators: city.indicators.map((i) => i.code),
    targets: city.targets.length,
    observations: city.observations.length,
    missed: city.truth.filter((t) => t.missed).length,
    truth: city.truth.map((t) => ({ ...t, unit: targetOf.get(t.target)?.unit, due: targetOf.get(t.target)?.due })),
  };
}

const demo: CommandModule = (program: Command) => {
  const group = program.command('demo').description(cliText('cli.demo.simulated_demo_data'));
  group
    .command('generate')
    .description(cliText('cli.demo.generate_simulated_city_with_ground'))
    .option('--seed <n>', cliText('cli.demo.seed'), seedOption, DEMO_SEED)
    .option('--units <set>', 'hanoi | national', unitsOption, 'hanoi')
    .option('--cutoff <date>', cliText('cli.demo.drop_reports_arriving_after_iso'))
    .option('--load', cliText('cli.demo.build_full_demo_city_as'))
    .option('--force', cliText('cli.demo.with_load_load_even_into'))
    .option('--out <file>', cliText('cli.demo.write_everything_series_included_to'))
    .option('--json', 'machine-readable output')
    .action(async (_opts, command: Command) => {
      const options = optionsOf<GenerateOptions>(command);
      const wanted = { seed: options.seed, units: options.units, ...(options.cutoff ? { cutoff: options.cutoff } : {}) };
      if (!options.load) {
        // Pure generation: nothing is stored, no database is opened.
        const city = await generateDemo(null, wanted);
        if (options.out) await writeFile(options.out, JSON.stringify(city));
        const summary = { ...summaryOf(city), loaded: null };
        if (options.json) printJson(summary);
        else printSummary(summary);
        return;
      }
      await withAppContext(options, async (ctx) => {
        const built = await buildDemoCity(ctx, { ...wanted, intoOwnData: options.force === true });
        if (options.out) await writeFile(options.out, JSON.stringify(built.city));
        const loaded = { ...built.loaded, planCreated: built.planCreated, obligations: built.obligations, alerts: built.alerts.open };
        const summary = { ...summaryOf(built.city), found: built.found, loaded, accounts: built.accounts };
        if (options.json) return printJson(summary);
        printSummary(summary);
        console.log(
          cliText('cli.demo.stored', { units: loaded.units, indicators: loaded.indicators, targets: loaded.targets, observations: loaded.observations, obligations: loaded.obligations, alerts: loaded.alerts }),
        );
        if (built.accounts.length) process.stdout.write(demoAccountsText(built.accounts, '`theodoi serve`, /login'));
      });
    });
};

function printSummary(summary: ReturnType<typeof summaryOf>): void {
  console.log(`Hạt giống ${summary.seed}: ${summary.units} đơn vị, ${summary.targets} chỉ tiêu, ${summary.observations} số liệu tháng (${summary.from} → ${summary.until}).`);
  console.log(cliText('cli.demo.ground_truth_targets_end_up', { missed: summary.missed, targets: summary.targets }));
}

export default demo;
