import type { AppContext } from '../../app-context.ts';
import { InputError, problem } from '../../domain/errors.ts';
import type { RegistryUnit } from '../../domain/units/unit.ts';
import { validateRegistryRows } from '../../domain/units/validate-registry.ts';
import { parseRegistryCsv } from '../../registry/registry-csv.ts';
import { parseRegistryXlsx } from '../../registry/registry-xlsx.ts';
import { existingUnitCodes, upsertRegistryUnits, type UpsertOutcome } from '../../repositories/units.repository.ts';
import { message } from '../../domain/messages/message.ts';

export type RegistryFormat = 'csv' | 'xlsx';

/** The format of a registry file, from its name or, failing that, its first bytes (XLSX is a zip). */
export function registryFormatOf(fileName: string, content?: Uint8Array): RegistryFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  if (content && content[0] === 0x50 && content[1] === 0x4b) return 'xlsx';
  if (content) return 'csv';
  throw new InputError(message('unit.unknown_registry_format_use_csv', { fileName }), [
    problem({ field: 'file' }, message('unit.use_csv_or_xlsx')),
  ]);
}

/**
 * Imports a registry file (CSV or XLSX) all or nothing: every row is checked first — codes,
 * kinds, dates, parents and successors known in the file or the database, no parent cycles — and
 * any problem rejects the whole file with each problem's line and field. A valid file is upserted
 * by code in one transaction; units the file does not mention are kept. Importing the same file
 * again changes nothing.
 *
 * @example
 * const outcome = await importUnits(ctx, { content: await readFile('don-vi.csv'), format: 'csv' });
 * outcome.created.length
 */
export async function importUnits(ctx: AppContext, input: { content: Uint8Array | string; format: RegistryFormat }): Promise<UpsertOutcome> {
  const parsed =
    input.format === 'xlsx'
      ? await parseRegistryXlsx(typeof input.content === 'string' ? Buffer.from(input.content) : input.content)
      : parseRegistryCsv(typeof input.content === 'string' ? input.content : Buffer.from(input.content).toString('utf8'));
  if (parsed.problems.length === 0 && parsed.rows.length === 0) {
    throw new InputError(message('unit.file_lists_no_units'), [problem({ line: 2 }, message('unit.no_data_rows'))]);
  }
  const known = await existingUnitCodes(ctx.db);
  const problems = [...parsed.problems, ...validateRegistryRows(parsed.rows, known)].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (problems.length > 0) {
    throw new InputError(message('unit.registry_file_has_problem_s', { problemsCount: problems.length }), problems);
  }
  return importRegistryUnits(ctx, parsed.rows.map((r) => r.unit));
}

/** Stores already-validated units in one transaction (the built-in registry takes this path too). */
export async function importRegistryUnits(ctx: AppContext, units: RegistryUnit[]): Promise<UpsertOutcome> {
  return ctx.db.transaction().execute((trx) => upsertRegistryUnits(trx, units));
}
