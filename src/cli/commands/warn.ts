import type { Command } from 'commander';
import { listAlerts } from '../../use-cases/alerts/list-alerts.ts';
import { refreshAlerts } from '../../use-cases/alerts/refresh-alerts.ts';
import { runDemoBacktest } from '../../use-cases/demo/run-backtest.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { seedOption, unitsOption } from './demo.ts';

const warn: CommandModule = (program: Command) => {
  const group = program.command('warn').description('Cảnh báo sớm / early warning');
  group
    .command('backtest')
    .description('Chạy cảnh báo sớm trên dữ liệu mô phỏng mới tại nhiều mốc cắt / backtest the early warning on fresh simulated data')
    .option('--seed <n>', 'hạt giống / seed', seedOption, 1)
    .option('--units <set>', 'hanoi | national', unitsOption, 'hanoi')
    .option('--json', 'machine-readable output')
    .action((_opts, command: Command) => {
      const options = optionsOf<{ seed: number; units: 'hanoi' | 'national'; json?: boolean }>(command);
      const result = runDemoBacktest({ seed: options.seed, units: options.units });
      if (options.json) printJson(result);
      else {
        console.log(`Recall ${result.recall.toFixed(3)}, precision ${result.precision.toFixed(3)}, median lead ${result.medianLeadDays} days`);
        console.log(`${result.targets} chỉ tiêu, ${result.missed} không đạt, ${result.warned} được cảnh báo, ${result.truePositives} cảnh báo đúng; ${result.cutoffs.length} mốc cắt.`);
      }
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
