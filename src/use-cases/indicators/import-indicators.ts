import type { AppContext } from '../../app-context.ts';
import { InputError, problem, type Problem } from '../../domain/errors.ts';
import { parseIndicatorRecord, REQUIRED_INDICATOR_COLUMNS, sameIndicator, type IndicatorDefinition } from '../../domain/indicators/indicator.ts';
import { requireColumns, type Table } from '../../domain/observations/tabular-rows.ts';
import { findIndicatorsByCodes, insertIndicator, lockIndicatorCodes, updateIndicator } from '../../repositories/indicators.repository.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { message } from '../../domain/messages/message.ts';

export interface IndicatorImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  codes: string[];
}

/**
 * Defines or redefines indicators from a table (`code,name,measure,direction,aggregation` and the
 * optional columns), all or nothing: every line is validated first and every problem names its line.
 * Re-importing the same file changes nothing; a changed line updates the indicator by code, and each
 * creation or change is audited with its before and after.
 *
 * @example
 * const table = await readTableFile('chi-so.csv');
 * await importIndicators(ctx, 'cli:admin', table); // → { created: 12, updated: 0, unchanged: 0, codes: [...] }
 */
export async function importIndicators(ctx: AppContext, actor: string, table: Table): Promise<IndicatorImportSummary> {
  requireColumns(table, REQUIRED_INDICATOR_COLUMNS);
  const problems: Problem[] = [];
  const definitions: IndicatorDefinition[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, record } of table.rows) {
    const { value, problems: lineProblems } = parseIndicatorRecord(record, { line });
    problems.push(...lineProblems);
    if (!value) continue;
    const seen = firstLine.get(value.code);
    if (seen !== undefined) {
      problems.push(problem({ line, field: 'code' }, message('indicator.duplicate_code_first_on_line', { valueCode: value.code, seen })));
      continue;
    }
    firstLine.set(value.code, line);
    definitions.push(value);
  }
  if (table.rows.length === 0) problems.push(problem({}, message('indicator.file_has_no_data_rows')));
  if (problems.length) throw new InputError(message('indicator.indicator_file_has_errors_nothing'), problems);

  return ctx.db.transaction().execute(async (trx) => {
    const codes = definitions.map((d) => d.code);
    await lockIndicatorCodes(trx, codes);
    const existing = await findIndicatorsByCodes(trx, codes);
    const summary: IndicatorImportSummary = { created: 0, updated: 0, unchanged: 0, codes };
    for (const def of definitions) {
      const before = existing.get(def.code);
      if (before) {
        const { id, ...beforeDef } = before;
        if (sameIndicator(beforeDef, def)) {
          summary.unchanged++;
          continue;
        }
        await updateIndicator(trx, def);
        await recordAudit(trx, { actor, action: 'update', entity: 'indicator', entityId: id, before: beforeDef, after: def, at: ctx.now() });
        summary.updated++;
      } else {
        const created = await insertIndicator(trx, def);
        await recordAudit(trx, { actor, action: 'create', entity: 'indicator', entityId: created.id, before: null, after: def, at: ctx.now() });
        summary.created++;
      }
    }
    return summary;
  });
}
