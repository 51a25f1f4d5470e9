import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../domain/errors.ts';
import { readSeed } from '../../testing/seeds.ts';
import type { DocumentModel } from '../document-model.ts';
import { readTextDocument } from '../text/read-text-document.ts';
import { docxFromModel } from '../../testing/docx-from-model.ts';
import { blocksFromHtml, readDocxDocument } from './read-docx-document.ts';

const seed004 = readSeed('004');

/** Rows without trailing empty cells: Word tables are rectangular, text rows are not. */
function tables(model: DocumentModel): string[][][] {
  return model.blocks.flatMap((b) =>
    b.type === 'table'
      ? [
          b.rows.map((r) => {
            const cells = [...r.cells];
            while (cells.length && cells[cells.length - 1] === '') cells.pop();
            return cells;
          }),
        ]
      : [],
  );
}

describe('blocksFromHtml', () => {
  it('numbers paragraphs and table rows in document order', () => {
    const blocks = blocksFromHtml('<h1>KẾ HOẠCH</h1><p>Mở đầu</p><table><tr><td>STT</td><td>Mục tiêu</td></tr><tr><td>1</td><td><p>A</p><p>B</p></td></tr></table><p>Cuối</p>');
    expect(blocks).toEqual([
      { type: 'paragraph', line: 1, text: 'KẾ HOẠCH' },
      { type: 'paragraph', line: 2, text: 'Mở đầu' },
      { type: 'table', line: 3, title: 'Mở đầu', rows: [{ line: 3, cells: ['STT', 'Mục tiêu'] }, { line: 4, cells: ['1', 'A\nB'] }] },
      { type: 'paragraph', line: 5, text: 'Cuối' },
    ]);
  });

  it('expands merged cells so columns stay under their header', () => {
    const blocks = blocksFromHtml(
      '<table><tr><td colspan="2">STT</td><td>Mục tiêu</td></tr>' +
        '<tr><td rowspan="2">1</td><td>1</td><td>X</td></tr>' +
        '<tr><td>2</td><td>Y</td></tr></table>',
    );
    expect(blocks[0]?.type === 'table' && blocks[0].rows.map((r) => r.cells)).toEqual([
      ['STT', '', 'Mục tiêu'],
      ['1', '1', 'X'],
      ['', '2', 'Y'],
    ]);
  });

  it('writes bullets as the plans do ("-" then "+") and decodes entities', () => {
    const blocks = blocksFromHtml('<ul><li>Một &amp; hai<ul><li>con</li></ul></li></ul><ol><li>đầu</li><li>sau</li></ol><p>a&lt;b &#7871;</p>');
    expect(blocks.map((b) => (b.type === 'paragraph' ? b.text : ''))).toEqual(['- Một & hai', '+ con', '1. đầu', '2. sau', 'a<b ế']);
  });

  it('never throws on arbitrary markup', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '>', '/', 'p', 't', 'd', 'r', 'a', 'b', 'l', 'e', ' ', '"', '=', '&', ';', '#', 'x', '1', 'colspan', 'rowspan') }), (html) => {
        const blocks = blocksFromHtml(html);
        for (const b of blocks) expect(b.line).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('readDocxDocument', () => {
  it.skipIf(!seed004)('reads back seed 004 written as DOCX: every paragraph and appendix row, cell by cell', async () => {
    const textModel = readTextDocument(seed004 as string, '004.txt');
    const docx = await readDocxDocument(await docxFromModel(textModel), '004.docx');
    expect(tables(docx)).toEqual(tables(textModel));
    expect(tables(docx).map((t) => t.length)).toEqual(tables(textModel).map((t) => t.length));
    const paragraphs = (m: DocumentModel) => m.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));
    expect(paragraphs(docx)).toEqual(paragraphs(textModel));
    // Lines are a strictly increasing paragraph/row index.
    const lines = docx.blocks.flatMap((b) => (b.type === 'table' ? b.rows.map((r) => r.line) : [b.line]));
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(new Set(lines).size).toBe(lines.length);
  });

  it('refuses a corrupt DOCX with an InputError naming the file field', async () => {
    const good = await docxFromModel({ source: 'x', blocks: [{ type: 'paragraph', line: 1, text: 'Kế hoạch' }] });
    for (const bytes of [good.subarray(0, good.length / 2), new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), new TextEncoder().encode('không phải docx')]) {
      const error = await readDocxDocument(bytes, 'hong.docx').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).problems[0]?.field).toBe('file');
    }
  });
});
