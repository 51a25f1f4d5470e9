import { describe, expect, it } from 'vitest';
import { InputError } from '../domain/errors.ts';
import { docxFromModel } from '../testing/docx-from-model.ts';
import { readPlanDocument } from './read-plan-document.ts';
import { RECYCLE_AFTER_JOBS, readPlanDocumentIsolated } from './read-plan-document-isolated.ts';
import { readTextDocument } from './text/read-text-document.ts';

const planText = (n: number) => `KẾ HOẠCH\nSố hoá kho lưu trữ phường năm 2027\n1. Chỉ tiêu: ${n}% hồ sơ lưu trữ được số hoá.`;

describe('the warm plan reader', () => {
  it('reads one upload after another, past the point where it is replaced, each to its own model', async () => {
    const bytes = new TextEncoder().encode(planText(0));
    for (let k = 1; k <= RECYCLE_AFTER_JOBS + 2; k++) {
      const text = new TextEncoder().encode(planText(k));
      const model = await readPlanDocumentIsolated(text, `k${k}.txt`);
      expect(model.blocks.map((b) => (b.type === 'paragraph' ? b.text : '')).join('\n')).toContain(`${k}% hồ sơ`);
    }
    expect(await readPlanDocumentIsolated(bytes, 'k0.txt')).toEqual(await readPlanDocument(bytes, 'k0.txt'));
  });

  it('reads two uploads at once (the second in a worker of its own) and answers each with its document', async () => {
    const a = await docxFromModel(readTextDocument(planText(61), 'a.txt'));
    const b = await docxFromModel(readTextDocument(planText(62), 'b.txt'));
    const [ma, mb] = await Promise.all([readPlanDocumentIsolated(a, 'a.docx'), readPlanDocumentIsolated(b, 'b.docx')]);
    expect(ma).toEqual(await readPlanDocument(a, 'a.docx'));
    expect(mb).toEqual(await readPlanDocument(b, 'b.docx'));
  });

  it('still reads after refusing a bad upload', async () => {
    const bad = await readPlanDocumentIsolated(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'hong.docx').catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(InputError);
    const good = new TextEncoder().encode(planText(70));
    expect(await readPlanDocumentIsolated(good, 'k.txt')).toEqual(await readPlanDocument(good, 'k.txt'));
  });
});
