import { AlignmentType, Document, HeadingLevel, Packer, PageBreak, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import type { CatalogueLayout } from '../domain/problems/catalogue-layout.ts';
import { neutraliseFormula } from './csv.ts';
import { sheetNameOf } from './xlsx-table.ts';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const safe = (text: string) => neutraliseFormula(text.normalize('NFC'));

/**
 * The catalogue as a workbook: sheet "Danh mục" with the title, then the table (header bold and
 * frozen, KPIs one per line in their cell); then one sheet per high-priority problem, named by its
 * code, with the numbered parts in column A and their text in column B. Text is neutralised as in
 * every export (no cell ever runs as a formula).
 */
export async function catalogueXlsx(layout: CatalogueLayout): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Theo Dõi';
  const sheet = workbook.addWorksheet('Danh mục');
  sheet.addRow([layout.title]).font = { bold: true, size: 14 };
  const header = sheet.addRow([...layout.headers]);
  header.font = { bold: true };
  for (const row of layout.rows) sheet.addRow(row.map(safe)).alignment = { wrapText: true, vertical: 'top' };
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  [6, 40, 22, 24, 24, 20, 16, 50].forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  for (const page of layout.pages) {
    const s = workbook.addWorksheet(sheetNameOf(page.code));
    s.addRow([safe(page.title)]).font = { bold: true, size: 13 };
    for (const section of page.sections) {
      const r = s.addRow([section.heading, safe(section.lines.join('\n'))]);
      r.getCell(1).font = { bold: true };
      r.alignment = { wrapText: true, vertical: 'top' };
    }
    s.getColumn(1).width = 34;
    s.getColumn(2).width = 90;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The catalogue as a Word document: the title, the table, then each high-priority problem on a page
 * of its own (a page break before it), its numbered parts as bold lines followed by their text.
 */
export async function catalogueDocx(layout: CatalogueLayout): Promise<Uint8Array> {
  const cell = (text: string, bold = false) => new TableCell({ children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line.normalize('NFC'), bold })] })) });
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: layout.title, bold: true })] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [new TableRow({ tableHeader: true, children: layout.headers.map((h) => cell(h, true)) }), ...layout.rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))],
    }),
  ];
  for (const page of layout.pages) {
    children.push(new Paragraph({ children: [new PageBreak()] }));
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: page.title.normalize('NFC'), bold: true })] }));
    for (const section of page.sections) {
      children.push(new Paragraph({ children: [new TextRun({ text: section.heading, bold: true })] }));
      for (const line of section.lines) children.push(new Paragraph({ text: line.normalize('NFC') }));
    }
  }
  return new Uint8Array(await Packer.toBuffer(new Document({ creator: 'Theo Dõi', sections: [{ children }] })));
}
