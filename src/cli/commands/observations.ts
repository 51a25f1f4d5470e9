import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { observationRowsFromTable, requireColumns } from '../../domain/observations/tabular-rows.ts';
import { exportObservationsCsv } from '../../use-cases/observations/export-observations.ts';
import { ingestObservations } from '../../use-cases/observations/ingest-observations.ts';
import { readTableFile } from '../../use-cases/observations/read-table-file.ts';
import { optionsOf, printJson, withAppContext, type CommandModule } from '../cli-context.ts';
import { cliActor } from './indicators.ts';
import { cliText } from '../cli-text.ts';

const observations: CommandModule = (program: Command) => {
  const group = program.command('observations').description(cliText('cli.observations.observations'));

  group
    .command('import')
    .description('Nhập số liệu từ CSV/XLSX (indicator,unit,period,value[,numerator,denominator,note,evidence_url,reason]); tất cả hoặc không')
    .argument('<file>', 'CSV or XLSX file')
    .option('--source <name>', 'source system written on every version (default: the file name)')
    .option('--dry-run', 'validate only; store nothing')
    .option('--json', 'print the summary as JSON')
    .option('--progress', 'show a progress bar even when stderr is not a terminal')
    .action(async (file: string, _options, command: Command) => {
      const options = optionsOf<{ source?: string; dryRun?: boolean; json?: boolean; progress?: boolean }>(command);
      const table = await readTableFile(file);
      requireColumns(table, ['indicator', 'unit', 'period']);
      const rows = observationRowsFromTable(table);
      const bar = options.progress || process.stderr.isTTY
        ? new cliProgress.SingleBar({ stream: process.stderr, format: 'Ghi số liệu / storing [{bar}] {value}/{total} dòng', hideCursor: true, noTTYOutput: true, notTTYSchedule: 500 }, cliProgress.Presets.shades_classic)
        : null;
      let started = false;
      try {
        const result = await withAppContext(options, (ctx) =>
          ingestObservations(ctx, { actor: cliActor(), origin: 'import', principal: null }, {
            source: options.source ?? file.split(/[\\/]/).pop() ?? file,
            observations: rows,
            dryRun: options.dryRun ?? false,
            onProgress: (done, total) => {
              if (!bar) return;
              if (!started) {
                bar.start(total, 0);
                started = true;
              }
              bar.update(done);
            },
          }),
        );
        if (started) bar?.stop();
        // Lines in messages are the file's own: the header is line 1, so row index i is on table line rows[i].
        if (options.json) printJson({ ...result.summary, rows: rows.length });
        else {
          const counts = cliText('cli.observations.imported_updated_unchanged', { imported: result.summary.imported, updated: result.summary.updated, unchanged: result.summary.unchanged });
          console.log(options.dryRun ? `${cliText('cli.observations.dry_run')} ${counts}` : counts);
        }
      } catch (error) {
        if (started) bar?.stop();
        throw withLines(error, table.rows.map((r) => r.line));
      }
    });

  group
    .command('export')
    .description(cliText('cli.observations.export_full_history_as_csv'))
    .requiredOption('--out <file>', 'CSV file to write ("-" for stdout)')
    .option('--indicator <code>')
    .option('--unit <code>')
    .option('--from <period>')
    .option('--to <period>')
    .action(async (_options, command: Command) => {
      const options = optionsOf<{ out: string; indicator?: string; unit?: string; from?: string; to?: string }>(command);
      await withAppContext(options, async (ctx) => {
        const out = options.out === '-' ? process.stdout : createWriteStream(options.out);
        for await (const chunk of exportObservationsCsv(ctx, null, options)) {
          if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
        }
        if (out !== process.stdout) {
          out.end();
          await finished(out);
        }
      });
    });
};

/** Adds the file line to each row-indexed problem, so the operator finds it in the spreadsheet. */
function withLines(error: unknown, lines: number[]): unknown {
  if (error && typeof error === 'object' && 'problems' in error && Array.isArray(error.problems)) {
    for (const problem of error.problems as { index?: number; line?: number }[]) {
      if (problem.index !== undefined && problem.line === undefined) problem.line = lines[problem.index];
    }
  }
  return error;
}

export default observations;
