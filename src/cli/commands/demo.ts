import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InputError } from '../../domain/errors.ts';
import type { SimCity } from '../../simulator/generate-city.ts';
import { buildDemoCity, DEMO_SEED } from '../../use-cases/demo/build-demo-city.ts';
import { generateDemo } from '../../use-cases/demo/generate-demo.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { demoAccountsText } from '../demo-accounts-text.ts';

export function seedOption(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new InputError(`"${raw}" không phải hạt giống hợp lệ / invalid seed`, [{ field: 'seed', message: 'cần số nguyên ≥ 0 / a non-negative integer' }]);
  return n;
}

export function unitsOption(raw: string): 'hanoi' | 'national' {
  if (raw !== 'hanoi' && raw !== 'national') throw new InputError(`"${raw}" không hợp lệ / invalid units`, [{ field: 'units', message: 'hanoi | national' }]);
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
  const group = program.command('demo').description('Dữ liệu mô phỏng / simulated demo data');
  group
    .command('generate')
    .description('Sinh thành phố mô phỏng: đơn vị, chỉ số, chỉ tiêu, chuỗi số liệu tháng và kết quả thực tế / generate a simulated city with ground truth')
    .option('--seed <n>', 'hạt giống (cùng hạt giống, cùng dữ liệu) / seed', seedOption, DEMO_SEED)
    .option('--units <set>', 'hanoi | national', unitsOption, 'hanoi')
    .option('--cutoff <date>', 'bỏ các báo cáo đến sau ngày này (với --load: mặc định hôm nay) / drop reports arriving after this ISO date (with --load: today by default)')
    .option('--load', 'nạp thành phố mô phỏng đầy đủ như `serve --demo` (kế hoạch, nghĩa vụ báo cáo, tài khoản dùng thử) / build the full demo city, as `serve --demo` does')
    .option('--force', 'với --load: nạp cả vào cơ sở dữ liệu đã có dữ liệu riêng / with --load: load even into a database with its own data')
    .option('--out <file>', 'ghi toàn bộ (kể cả chuỗi số liệu) ra tệp JSON / write everything, series included, to a JSON file')
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
          `Đã lưu: ${loaded.units} đơn vị, ${loaded.indicators} chỉ số, ${loaded.targets} chỉ tiêu, ${loaded.observations} số liệu, ${loaded.obligations} nghĩa vụ báo cáo mới; ${loaded.alerts} cảnh báo đang mở / stored.`,
        );
        if (built.accounts.length) process.stdout.write(demoAccountsText(built.accounts, '`theodoi serve`, /login'));
      });
    });
};

function printSummary(summary: ReturnType<typeof summaryOf>): void {
  console.log(`Hạt giống ${summary.seed}: ${summary.units} đơn vị, ${summary.targets} chỉ tiêu, ${summary.observations} số liệu tháng (${summary.from} → ${summary.until}).`);
  console.log(`Thực tế đến hạn: ${summary.missed}/${summary.targets} chỉ tiêu không đạt / ground truth: ${summary.missed} targets end up missed.`);
}

export default demo;
