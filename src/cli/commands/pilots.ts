import os from 'node:os';
import type { Command } from 'commander';
import { InputError } from '../../domain/errors.ts';
import { parsePeriod, periodLabel } from '../../domain/periods/period.ts';
import type { DidEstimate } from '../../domain/pilots/difference-in-differences.ts';
import type { Pilot } from '../../domain/pilots/pilot.ts';
import { createPilot } from '../../use-cases/pilots/create-pilot.ts';
import { estimatePilotEffect, type PilotEffect } from '../../use-cases/pilots/estimate-pilot-effect.ts';
import { getPilot } from '../../use-cases/pilots/get-pilot.ts';
import { listReadablePilots } from '../../use-cases/pilots/list-pilots.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { message } from '../../domain/messages/message.ts';
import { cliText } from '../cli-text.ts';

const list = (text: string | undefined) => (text ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');

const pilots: CommandModule = (program: Command) => {
  const group = program.command('pilots').description(cliText('cli.pilots.pilots_with_comparison'));
  group
    .command('create')
    .description(cliText('cli.pilots.create_pilot'))
    .requiredOption('--code <code>', cliText('cli.pilots.pilot_code'))
    .requiredOption('--title <title>', cliText('cli.pilots.title'))
    .requiredOption('--indicators <codes>', cliText('cli.pilots.indicator_codes_comma_separated'))
    .requiredOption('--treated <units>', cliText('cli.pilots.treated_unit_codes_comma_separated'))
    .requiredOption('--comparison <units>', cliText('cli.pilots.comparison_unit_codes_comma_separated'))
    .requiredOption('--start <month>', cliText('cli.pilots.first_month'))
    .option('--end <month>', cliText('cli.pilots.last_month'))
    .option('--state <state>', 'planned | running | finished')
    .option('--problem <code>', cliText('cli.pilots.problem_code'))
    .option('--json', 'machine-readable output')
    .action(async (_opts, command: Command) => {
      const o = optionsOf<{ code: string; title: string; indicators: string; treated: string; comparison: string; start: string; end?: string; state?: string; problem?: string; json?: boolean }>(command);
      await withAppContext(o, async (ctx) => {
        const pilot = await createPilot(ctx, {
          code: o.code, title: o.title, indicators: list(o.indicators), treatedUnits: list(o.treated), comparisonUnits: list(o.comparison),
          start: o.start, end: o.end ?? null, state: o.state, problemCode: o.problem ?? null,
        }, { actor: cliActor() });
        if (o.json) printJson(pilot);
        else console.log(cliText('cli.pilots.created_pilot', { pilotCode: pilot.code }));
      });
    });
  group
    .command('list')
    .description(cliText('cli.pilots.list_pilots'))
    .option('--state <state>', 'planned | running | finished')
    .option('--json', 'machine-readable output')
    .action(async (_opts, command: Command) => {
      const o = optionsOf<{ state?: string; json?: boolean }>(command);
      await withAppContext(o, async (ctx) => {
        const rows = await listReadablePilots(ctx, { state: o.state ?? null });
        if (o.json) printJson(rows.map(({ classifiedIndicators: _c, ...p }) => p));
        else for (const p of rows) console.log(describePilot(p));
      });
    });
  group
    .command('show')
    .description(cliText('cli.pilots.show_pilot'))
    .argument('<code>', cliText('cli.pilots.pilot_code'))
    .option('--json', 'machine-readable output')
    .action(async (code: string, _opts, command: Command) => {
      const o = optionsOf<{ json?: boolean }>(command);
      await withAppContext(o, async (ctx) => {
        const { classifiedIndicators: _c, ...pilot } = await getPilot(ctx, code);
        if (o.json) printJson(pilot);
        else {
          console.log(describePilot(pilot));
          console.log(`  Chỉ số: ${pilot.indicators.join(', ')}`);
          console.log(`  Nhóm thí điểm: ${pilot.treatedUnits.join(', ')}`);
          console.log(`  Nhóm đối chứng: ${pilot.comparisonUnits.join(', ')}`);
        }
      });
    });
  group
    .command('effect')
    .description(cliText('cli.pilots.pilot_s_effect_by_difference'))
    .argument('<code>', cliText('cli.pilots.pilot_code'))
    .option('--confidence <level>', cliText('cli.pilots.confidence_level'), '0.9')
    .option('--en', 'in English')
    .option('--json', 'machine-readable output')
    .action(async (code: string, _opts, command: Command) => {
      const o = optionsOf<{ confidence: string; en?: boolean; json?: boolean }>(command);
      const confidence = Number(o.confidence);
      if (!Number.isFinite(confidence)) throw new InputError(message('pilot.invalid_confidence'), [{ field: 'confidence', message: o.confidence }]);
      await withAppContext(o, async (ctx) => {
        const effect = await estimatePilotEffect(ctx, code, { confidence });
        if (o.json) printJson(effect);
        else console.log(describeEffect(effect, o.en ? 'en' : 'vi'));
      });
    });
};

const STATE_VI: Record<Pilot['state'], string> = { planned: 'dự kiến', running: 'đang chạy', finished: 'đã kết thúc' };

function describePilot(p: Pilot): string {
  const start = periodLabel(parsePeriod(p.start)!);
  const end = p.end ? ` – ${periodLabel(parsePeriod(p.end)!)}` : '';
  return `${p.code}  ${p.title}  (${start}${end}; ${STATE_VI[p.state]}; ${p.treatedUnits.length} đơn vị thí điểm, ${p.comparisonUnits.length} đơn vị đối chứng)`;
}

/** A number as the language writes it: "4,75" in Vietnamese, "4.75" in English; two decimals. */
function num(x: number | null, lang: 'vi' | 'en', signed = false): string {
  if (x === null) return '—';
  const text = `${signed && x > 0 ? '+' : ''}${x.toFixed(2)}`;
  return lang === 'vi' ? text.replace('.', ',') : text;
}

/** The effect in words: per indicator the estimate, its interval, whether the data suffice, and warnings. */
export function describeEffect(effect: PilotEffect, lang: 'vi' | 'en'): string {
  const vi = lang === 'vi';
  const lines = [vi ? `Thí điểm ${effect.pilot.code} — ${effect.pilot.title} (bắt đầu ${periodLabel(parsePeriod(effect.pilot.start)!)})` : `Pilot ${effect.pilot.code} — ${effect.pilot.title} (from ${periodLabel(parsePeriod(effect.pilot.start)!, 'en')})`];
  for (const { indicator, estimate } of effect.indicators) {
    lines.push(`${vi ? 'Chỉ số' : 'Indicator'} ${indicator.code} (${indicator.name}, ${indicator.measure}):`);
    lines.push(...describeEstimate(estimate, indicator.measure, lang).map((l) => `  ${l}`));
  }
  if (effect.hiddenIndicators) lines.push(vi ? `(${effect.hiddenIndicators} chỉ số mật không hiển thị)` : `(${effect.hiddenIndicators} classified indicators not shown)`);
  return lines.join('\n');
}

function describeEstimate(e: DidEstimate, measure: string, lang: 'vi' | 'en'): string[] {
  const vi = lang === 'vi';
  const out: string[] = [];
  if (e.effect !== null) {
    const interval = e.interval
      ? vi ? ` (khoảng tin cậy ${Math.round(e.interval.level * 100)} %: ${num(e.interval.low, lang)} đến ${num(e.interval.high, lang)})` : ` (${Math.round(e.interval.level * 100)} % interval: ${num(e.interval.low, lang)} to ${num(e.interval.high, lang)})`
      : '';
    out.push(`${vi ? 'Hiệu quả ước lượng' : 'Estimated effect'}: ${num(e.effect, lang, true)} ${measure}${interval}`);
    const group = (name: string, g: DidEstimate['treated']) => `${name}: ${num(g.preMean, lang)} → ${num(g.postMean, lang)} (${g.units} ${vi ? 'đơn vị' : 'units'})`;
    out.push(`${group(vi ? 'Nhóm thí điểm' : 'Treated', e.treated)}; ${group(vi ? 'nhóm đối chứng' : 'comparison', e.comparison)}`);
  }
  out.push(e.sufficient ? (vi ? 'Đủ số liệu: có' : 'Enough data: yes') : `${vi ? 'Chưa đủ số liệu' : 'Not enough data'}: ${vi ? e.reason!.vi : e.reason!.en}`);
  for (const w of e.warnings) out.push(`${vi ? 'Cảnh báo' : 'Warning'}: ${vi ? w.vi : w.en}`);
  return out;
}

function cliActor(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

export default pilots;
