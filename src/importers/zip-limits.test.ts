import { describe, expect, it } from 'vitest';
import { InputError } from '../domain/errors.ts';
import { docxFromModel } from '../testing/docx-from-model.ts';
import { readPlanDocument } from './read-plan-document.ts';
import { readPlanDocumentIsolated } from './read-plan-document-isolated.ts';
import { readTextDocument } from './text/read-text-document.ts';
import { docxBomb, repeatedText, streamedZip, xlsxBomb } from '../testing/zip-bombs.testkit.ts';
import { assertZipWithinLimits, TooLargeError, ZIP_LIMITS } from './zip-limits.ts';

function refusal(action: () => unknown): TooLargeError {
  try {
    action();
  } catch (error) {
    if (error instanceof TooLargeError) return error;
    throw error;
  }
  throw new Error('expected a TooLargeError');
}

describe('ZIP limits before parsing', () => {
  it('refuses a DOCX that unpacks to 300 MB, naming the limit, without unpacking it all', () => {
    const bomb = docxBomb(300);
    expect(bomb.byteLength).toBeLessThan(2 * 1024 * 1024);
    const error = refusal(() => assertZipWithinLimits(bomb, 'bom.docx'));
    expect(error.problems[0]?.field).toBe('file');
    expect(error.problems[0]?.message).toMatch(/maxUnpackedBytes|maxRatio/);
  });

  it('refuses an XLSX bomb the same way', () => {
    const error = refusal(() => assertZipWithinLimits(xlsxBomb(450), 'bom.xlsx'));
    expect(error.message).toContain('bom.xlsx');
  });

  it('counts the bytes actually inflated, not the sizes the archive declares', () => {
    // Stored (uncompressed) entries: 12 × 10 MB = 120 MB, ratio 1:1, caught by the total alone.
    const big = streamedZip(Array.from({ length: 12 }, (_, i) => ({ name: `part${i}.xml`, chunks: () => repeatedText(1024 * 1024, 10), stored: true })));
    expect(refusal(() => assertZipWithinLimits(big, 'big.xlsx')).problems[0]?.message).toContain('maxUnpackedBytes');
  });

  it('refuses archives with too many entries', () => {
    const many = streamedZip(Array.from({ length: 60 }, (_, i) => ({ name: `p${i}.xml`, chunks: () => [new Uint8Array([60])] })));
    const limits = { ...ZIP_LIMITS, maxEntries: 50 };
    expect(refusal(() => assertZipWithinLimits(many, 'many.docx', limits)).problems[0]?.message).toContain('maxEntries');
  });

  it('lets a real plan DOCX through and reads it as before', async () => {
    const model = readTextDocument('KẾ HOẠCH\nThực hiện chuyển đổi số năm 2026\n1. Chỉ tiêu: 100% hồ sơ trực tuyến.', 'k.txt');
    const docx = await docxFromModel(model);
    expect(() => assertZipWithinLimits(docx, 'k.docx')).not.toThrow();
    const read = await readPlanDocument(docx, 'k.docx');
    expect(JSON.stringify(read.blocks)).toContain('100% hồ sơ trực tuyến');
  });

  it('calls a truncated archive corrupt (422), not too large', () => {
    const docx = docxBomb(1);
    expect(() => assertZipWithinLimits(docx.subarray(0, 200), 'cut.docx')).toThrow(InputError);
  });
});

describe('reading a plan in a worker thread', () => {
  it('answers the same model as reading in process', async () => {
    const model = readTextDocument('KẾ HOẠCH\nThực hiện chuyển đổi số năm 2026\n1. Chỉ tiêu: 95% người dân có tài khoản.', 'k.txt');
    const docx = await docxFromModel(model);
    expect(await readPlanDocumentIsolated(docx, 'k.docx')).toEqual(await readPlanDocument(docx, 'k.docx'));
  });

  it('turns a bomb into a 413-class error and survives', async () => {
    await expect(readPlanDocumentIsolated(docxBomb(300), 'bom.docx')).rejects.toBeInstanceOf(TooLargeError);
  });

  it('kills a reader that passes its heap cap instead of the process', async () => {
    // 18 MB of plan lines is within the upload limit, but not within a 32 MB heap.
    const text = new TextEncoder().encode('1. Chỉ tiêu: 95% hồ sơ được xử lý trực tuyến.\n'.repeat(300_000));
    const error = await readPlanDocumentIsolated(text, 'heavy.txt', { maxHeapMb: 32, timeoutMs: 60_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooLargeError);
    expect((error as TooLargeError).problems[0]?.message).toContain('maxHeapMb');
  });

  it('keeps the line and field of an input error from the worker', async () => {
    const error = await readPlanDocumentIsolated(new Uint8Array([75, 10, 0, 1, 2]), 'x.txt').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems[0]).toMatchObject({ line: 2, field: 'file' });
  });
});
