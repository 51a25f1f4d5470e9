import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../domain/errors.ts';
import { docxFromModel } from '../testing/docx-from-model.ts';
import { detectPlanDocumentFormat, readPlanDocument } from './read-plan-document.ts';
import { xlsxFromModel } from '../testing/xlsx-from-model.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const sample = {
  source: 'x',
  blocks: [
    { type: 'paragraph' as const, line: 1, text: 'KẾ HOẠCH' },
    { type: 'table' as const, line: 2, rows: [{ line: 2, cells: ['STT', 'Mục tiêu', 'Đơn vị chủ trì'] }, { line: 3, cells: ['1', '100% hồ sơ', 'Sở Y tế'] }] },
  ],
};

async function failure(bytes: Uint8Array, name: string): Promise<InputError> {
  const error = await readPlanDocument(bytes, name).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('readPlanDocument', () => {
  it('dispatches by content first, then by extension', async () => {
    const docx = await docxFromModel(sample);
    const xlsx = await xlsxFromModel(sample);
    expect(detectPlanDocumentFormat(docx, 'ke-hoach.docx')).toBe('docx');
    expect(detectPlanDocumentFormat(docx, 'upload')).toBe('docx');
    expect(detectPlanDocumentFormat(xlsx, 'upload.bin')).toBe('xlsx');
    expect(detectPlanDocumentFormat(utf8('KẾ HOẠCH'), 'ke-hoach.md')).toBe('text');
    expect((await readPlanDocument(docx, 'a.docx')).blocks.some((b) => b.type === 'table')).toBe(true);
    expect((await readPlanDocument(xlsx, 'a.xlsx')).blocks.some((b) => b.type === 'table' && b.title === 'Phụ lục 01')).toBe(true);
    const text = await readPlanDocument(utf8('\uFEFFKẾ HOẠCH\n\nSTT\tMục tiêu\n1\tMột'), 'a.txt');
    expect(text.blocks[0]).toEqual({ type: 'paragraph', line: 1, text: 'KẾ HOẠCH' });
  });

  it('names the field or line of what it refuses', async () => {
    expect((await failure(new Uint8Array(), 'a.txt')).problems[0]?.field).toBe('file');
    expect((await failure(utf8('%PDF-1.7 …'), 'a.pdf')).message).toMatch(/a\.pdf/);
    expect((await failure(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), 'cu.doc')).problems[0]?.message).toMatch(/\.docx/);
    expect((await failure(utf8('KẾ HOẠCH'), 'a.docx')).problems[0]?.message).toMatch(/ZIP/);
    expect((await failure(utf8('x'), 'a.csv')).problems[0]?.message).toMatch(/\.csv/);
    const badUtf8 = new Uint8Array([...utf8('dòng 1\ndòng 2\n'), 0xff, 0xfe, 0x41]);
    expect((await failure(badUtf8, 'a.txt')).problems[0]?.line).toBe(3);
    expect((await failure(utf8('dòng 1\nx\u0000y'), 'a.txt')).problems[0]?.line).toBe(2);
  });

  it('turns any bytes under any name into a model or an InputError, never another failure', async () => {
    const names = fc.constantFrom('a.txt', 'a.md', 'a.docx', 'a.xlsx', 'a', 'a.pdf', 'a.doc');
    const zipLike = fc.uint8Array({ maxLength: 300 }).map((b) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...b]));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 400 }), zipLike, fc.string().map(utf8)), names, async (bytes, name) => {
        try {
          const model = await readPlanDocument(bytes, name);
          expect(Array.isArray(model.blocks)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
