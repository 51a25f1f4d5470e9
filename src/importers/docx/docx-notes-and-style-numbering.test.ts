import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDocxDocument } from './read-docx-document.ts';

// The invented Hưng Yên plan as LibreOffice saves it: its targets take their numbering from their
// paragraph style (styles.xml), not from numPr on the paragraphs, and the first one carries a footnote.
const file = new URL('../../../test/fixtures/invented/hung-yen-dich-vu-cong.docx', import.meta.url);

describe('DOCX paragraphs numbered by their style, and footnotes', () => {
  it('numbers style-numbered paragraphs as it numbers directly numbered ones', async () => {
    const texts = (await readDocxDocument(readFileSync(file), 'hy.docx')).blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));
    const numbered = texts.filter((t) => /^\d+\. /.test(t));
    expect(numbered.map((t) => t.split(' ').slice(0, 3).join(' '))).toEqual(['1. Tỷ lệ', '2. Tối thiểu', '3. Mức độ']);
  });

  it('keeps the footnote text, after the body, and leaves the citing sentence as written', async () => {
    const texts = (await readDocxDocument(readFileSync(file), 'hy.docx')).blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));
    const note = texts.findIndex((t) => t.includes('do Văn phòng UBND tỉnh công bố và cập nhật hằng quý'));
    const lastBody = texts.findIndex((t) => t.includes('trước ngày 10 của tháng cuối quý'));
    expect(note).toBeGreaterThan(lastBody);
    expect(lastBody).toBeGreaterThan(0);
    expect(texts.find((t) => t.includes('toàn trình'))).toMatch(/đạt 100%\.$/);
  });
});
