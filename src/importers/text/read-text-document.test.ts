import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../domain/errors.ts';
import type { TableBlock } from '../document-model.ts';
import { cleanInline, readTextDocument } from './read-text-document.ts';

const header = 'STT\tTên nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời hạn';

describe('readTextDocument', () => {
  it('reads tab-separated lines as one table and drops headers repeated after page breaks', () => {
    const text = ['PHỤ LỤC', '', header, '1\tViệc một\tSở A\tSở B\tQuý I/2026', '', header, '2\tViệc hai\tSở C\t\tNăm 2026'].join('\n');
    const model = readTextDocument(text, 'x.txt');
    const tables = model.blocks.filter((b): b is TableBlock => b.type === 'table');
    expect(tables).toHaveLength(1);
    expect(tables[0]?.rows.map((r) => r.cells[0])).toEqual(['STT', '1', '2']);
    expect(tables[0]?.rows[2]?.line).toBe(7);
  });

  it('drops separator rows and keeps the row line numbers', () => {
    const model = readTextDocument([header, '1\tA\tSở A\t\t', '----\t---\t---\t--\t--'].join('\n'), 'x.txt');
    const table = model.blocks[0] as TableBlock;
    expect(table.rows).toHaveLength(2);
  });

  it('in a hard-wrapped text, runs a full-width line on into a capitalised or numeric line; only numbering, bullets and capital headings open items', () => {
    // Invented prose wrapped at about 60 columns, as a PDF conversion prints it.
    const filler = Array.from({ length: 24 }, (_, i) => `Dòng văn bản số ${String(i).padStart(2, '0')} được ngắt đúng ở cột sáu mươi.`);
    const text = [
      'II. NHIỆM VỤ',
      '- Triển khai kênh truyền thông để các cơ quan, đơn vị thuộc về',
      'Thành phố và người dân tham gia chuyển đổi số trên địa bàn.',
      '- Rà soát Kế hoạch thực hiện Đề án lưu trữ tài liệu giai đoạn',
      '2020-2025 theo quy định hiện hành của các cơ quan nhà nước.',
      '- Phối hợp với Bộ Thông tin và Truyền thông để triển khai mạng.',
      '(Thực hiện theo Kế hoạch số 12/KH-UBND của Ủy ban nhân dân)',
      '- Phối hợp với Bộ Thông tin và Truyền thông triển khai các nội',
      'PHỤ LỤC',
      '1.1. Nội dung mới bắt đầu bằng số thứ tự của mục trong kế hoạch',
      ...filler,
    ].join('\n');
    const paragraphs = readTextDocument(text, 'x.txt').blocks.map((b) => (b.type === 'paragraph' ? b.line : -1));
    expect(paragraphs.slice(0, 7)).toEqual([1, 2, 4, 6, 8, 9, 10]);
  });

  it('keeps capitalised lines apart when the text is not hard-wrapped', () => {
    const text = ['KẾ HOẠCH', 'Chuyển đổi số năm 2026', 'Một đoạn văn dài không có dấu chấm ở cuối dòng này và còn dài thêm nữa', 'Đoạn khác'].join('\n');
    expect(readTextDocument(text, 'x.txt').blocks).toHaveLength(4);
  });

  it('joins hard-wrapped lines and drops stray page numbers', () => {
    const model = readTextDocument(['Kế hoạch này nhằm phát triển', '', '12', '', 'kinh tế số của phường.', '', '2. Mục sau'].join('\n'), 'x.txt');
    expect(model.blocks.map((b) => (b.type === 'paragraph' ? b.text : ''))).toEqual(['Kế hoạch này nhằm phát triển kinh tế số của phường.', '2. Mục sau']);
    expect(model.blocks[0]?.line).toBe(1);
  });

  it('reduces HTML and LaTeX in cells', () => {
    expect(cleanInline('<p>Sở A</p> <p>Sở B</p>')).toBe('Sở A\nSở B');
    expect(cleanInline('Tỷ lệ đạt $\\geq 75\\%$')).toBe('Tỷ lệ đạt ≥ 75%');
    expect(cleanInline('<ul style="x"><li>Một</li></ul> &amp; <i>hai</i> **ba**')).toBe('Một\n& hai ba');
  });

  it('rejects binary input with the line of the first bad byte', () => {
    try {
      readTextDocument('dòng một\ndòng hai\u0000\u0001', 'x.bin');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).problems[0]?.line).toBe(2);
    }
  });

  it('never crashes: any string gives a model or an InputError with a line (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000, unit: 'binary' }), (s) => {
        try {
          const model = readTextDocument(s, 'p.txt');
          for (const b of model.blocks) expect(b.line).toBeGreaterThan(0);
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          expect((e as InputError).problems[0]?.line).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
