import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The text of a PDF, page after page, for tests that look for words in generated files. Each page's
 * text runs are joined as printed, and again with all white space removed, so that a word the
 * layout broke across runs or lines (a narrow table cell) is still found.
 *
 * @example
 * expect(await pdfText(res.rawPayload)).not.toContain('chitieumatrieng');
 */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
      page.cleanup();
    }
    const printed = pages.join('\n\f\n');
    return `${printed}\n${printed.replace(/\s+/g, '')}`;
  } finally {
    await pdf.destroy();
  }
}
