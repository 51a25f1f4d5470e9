import type { Command } from 'commander';
import { frameworkFromFile, SHIPPED_FRAMEWORK_PATH } from '../../domain/scoring/load-framework.ts';
import { computeScores } from '../../use-cases/scores/compute-scores.ts';
import { recordAssessment } from '../../use-cases/scores/record-assessment.ts';
import { refreshScoreSnapshots } from '../../use-cases/scores/refresh-score-snapshots.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { cliActor } from './users.ts';

const scores: CommandModule = (program: Command) => {
  const group = program.command('scores').description('Chấm điểm, xếp hạng chuyển đổi số / scoring and ranking');

  group
    .command('compute')
    .description('Chấm điểm và xếp hạng theo một bộ chỉ số (YAML/JSON) / score and rank units on a framework')
    .option('--framework <file>', `tệp bộ chỉ số / framework file (default: ${SHIPPED_FRAMEWORK_PATH})`)
    .requiredOption('--period <period>', 'kỳ chấm điểm, vd. 2026 / period, e.g. 2026')
    .option('--kind <kind>', 'chỉ xếp hạng loại đơn vị này (commune | agency) / rank only this kind')
    .option('--explain', 'giải thích từng tiêu chí / explain each criterion')
    .option('--store', 'lưu bộ chỉ số và kết quả, cập nhật theo thời gian thực / store and keep current in real time')
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ framework?: string; period: string; kind?: string; explain?: boolean; store?: boolean; json?: boolean }>(command);
      const framework = frameworkFromFile(o.framework ?? SHIPPED_FRAMEWORK_PATH);
      const computed = await withAppContext(o, (ctx) =>
        o.store ? refreshScoreSnapshots(ctx, framework, o.period, o.kind ?? null) : computeScores(ctx, { framework, period: o.period, kind: o.kind ?? null }),
      );
      const ranking = computed.ranking.map((r) => ({
        unit: r.unit, score: r.score, max: r.max, rank: r.rank, groups: r.groups,
        ...(o.explain ? { kind: r.kind, selfScore: r.selfScore, explain: r.explain } : {}),
      }));
      if (o.json) return printJson({ ranking });
      process.stdout.write(`${framework.name} (${framework.code} v${framework.version}) — ${computed.period}\n`);
      for (const r of computed.ranking) {
        process.stdout.write(`${String(r.rank).padStart(4)}  ${r.unit.padEnd(24)} ${r.kind.padEnd(8)} ${r.score.toFixed(2).padStart(8)} / ${r.max}\n`);
        if (o.explain) {
          for (const e of r.explain.filter((x) => x.applicable)) {
            process.stdout.write(`        ${e.criterion.padEnd(6)} ${e.rule.padEnd(9)} ${String(e.input ?? '—').padStart(8)} → ${e.points}/${e.max}  ${e.reason}; ${e.source}\n`);
          }
        }
      }
    });

  group
    .command('assess')
    .description('Ghi điểm tự đánh giá hoặc thẩm định kèm minh chứng / record self or appraised points with evidence')
    .requiredOption('--framework <code>', 'mã bộ chỉ số đã lưu / stored framework code')
    .requiredOption('--criterion <id>', 'mã tiêu chí / criterion id')
    .requiredOption('--unit <code>', 'mã đơn vị / unit code')
    .requiredOption('--period <period>', 'kỳ / period')
    .requiredOption('--kind <kind>', 'self | appraised')
    .requiredOption('--points <n>', 'điểm / points')
    .requiredOption('--evidence <ref>', 'minh chứng (đường dẫn, số văn bản) / evidence')
    .option('--note <text>', 'ghi chú / note')
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ framework: string; criterion: string; unit: string; period: string; kind: string; points: string; evidence: string; note?: string; json?: boolean }>(command);
      const stored = await withAppContext(o, (ctx) =>
        recordAssessment(ctx, cliActor(), {
          framework: o.framework, criterion: o.criterion, unit: o.unit, period: o.period, kind: o.kind as 'self' | 'appraised',
          points: Number(o.points), evidence: o.evidence, note: o.note ?? null,
        }),
      );
      if (o.json) printJson(stored);
      else process.stdout.write(`Đã ghi điểm #${stored.id} / assessment recorded\n`);
    });
};

export default scores;
