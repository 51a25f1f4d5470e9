import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readDocxDocument } from './read-docx-document.ts';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const p = (inner: string, props = ''): string => `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${inner}</w:p>`;
const r = (text: string): string => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const tc = (text: string, props = ''): string => `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}${p(r(text))}</w:tc>`;
const numbered = (numId: number, level: number): string => `<w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="${numId}"/></w:numPr>`;

function docx(body: string, numbering?: string): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`),
  };
  if (numbering) files['word/numbering.xml'] = strToU8(`<?xml version="1.0"?><w:numbering ${W}>${numbering}</w:numbering>`);
  return zipSync(files);
}

describe('reading WordprocessingML directly', () => {
  it('keeps inserted text and drops deleted text and field instructions', async () => {
    const bytes = docx(
      p(`${r('Hoàn thành ')}<w:ins w:id="1"><w:r><w:t>trước</w:t></w:r></w:ins><w:del w:id="2"><w:r><w:delText>sau</w:delText></w:r></w:del>${r(' quý II')}`) +
        p(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>${r('Trang 3')}`),
    );
    const model = await readDocxDocument(bytes, 'a.docx');
    expect(model.blocks).toEqual([
      { type: 'paragraph', line: 1, text: 'Hoàn thành trước quý II' },
      { type: 'paragraph', line: 2, text: 'Trang 3' },
    ]);
  });

  it('expands horizontal and vertical merges so columns stay under their header', async () => {
    const table =
      '<w:tbl>' +
      `<w:tr>${tc('TT')}${tc('Nhiệm vụ')}${tc('Thời hạn', '<w:gridSpan w:val="2"/>')}</w:tr>` +
      `<w:tr>${tc('1', '<w:vMerge w:val="restart"/>')}${tc('Lắp trạm')}${tc('Quý I')}${tc('2027')}</w:tr>` +
      `<w:tr>${tc('', '<w:vMerge/>')}${tc('Nâng cấp mạng')}${tc('Quý III')}${tc('2027')}</w:tr>` +
      '</w:tbl>';
    const model = await readDocxDocument(docx(p(r('DANH MỤC NHIỆM VỤ')) + table), 't.docx');
    const block = model.blocks[1];
    expect(block?.type).toBe('table');
    if (block?.type !== 'table') return;
    expect(block.title).toBe('DANH MỤC NHIỆM VỤ');
    expect(block.rows.map((row) => row.cells)).toEqual([
      ['TT', 'Nhiệm vụ', 'Thời hạn', ''],
      ['1', 'Lắp trạm', 'Quý I', '2027'],
      ['', 'Nâng cấp mạng', 'Quý III', '2027'],
    ]);
  });

  it('writes numbered paragraphs as "1." and bullets as "-" then "+" by level', async () => {
    const numbering =
      '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>' +
      '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>' +
      '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>';
    const body =
      p(r('Mục tiêu chung'), numbered(1, 0)) +
      p(r('Mục tiêu cụ thể'), numbered(1, 0)) +
      p(r('Phủ sóng 5G'), numbered(2, 0)) +
      p(r('Khu công nghiệp'), numbered(2, 1)) +
      p(r('Đoạn thường'));
    const model = await readDocxDocument(docx(body, numbering), 'l.docx');
    expect(model.blocks.map((b) => (b.type === 'paragraph' ? b.text : b.type))).toEqual([
      '1. Mục tiêu chung',
      '2. Mục tiêu cụ thể',
      '- Phủ sóng 5G',
      '+ Khu công nghiệp',
      'Đoạn thường',
    ]);
  });

  it('turns tabs and line breaks into spacing and separate paragraphs, and decodes entities', async () => {
    const body = p(`${r('Sở KH&amp;CN')}<w:r><w:tab/></w:r>${r('chủ trì')}<w:r><w:br/></w:r>${r('Sở Tài chính phối hợp')}`);
    const model = await readDocxDocument(docx(body), 'b.docx');
    expect(model.blocks.map((b) => (b.type === 'paragraph' ? b.text : b.type))).toEqual(['Sở KH&CN chủ trì', 'Sở Tài chính phối hợp']);
  });

  it('refuses a package without word/document.xml with the file named', async () => {
    await expect(readDocxDocument(zipSync({ 'x.xml': strToU8('<a/>') }), 'hong.docx')).rejects.toThrow(/hong\.docx/);
  });
});
