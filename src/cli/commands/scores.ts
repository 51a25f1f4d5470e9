import type { Command } from 'commander';
import { cliLang } from '../../domain/messages/message.ts';
import { explainMessageIn } from '../../domain/scoring/explain-words.ts';
import { frameworkFromFile, SHIPPED_FRAMEWORK_PATH } from '../../domain/scoring/load-framework.ts';
import { computeScores } from '../../use-cases/scores/compute-scores.ts';
import { recordAssessment } from '../../use-cases/scores/record-assessment.ts';
import { refreshScoreSnapshots } from '../../use-cases/scores/refresh-score-snapshots.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { cliActor } from './users.ts';
import { cliText } from '../cli-text.ts';

const scores: CommandModule = (program: Command) => {
  const group = program.command('scores').description(cliText('cli.scores.scoring_and_ranking'));

  group
    .command('compute')
    .description(cliText('cli.scores.score_and_rank_units_on'))
    .option('--framework <file>', cliText('cli.scores.framework_file_default', { SHIPPED_FRAMEWORK_PATH }))
    .requiredOption('--period <period>', cliText('cli.scores.period_e_g'))
    .option('--kind <kind>', cliText('cli.scores.rank_only_kind'))
    .option('--explain', cliText('cli.scores.explain_each_criterion'))
    .option('--store', cliText('cli.scores.store_and_keep_current_in'))
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
            process.stdout.write(`        ${e.criterion.padEnd(6)} ${e.rule.padEnd(9)} ${String(e.input ?? '—').padStart(8)} → ${e.points}/${e.max}  ${explainMessageIn(e.reason, cliLang())}; ${explainMessageIn(e.source, cliLang())}\n`);
          }
        }
      }
    });

  group
    .command('assess')
    .description(cliText('cli.scores.record_self_or_appraised_points'))
    .requiredOption('--framework <code>', cliText('cli.scores.stored_framework_code'))
    .requiredOption('--criterion <id>', cliText('cli.scores.criterion_id'))
    .requiredOption('--unit <code>', cliText('cli.report.unit_code'))
    .requiredOption('--period <period>', cliText('cli.report.period'))
    .requiredOption('--kind <kind>', 'self | appraised')
    .requiredOption('--points <n>', cliText('cli.scores.points'))
    .requiredOption('--evidence <ref>', cliText('cli.scores.evidence'))
    .option('--note <text>', cliText('cli.problems.note'))
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
      else process.stdout.write(cliText('cli.scores.assessment_recorded', { storedId: String(stored.id) }));
    });
};

export default scores;
