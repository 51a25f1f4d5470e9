import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { cliText } from '../cli-text.ts';

// The document renderers (DOCX, XLSX, PDF) are loaded when a report is built: every other command
// registers this module too, and would otherwise pay their start-up (about 0.6 s of CPU) each time.

const report: CommandModule = (program: Command) => {
  const group = program.command('report').description(cliText('cli.report.generate_report_documents'));

  group
    .command('build')
    .description(cliText('cli.report.unit_s_report_as_document'))
    .requiredOption('--unit <code>', cliText('cli.report.unit_code'))
    .requiredOption('--period <code>', 'kỳ: 2026-03, 2026-Q1, 2026-H1, 2026')
    .option('--format <format>', 'docx | xlsx | pdf', 'docx')
    .requiredOption('--out <file>', cliText('cli.problems.output_file'))
    .option('--plan <id>', cliText('cli.report.plan_id'), (v) => Number(v))
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ unit: string; period: string; format: string; out: string; plan?: number; json?: boolean }>(command);
      const { buildReportDocument } = await import('../../use-cases/reports/build-report-document.ts');
      await withAppContext(o, async (ctx) => {
        const doc = await buildReportDocument(ctx, { unit: o.unit, period: o.period, format: o.format, ...(o.plan !== undefined ? { planId: o.plan } : {}) });
        await writeFile(o.out, doc.bytes);
        const summary = { file: o.out, bytes: doc.bytes.length, state: doc.submission?.state ?? 'none', targets: doc.content.targets.length, tasks: doc.content.tasks.length, units: doc.content.children.length };
        if (o.json) printJson(summary);
        else console.log(`Đã ghi ${o.out} (${summary.bytes} byte; ${summary.targets} chỉ tiêu, ${summary.tasks} nhiệm vụ${summary.units ? `, ${summary.units} đơn vị` : ''}; trạng thái ${summary.state})`);
      });
    });

  group
    .command('ranking')
    .description(cliText('cli.report.evaluation_and_ranking_report'))
    .requiredOption('--unit <code>', cliText('cli.report.receiving_unit'))
    .requiredOption('--period <code>', cliText('cli.report.period'))
    .option('--format <format>', 'docx | pdf', 'docx')
    .option('--framework <code>', cliText('cli.report.rank_by_scoring_framework'))
    .requiredOption('--out <file>', cliText('cli.problems.output_file'))
    .option('--json', 'machine-readable output')
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ unit: string; period: string; format: string; framework?: string; out: string; json?: boolean }>(command);
      const { buildRankingReport } = await import('../../use-cases/reports/build-ranking-report.ts');
      await withAppContext(o, async (ctx) => {
        const doc = await buildRankingReport(ctx, { recipient: o.unit, period: o.period, format: o.format, ...(o.framework ? { framework: o.framework } : {}) });
        await writeFile(o.out, doc.bytes);
        if (o.json) printJson({ file: o.out, ranking: doc.rows });
        else for (const r of doc.rows) console.log(`${String(r.rank).padStart(3)}  ${r.unit.code}  ${r.unit.name}`);
      });
    });

  group
    .command('upstream')
    .description(cliText('cli.report.upstream_export'))
    .requiredOption('--unit <code>', cliText('cli.report.unit_code'))
    .requiredOption('--period <code>', cliText('cli.report.period'))
    .option('--format <format>', 'json | csv', 'json')
    .option('--out <file>', cliText('cli.report.output_file'))
    .action(async (_args, command: Command) => {
      const o = optionsOf<{ unit: string; period: string; format: string; out?: string }>(command);
      const { exportUpstream } = await import('../../use-cases/reports/export-upstream.ts');
      await withAppContext(o, async (ctx) => {
        const data = await exportUpstream(ctx, o.unit, o.period, o.format);
        const text = typeof data === 'string' ? data : `${JSON.stringify(data, null, 2)}\n`;
        if (o.out) await writeFile(o.out, text);
        else process.stdout.write(text);
      });
    });
};

export default report;
