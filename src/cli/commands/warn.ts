import { InputError, problem } from '../../domain/errors.ts';
import type { Command } from 'commander';
import { listAlerts } from '../../use-cases/alerts/list-alerts.ts';
import { refreshAlerts } from '../../use-cases/alerts/refresh-alerts.ts';
import { runDemoBacktest } from '../../use-cases/demo/run-backtest.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { seedOption, unitsOption } from './demo.ts';
import { writeFileSync } from 'node:fs';
import { fitCalibration } from '../../simulator/fit-calibration.ts';
import { calibrationTableModule } from '../../simulator/calibration-module.ts';

/** "101-110" or "101,102,105" → the seeds. */
function seedsOption(raw: string): number[] {
  const seeds = raw.split(',').flatMap((part) => {
    const range = /^(\d+)-(\d+)$/.exec(part.trim());
    if (range) return Array.from({ length: Math.max(0, Number(range[2]) - Number(range[1]) + 1) }, (_, i) => Number(range[1]) + i);
    return [Number(part.trim())];
  });
  if (seeds.length === 0 || seeds.length > 100 || seeds.some((s) => !Number.isInteger(s) || s < 0)) {
    throw new InputError(message('cli.warn.invalid_seeds', { value: raw }), [problem({ field: 'seeds' }, message('cli.warn.seeds_example'))]);
  }
  return seeds;
}
import { message } from '../../domain/messages/message.ts';
import { cliText } from '../cli-text.ts';

function casesOption(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 10 || n > 5000) throw new InputError(message('cli.warn.invalid_cases', { raw }), [{ field: 'cases', message: cliText('cli.warn.integer') }]);
  return n;
}

const warn: CommandModule = (program: Command) => {
  const group = program.command('warn').description(cliText('cli.warn.early_warning'));
  group
    .command('backtest')
    .description(cliText('cli.warn.backtest_early_warning_on_fresh'))
    .option('--seed <n>', cliText('cli.warn.seed'), seedOption, 1)
    .option('--units <set>', 'hanoi | national', unitsOption, 'hanoi')
    .option('--cases <n>', cliText('cli.warn.targets_per_series_family'), casesOption, 200)
    .option('--json', 'machine-readable output')
    .action((_opts, command: Command) => {
      const options = optionsOf<{ seed: number; units: 'hanoi' | 'national'; cases: number; json?: boolean }>(command);
      const result = runDemoBacktest({ seed: options.seed, units: options.units, casesPerFamily: options.cases });
      if (options.json) printJson(result);
      else {
        const line = (name: string, r: typeof result) =>
          `${name.padEnd(12)} recall ${r.recall.toFixed(3)}  precision ${r.precision.toFixed(3)}  lead ${String(r.medianLeadDays).padStart(3)} ngày/days  Brier ${r.brier.toFixed(3)}  ECE ${r.calibrationError.toFixed(3)} [${r.calibrationErrorInterval.map((v) => v.toFixed(3)).join('–')}]  (${r.targets} chỉ tiêu/targets, ${r.missed} không đạt/missed)`;
        console.log(line('simulator', result));
        for (const [family, r] of Object.entries(result.families)) console.log(line(family, { ...result, ...r }));
      }
    });
  group
    .command('calibrate')
    .description(cliText('cli.warn.fit_the_pmiss_calibration_on_held'))
    .option('--seeds <list>', cliText('cli.warn.seeds_option'), seedsOption, seedsOption('101-110'))
    .option('--cases <n>', cliText('cli.warn.cases_option'), casesOption, 200)
    .option('--out <file>', cliText('cli.warn.write_the_table_module'))
    .option('--json', 'machine-readable output')
    .action((_opts, command: Command) => {
      const options = optionsOf<{ seeds: number[]; cases: number; out?: string; json?: boolean }>(command);
      const table = fitCalibration({ seeds: options.seeds, casesPerFamily: options.cases });
      if (options.out) writeFileSync(options.out, calibrationTableModule(table));
      if (options.json) printJson(table);
      else console.log(`${cliText('cli.warn.curves_fitted', { by: table.fittedBy, count: Object.keys(table.curves).length })}${options.out ? ` → ${options.out}` : ''}`);
    });
  group
    .command('run')
    .description(cliText('cli.warn.run_alert_rules_and_update'))
    .option('--as-of <date>', cliText('cli.warn.date'))
    .option('--json', 'machine-readable output')
    .action(async (_opts, command: Command) => {
      const options = optionsOf<{ asOf?: string; json?: boolean }>(command);
      await withAppContext(options, async (ctx) => {
        const summary = await refreshAlerts(ctx, { asOf: options.asOf });
        if (options.json) printJson(summary);
        else console.log(cliText('cli.warn.raised_refreshed_resolved_open', { raised: summary.raised, refreshed: summary.refreshed, resolved: summary.resolved, open: summary.open }));
      });
    });
  group
    .command('list')
    .description(cliText('cli.warn.list_alerts'))
    .option('--unit <code>', cliText('cli.warn.unit_and_below'))
    .option('--all', cliText('cli.warn.include_resolved'))
    .option('--json', 'machine-readable output')
    .action(async (_opts, command: Command) => {
      const options = optionsOf<{ unit?: string; all?: boolean; json?: boolean }>(command);
      await withAppContext(options, async (ctx) => {
        const alerts = await listAlerts(ctx, { unit: options.unit, ...(options.all ? {} : { open: true }) });
        if (options.json) printJson({ alerts });
        else for (const a of alerts) console.log(`[${a.severity}] ${a.kind}\t${a.target ?? a.task ?? a.indicator ?? ''}\t${a.unit ?? ''}\ttừ ${a.since}\t${a.reason}`);
      });
    });
};

export default warn;
