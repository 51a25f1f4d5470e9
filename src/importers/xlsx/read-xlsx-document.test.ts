import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../domain/errors.ts';
import { readSeed } from '../../testing/seeds.ts';
import type { DocumentModel, TableBlock } from '../document-model.ts';
import { readTextDocument } from '../text/read-text-document.ts';
import { readXlsxDocument } from './read-xlsx-document.ts';
import { xlsxFromModel } from '../../testing/xlsx-from-model.ts';

const seed004 = readSeed('004');

function trimmed(rows: { cells: string[] }[]): string[][] {
  return rows.map((r) => {
    const cells = [...r.cells];
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    return cells;
  });
}

async function workbookBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('readXlsxDocument', () => {
  it('finds the header row by its labels, keeps title rows as prose and uses Excel row numbers', async () => {
    const bytes = await workbookBytes((wb) => {
      const sheet = wb.addWorksheet('Phụ lục 02');
      sheet.addRow(['Phụ lục 02']);
      sheet.addRow(['DANH MỤC NHIỆM VỤ']);
      sheet.addRow([]);
      sheet.addRow(['STT', 'Tên nhiệm vụ', 'Đơn vị chủ trì', 'Thời hạn hoàn thành']);
      sheet.addRow([1, { richText: [{ text: 'Xây dựng ' }, { text: 'kho dữ liệu' }] }, 'Sở Y tế', new Date(Date.UTC(2026, 5, 30))]);
      sheet.addRow([2, 'Tập huấn', { formula: '"Phòng "&"Văn hóa - Xã hội"', result: 'Phòng Văn hóa - Xã hội' }]);
      sheet.mergeCells('A7:B7');
      sheet.getCell('A7').value = 'I. Nhóm gộp ô';
    });
    const model = await readXlsxDocument(bytes, 'pl.xlsx');
    expect(model.blocks.slice(0, 2)).toEqual([
      { type: 'paragraph', line: 1, text: 'Phụ lục 02' },
      { type: 'paragraph', line: 2, text: 'DANH MỤC NHIỆM VỤ' },
    ]);
    const table = model.blocks[2] as TableBlock;
    expect(table).toMatchObject({ type: 'table', line: 4, title: 'Phụ lục 02' });
    expect(table.rows.map((r) => r.line)).toEqual([4, 5, 6, 7]);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['STT', 'Tên nhiệm vụ', 'Đơn vị chủ trì', 'Thời hạn hoàn thành'],
      ['1', 'Xây dựng kho dữ liệu', 'Sở Y tế', '30/06/2026'],
      ['2', 'Tập huấn', 'Phòng Văn hóa - Xã hội', ''],
      ['I. Nhóm gộp ô', '', '', ''],
    ]);
  });

  it.skipIf(!seed004)('reads back seed 004 appendices written one per sheet, row by row', async () => {
    const textModel = readTextDocument(seed004 as string, '004.txt');
    const model: DocumentModel = await readXlsxDocument(await xlsxFromModel(textModel), '004.xlsx');
    const textTables = textModel.blocks.filter((b): b is TableBlock => b.type === 'table');
    const sheetTables = model.blocks.filter((b): b is TableBlock => b.type === 'table');
    expect(sheetTables.map((t) => t.title)).toEqual(['Phụ lục 01', 'Phụ lục 02']);
    expect(sheetTables.map((t) => trimmed(t.rows))).toEqual(textTables.map((t) => trimmed(t.rows)));
    expect(textTables.reduce((n, t) => n + t.rows.length, 0)).toBeGreaterThan(80);
    // Lines rise through the workbook: later sheets continue after the rows of earlier ones.
    const lines = model.blocks.flatMap((b) => (b.type === 'table' ? b.rows.map((r) => r.line) : [b.line]));
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(new Set(lines).size).toBe(lines.length);
  });

  it('refuses a corrupt workbook with an InputError naming the file field', async () => {
    const good = await workbookBytes((wb) => wb.addWorksheet('A').addRow(['STT', 'Mục tiêu']));
    for (const bytes of [good.subarray(0, good.length - 200), new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9]), new Uint8Array(64)]) {
      const error = await readXlsxDocument(bytes, 'hong.xlsx').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).problems[0]?.field).toBe('file');
    }
  });
});
