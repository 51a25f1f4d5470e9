import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';

// The document renderers (DOCX, XLSX, PDF) are loaded when a report is built: every other command
// registers this module too, and would otherwise pay their start-up (about 0.6 s of CPU) each time.

const report: CommandModule = (program: Command) => {
  const group = program.command('report').description('Tạo văn bản báo cáo / generate report documents');

  group
    .command('build')
    .description('Báo cáo của đơn vị theo kỳ: DOCX (NĐ 30/2020), XLSX phụ lục hoặc PDF / a unit\'s report as a document')
    .requiredOption('--unit <code>', 'mã đơn vị / unit code')
    .requiredOption('--period <code>', 'kỳ: 2026-03, 2026-Q1, 2026-H1, 2026')
    .option('--format <format>', 'docx | xlsx | pdf', 'docx')
    .requiredOption('--out <file>', 'tệp ghi ra / output file')
    .option('--plan <id>', 'kế hoạch (khi đơn vị có nhiều) / plan id', (v) => Number(v))
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
    .description('Báo cáo đánh giá, xếp hạng các đơn vị báo cáo cho một đơn vị / evaluation and ranking report')
    .requiredOption('--unit <code>', 'đơn vị nhận báo cáo (phường, thành phố) / receiving unit')
    .requiredOption('--period <code>', 'kỳ / period')
    .option('--format <format>', 'docx | pdf', 'docx')
    .option('--framework <code>', 'xếp theo điểm của bộ chỉ số / rank by a scoring framework')
    .requiredOption('--out <file>', 'tệp ghi ra / output file')
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
    .description('Số liệu báo cáo lên cấp trên (JSON/CSV, docs/upstream-export.md) / upstream export')
    .requiredOption('--unit <code>', 'mã đơn vị / unit code')
    .requiredOption('--period <code>', 'kỳ / period')
    .option('--format <format>', 'json | csv', 'json')
    .option('--out <file>', 'tệp ghi ra (mặc định: stdout) / output file')
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
