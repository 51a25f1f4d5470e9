import ts from 'typescript';

/** One string literal that says the same thing in both languages. */
export interface BilingualString {
  /** 1-based line where the literal starts. */
  readonly line: number;
  /** The literal's text, each `${…}` written as `{}`. */
  readonly text: string;
}

/** Letters only Vietnamese writes among the texts we keep: a vowel with a tone or hook mark, or đ. */
const VIETNAMESE_LETTER = /[\u0300-\u036f\u0110\u0111]/u;
/** An English word: two ASCII letters in a row. */
const ASCII_WORD = /[A-Za-z]{2}/;

/**
 * Whether a text is "Vietnamese / English": some part before a spaced slash has a Vietnamese letter
 * and the part right after it (up to the next spaced slash) has an ASCII word and no Vietnamese letter.
 * The spaces around the slash keep out dates (3/2026), paths and fractions; asking for a Vietnamese
 * letter before and none after keeps out choices in one language ("CSV / XLSX", "đạt / chưa đạt").
 *
 * @example
 * isBilingual('Không có đơn vị "{}" / unknown unit "{}"') // true
 * isBilingual('tháng 3/2026') // false
 */
export function isBilingual(text: string): boolean {
  const parts = text.normalize('NFD').split(' / ');
  for (let i = 1; i < parts.length; i += 1) {
    const before = parts.slice(0, i).join(' / ');
    const after = parts[i] ?? '';
    if (VIETNAMESE_LETTER.test(before) && ASCII_WORD.test(after) && !VIETNAMESE_LETTER.test(after)) return true;
  }
  return false;
}

/**
 * The bilingual string literals of a TypeScript source: plain and template literals (a template's
 * parts joined with `{}` where its expressions go, so a message split by an interpolation is still
 * one text). Comments are not literals and are not looked at; a message glued together from several
 * literals with `+` is not seen (none is written that way).
 */
export function findBilingualStrings(source: string, fileName = 'source.ts'): BilingualString[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: BilingualString[] = [];
  const visit = (node: ts.Node): void => {
    let text: string | null = null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node)) text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('{}');
    if (text !== null && isBilingual(text)) {
      found.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, text });
    }
    // A template's inner templates are looked at on their own.
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
