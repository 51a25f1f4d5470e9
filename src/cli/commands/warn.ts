import { InputError } from '../../domain/errors.ts';
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
    throw new InputError(`"${raw}" không hợp lệ / invalid --seeds`, [{ field: 'seeds', message: 'vd. 101-110 hoặc 101,102 / e.g. 101-110 or 101,102' }]);
  }
  return seeds;
}

function casesOption(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 10 || n > 5000) throw new InputError(`"${raw}" không hợp lệ / invalid --cases`, [{ field: 'cases', message: 'số nguyên 10–5000 / an integer 10–5000' }]);
  return n;
}

const warn: CommandModule = (program: Command) => {
  const group = program.command('warn').description('Cảnh báo sớm / early warning');
  group
    .command('backtest')
    .description('Chạy cảnh báo sớm trên dữ liệu mô phỏng mới tại nhiều mốc cắt / backtest the early warning on fresh simulated data')
    .option('--seed <n>', 'hạt giống / seed', seedOption, 1)
    .option('--units <set>', 'hanoi | national', unitsOption, 'hanoi')
    .option('--cases <n>', 'số chỉ tiêu mỗi họ chuỗi / targets per series family', casesOption, 200)
    .option('--json', 'machine-readable output')
    .action((_opts, command: Command) => {
      const options = optionsOf<{ seed: number; units: 'hanoi' | 'national'; cases: number; json?: boolean }>(command);
      const result = runDemoBacktest({ seed: options.seed, units: options.units, casesPerFamily: options.cases });
      if (options.json) printJson(result);
      else {
        const line = (name: string, r: typeof result) =>
          `${name.padEnd(12)} recall ${r.recall.toFixed(3)}  precision ${r.precision.toFixed(3)}  lead ${String(r.medianLeadDays).padStart(3)} ngày/days  Brier ${r.brier.toFixed(3)}  ECE ${r.calibrationError.toFixed(3)}  (${r.targets} chỉ tiêu/targets, ${r.missed} không đạt/missed)`;
        console.log(line('simulator', result));
        for (const [family, r] of Object.entries(result.families)) console.log(line(family, { ...result, ...r }));
      }
    });
  group
    .command('calibrate')
    .description('Khớp bảng hiệu chỉnh xác suất không đạt trên các hạt giống riêng / fit the pMiss calibration on held-out generator seeds')
    .option('--seeds <list>', 'hạt giống, vd. 101-110 / seeds, e.g. 101-110', seedsOption, seedsOption('101-110'))
    .option('--cases <n>', 'số chỉ tiêu mỗi họ chuỗi / targets per series family', casesOption, 200)
    .option('--out <file>', 'ghi mô-đun bảng (src/domain/forecasting/pmiss-calibration-table.ts) / write the table module')
    .option('--json', 'machine-readable output')
    .action((_opts, command: Command) => {
      const options = optionsOf<{ seeds: number[]; cases: number; out?: string; json?: boolean }>(command);
      const table = fitCalibration({ seeds: options.seeds, casesPerFamily: options.cases });
      if (options.out) writeFileSync(options.out, calibrationTableModule(table));
      if (options.json) printJson(table);
      else console.log(`${table.fittedBy}: ${Object.keys(table.curves).length} đường / curves${options.out ? ` → ${options.out}` : ''}`);
    });
  group
    .command('run')
    .description('Chạy các quy tắc cảnh báo và cập nhật danh sách cảnh báo / run the alert rules and update the alerts')
    .option('--as-of <date>', 'ngày (mặc định hôm nay) / date')
    .option('--json', 'machine-readable output')
    .action(async (_opts, command: Command) => {
      const options = optionsOf<{ asOf?: string; json?: boolean }>(command);
      await withAppContext(options, async (ctx) => {
        const summary = await refreshAlerts(ctx, { asOf: options.asOf });
        if (options.json) printJson(summary);
        else console.log(`Mở mới ${summary.raised}, cập nhật ${summary.refreshed}, đóng ${summary.resolved}; đang mở ${summary.open} / raised, refreshed, resolved, open`);
      });
    });
  group
    .command('list')
    .description('Danh sách cảnh báo / list alerts')
    .option('--unit <code>', 'đơn vị và cấp dưới / unit and below')
    .option('--all', 'cả cảnh báo đã đóng / include resolved')
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
