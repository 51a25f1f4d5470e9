/**
 * Whatever bytes arrive as a plan — a real document cut short, bytes flipped inside it, random
 * bytes under a plan's name — the readers answer with a model or an InputError (TooLargeError for
 * limits), never another exception and never a hang. Seeds are fixed so a failure reproduces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../domain/errors.ts';
import { chromiumExecutable, htmlToPdf } from '../reports/pdf-report.ts';
import { docxFromModel } from '../testing/docx-from-model.ts';
import { readPlanDocument } from './read-plan-document.ts';
import { readTextDocument } from './text/read-text-document.ts';
import { xlsxFromModel } from '../testing/xlsx-from-model.ts';

const PLAN = ['KẾ HOẠCH thử nghiệm', '', 'STT\tNhiệm vụ\tĐơn vị chủ trì\tThời hạn', '1\tViệc A\tPhòng Văn hóa - Xã hội\tQuý II/2026', '2\tViệc B\tVăn phòng\tNăm 2026'].join('\n');

/** Reads and tells how it ended: 'model', 'refused' (an InputError), or the unexpected error itself. */
async function outcome(bytes: Uint8Array, name: string): Promise<'model' | 'refused'> {
  try {
    await readPlanDocument(bytes, name);
    return 'model';
  } catch (error) {
    if (error instanceof InputError) return 'refused';
    throw error;
  }
}

const mutations = (original: Uint8Array) =>
  fc.oneof(
    // Cut short anywhere.
    fc.integer({ min: 0, max: original.length - 1 }).map((n) => original.slice(0, n)),
    // A few bytes overwritten.
    fc.array(fc.tuple(fc.integer({ min: 0, max: original.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((edits) => {
      const copy = new Uint8Array(original);
      for (const [at, byte] of edits) copy[at] = byte;
      return copy;
    }),
    // Random bytes after the real start (the magic number still says what it claims).
    fc.uint8Array({ minLength: 1, maxLength: 4096 }).map((tail) => new Uint8Array([...original.slice(0, 8), ...tail])),
  );

describe('plan readers on damaged and random files', () => {
  it('DOCX: a model or a refusal naming the file, never a crash', async () => {
    const docx = await docxFromModel(readTextDocument(PLAN, 'a.txt'));
    await fc.assert(fc.asyncProperty(mutations(docx), async (bytes) => {
      expect(['model', 'refused']).toContain(await outcome(bytes, 'ke-hoach.docx'));
    }), { seed: 57, numRuns: 60 });
  }, 240_000);

  it('XLSX: a model or a refusal, never a crash', async () => {
    const xlsx = await xlsxFromModel(readTextDocument(PLAN, 'a.txt'));
    await fc.assert(fc.asyncProperty(mutations(xlsx), async (bytes) => {
      expect(['model', 'refused']).toContain(await outcome(bytes, 'ke-hoach.xlsx'));
    }), { seed: 58, numRuns: 60 });
  }, 240_000);

  it.skipIf(!chromiumExecutable())('PDF: a model or a refusal, never a crash', async () => {
    const pdf = new Uint8Array(await htmlToPdf(`<!doctype html><meta charset="utf-8"><p>${PLAN.replace(/\n/g, '<br>')}</p>`));
    await fc.assert(fc.asyncProperty(mutations(pdf), async (bytes) => {
      expect(['model', 'refused']).toContain(await outcome(bytes, 'ke-hoach.pdf'));
    }), { seed: 59, numRuns: 40 });
  }, 240_000);

  it('any bytes under any plan name: a model or a refusal, never a crash', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom('a.txt', 'a.docx', 'a.xlsx', 'a.pdf', 'a', 'a.md'), async (bytes, name) => {
      expect(['model', 'refused']).toContain(await outcome(bytes, name));
    }), { seed: 60, numRuns: 200 });
  }, 240_000);
});
