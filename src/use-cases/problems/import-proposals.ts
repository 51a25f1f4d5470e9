import type { AppContext } from '../../app-context.ts';
import { InputError, problem, type Problem } from '../../domain/errors.ts';
import { fold } from '../../domain/plans/text-folding.ts';
import { proposalFromForm, proposalsFromWorkbook, type FormProposal } from '../../domain/problems/proposal-forms.ts';
import { detectPlanDocumentFormat, readPlanDocument } from '../../importers/read-plan-document.ts';
import { readWorkbookSheetRows } from '../../importers/xlsx/workbook-sheet-rows.ts';
import { listUnitCodesAndNames } from '../../repositories/problems.repository.ts';
import { checkProposal, storeProposal, type CheckedProposal } from './propose-problem.ts';
import type { ProblemAccess } from './problem-access.ts';
import { message, renderMessage, type Lang, type Message } from '../../domain/messages/message.ts';

export interface ImportProposalsInput {
  bytes: Uint8Array;
  fileName: string;
  /** The proposing unit for rows (or a form) that do not name one. */
  unit?: string | null;
  dryRun?: boolean;
}

export interface ImportProposalsResult {
  dryRun: boolean;
  format: 'xlsx' | 'docx';
  /** Each proposal read: where it is in the file (sheet and row, or paragraph), its name and unit, and its code once stored. */
  proposals: { sheet?: string; line: number; name: string; unit: string; code: string | null }[];
  /** What the reader should know about the file, in the reader's language. */
  warnings: string[];
}

/**
 * Imports filled Mẫu 01 forms: an XLSX with one proposal per row (headers recognised by meaning,
 * without regard to diacritics or case) or one filled form as DOCX. Every proposal goes through the
 * same checks as `proposeProblem` (units, the asker's right over the proposing unit, the intake
 * rules); the file's problems are answered together, each naming its row (line) and field, and then
 * nothing is stored. Otherwise, unless it is a dry run, all of them are stored in one transaction.
 *
 * @example
 * await importProposals(ctx, access, { bytes, fileName: 'de-xuat.xlsx', unit: 'P_A', dryRun: true });
 */
export async function importProposals(ctx: AppContext, access: ProblemAccess, input: ImportProposalsInput, lang: Lang = 'vi'): Promise<ImportProposalsResult> {
  const format = detectPlanDocumentFormat(input.bytes, input.fileName);
  if (format !== 'xlsx' && format !== 'docx') {
    throw new InputError(message('problem.xlsx_or_docx_only'), [{ field: 'file', message: `"${input.fileName}": ${format}` }]);
  }
  const problems: Problem[] = [];
  const said: Message[] = [];
  let forms: FormProposal[];
  if (format === 'xlsx') {
    const read = proposalsFromWorkbook(await readWorkbookSheetRows(input.bytes));
    problems.push(...read.problems);
    said.push(...read.warnings);
    forms = read.proposals;
  } else {
    const read = proposalFromForm((await readPlanDocument(input.bytes, input.fileName)).blocks);
    said.push(...read.warnings);
    forms = [read.proposal];
  }
  if (!forms.length && !problems.length) problems.push(problem({ field: 'file' }, message('problem.no_proposal_in_file')));

  const units = await listUnitCodesAndNames(ctx.db);
  const resolveUnit = (text: string | null | undefined): string | null => {
    const t = text?.trim();
    if (!t) return null;
    const byCode = units.find((u) => u.code === t);
    if (byCode) return byCode.code;
    const key = fold(t).replace(/\s+/g, ' ');
    return units.find((u) => fold(u.name).replace(/\s+/g, ' ') === key)?.code ?? t;
  };

  const checked: { form: FormProposal; c: CheckedProposal }[] = [];
  for (const form of forms) {
    const unit = resolveUnit(form.unit) ?? input.unit?.trim() ?? '';
    if (!unit) {
      problems.push(locate(form, problem({ field: 'unit' }, message('problem.row_no_proposing_unit', { line: String(form.line) }))));
      continue;
    }
    const { sheet: _s, columns: _c, ...fields } = form;
    const result = await checkProposal(ctx, access, { ...fields, unit, receivingUnit: resolveUnit(form.receivingUnit) });
    if (!result.ok) for (const p of result.problems) problems.push(locate(form, p));
    else checked.push({ form, c: result.checked });
  }
  if (problems.length) throw new InputError(message('problem.problems_nothing_was_stored', { fileName: input.fileName, problemsCount: problems.length }), problems);

  const warnings = said.map((w) => renderMessage(w, lang));
  const proposals = checked.map(({ form, c }) => ({ ...(form.sheet === undefined ? {} : { sheet: form.sheet }), line: form.line, name: c.proposal.name, unit: c.unit, code: null as string | null }));
  if (input.dryRun) return { dryRun: true, format, proposals, warnings };
  const at = ctx.now();
  const codes = await ctx.db.transaction().execute(async (trx) => {
    const out: string[] = [];
    for (const { c } of checked) out.push(await storeProposal(trx, access, c, at));
    return out;
  });
  codes.forEach((code, i) => (proposals[i]!.code = code));
  return { dryRun: false, format, proposals, warnings };
}

/**
 * A problem of one proposal, said where it is: on a workbook, by sheet, row and — when the field was
 * read from a column — the column's letter and header as written; in a DOCX, by its paragraph.
 */
function locate(form: FormProposal, p: Problem): Problem {
  const where = { line: form.line, ...(p.field ? { field: p.field } : {}) };
  if (form.sheet === undefined) return problem(where, message('proposal_import.at_paragraph', { line: form.line, problem: p.message }));
  const column = p.field ? form.columns?.[p.field] : undefined;
  return column
    ? problem(where, message('proposal_import.at_cell', { sheet: form.sheet, row: form.line, column: column.column, header: column.header, problem: p.message }))
    : problem(where, message('proposal_import.at_row', { sheet: form.sheet, row: form.line, problem: p.message }));
}
