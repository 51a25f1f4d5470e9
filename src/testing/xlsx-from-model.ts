import ExcelJS from 'exceljs';
import type { DocumentModel } from '../importers/document-model.ts';

/**
 * Writes a document model as an XLSX workbook the way plans are sent as spreadsheets: each table
 * on its own sheet (named by `sheetName`, with the paragraphs just before it as title rows above
 * the header), and the remaining prose, one paragraph per row, on a first sheet.
 *
 * @example
 * const bytes = await xlsxFromModel(model, (table, i) => `Phụ lục ${i + 1}`);
 */
export async function xlsxFromModel(
  model: DocumentModel,
  sheetName: (index: number) => string = (i) => `Phụ lục ${String(i + 1).padStart(2, '0')}`,
  titleRows = 3,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const prose = workbook.addWorksheet('Kế hoạch');
  const pending: string[] = [];
  let tableIndex = 0;
  for (const block of model.blocks) {
    if (block.type === 'paragraph') {
      pending.push(block.text);
      continue;
    }
    // The paragraphs right before a table are its title ("Phụ lục 01", "DANH MỤC…").
    const titles = pending.splice(Math.max(0, pending.length - titleRows));
    for (const text of pending.splice(0)) prose.addRow([text]);
    const sheet = workbook.addWorksheet(sheetName(tableIndex++));
    for (const text of titles) sheet.addRow([text]);
    for (const row of block.rows) sheet.addRow(row.cells);
  }
  for (const text of pending) prose.addRow([text]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
