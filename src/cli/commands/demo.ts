import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InputError } from '../../domain/errors.ts';
import { generateDemo } from '../../use-cases/demo/generate-demo.ts';
import { loadDemo } from '../../use-cases/demo/load-demo.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';

export function seedOption(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new InputError(`"${raw}" không phải hạt giống hợp lệ / invalid seed`, [{ field: 'seed', message: 'cần số nguyên ≥ 0 / a non-negative integer' }]);
  return n;
}

export function unitsOption(raw: string): 'hanoi' | 'national' {
  if (raw !== 'hanoi' && raw !== 'national') throw new InputError(`"${raw}" không hợp lệ / invalid units`, [{ field: 'units', message: 'hanoi | national' }]);
  return raw;
}

const demo: CommandModule = (program: Command) => {
  const group = program.command('demo').description('Dữ liệu mô phỏng / simulated demo data');
  group
    .command('generate')
    .description('Sinh thành phố mô phỏng: đơn vị, chỉ số, chỉ tiêu, chuỗi số liệu tháng và kết quả thực tế / generate a simulated city with ground truth')
    .option('--seed <n>', 'hạt giống (cùng hạt giống, cùng dữ liệu) / seed', seedOption, 1)
    .option('--units <set>', 'hanoi | national', unitsOption, 'hanoi')
    .option('--cutoff <date>', 'bỏ các báo cáo đến sau ngày này / drop reports arriving after this ISO date')
    .option('--load', 'lưu vào cơ sở dữ liệu (--data-dir) / store into the database')
    .option('--out <file>', 'ghi toàn bộ (kể cả chuỗi số liệu) ra tệp JSON / write everything, series included, to a JSON file')
    .option('--json', 'machine-readable output')
    .action(async (_opts, command: Command) => {
      const options = optionsOf<{ seed: number; units: 'hanoi' | 'national'; cutoff?: string; load?: boolean; out?: string; json?: boolean }>(command);
      const run = async (ctx: Parameters<typeof generateDemo>[0]) => {
        const city = await generateDemo(ctx, { seed: options.seed, units: options.units, ...(options.cutoff ? { cutoff: options.cutoff } : {}) });
        const loaded = ctx && options.load ? await loadDemo(ctx, city) : null;
        if (options.out) await writeFile(options.out, JSON.stringify(city));
        const targetOf = new Map(city.targets.map((t) => [t.code, t]));
        const summary = {
          seed: city.seed,
          from: city.from,
          until: city.until,
          units: city.units.length,
          indicators: city.indicators.map((i) => i.code),
          targets: city.targets.length,
          observations: city.observations.length,
          missed: city.truth.filter((t) => t.missed).length,
          loaded,
          truth: city.truth.map((t) => ({ ...t, unit: targetOf.get(t.target)?.unit, due: targetOf.get(t.target)?.due })),
        };
        if (options.json) printJson(summary);
        else {
          console.log(`Hạt giống ${summary.seed}: ${summary.units} đơn vị, ${summary.targets} chỉ tiêu, ${summary.observations} số liệu tháng (${summary.from} → ${summary.until}).`);
          console.log(`Thực tế đến hạn: ${summary.missed}/${summary.targets} chỉ tiêu không đạt / ground truth: ${summary.missed} targets end up missed.`);
          if (loaded) console.log(`Đã lưu: ${loaded.targets} chỉ tiêu, ${loaded.observations} số liệu / stored.`);
        }
      };
      if (options.load) await withAppContext(options, run);
      else await run(null);
    });
};

export default demo;
