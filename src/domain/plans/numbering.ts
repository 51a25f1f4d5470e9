/** How a line is numbered, and how deep that numbering sits in the outline. */
export interface Numbering {
  style: 'appendix' | 'roman' | 'roman-letter' | 'decimal' | 'letter' | 'paren' | 'dash' | 'plus';
  /** The marker as written ("2.1.", "a)", "-"). */
  marker: string;
  /** Outline rank: smaller is outer. Decimal "2.1.3." ranks by its depth. */
  rank: number;
  /** The item's own number when it has one ("2.1.3." → 3, "b)" → 2). */
  seq: number | null;
  /** The text after the marker. */
  rest: string;
}

const LETTERS = 'abcdđeghiklmnopqrstuvxy';
const ROMAN_RE = /^(X{0,3}(?:IX|IV|V?I{0,3}))$/;

export function romanToNumber(roman: string): number | null {
  const r = roman.toUpperCase();
  if (!r || !ROMAN_RE.test(r)) return null;
  const values: Record<string, number> = { I: 1, V: 5, X: 10 };
  let total = 0;
  for (let i = 0; i < r.length; i++) {
    const v = values[r[i] ?? ''] ?? 0;
    const next = values[r[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total || null;
}

/**
 * Reads the numbering at the start of a line: "Phụ lục 01", "IV.", "I.A.", "2.1.3.", "a)",
 * "(1)", "-", "+" (and the seeds' "- +" for a second-level bullet). Returns null for plain text.
 *
 * @example parseNumbering('2.1.3. Số hóa thủ tục') // {style:'decimal', rank:3, seq:3, rest:'Số hóa thủ tục', …}
 */
export function parseNumbering(line: string): Numbering | null {
  const text = line.replace(/^\s+/, '').replace(/^\*+\s*(?=\S)/, '');
  let m = /^(ph[ụỤ] l[ụỤ]c)\s+([0-9IVX]+)\b\.?\s*(.*)$/iu.exec(text);
  if (m) return { style: 'appendix', marker: `${m[1]} ${m[2]}`, rank: 0, seq: /\d/.test(m[2] ?? '') ? Number(m[2]) : romanToNumber(m[2] ?? ''), rest: (m[3] ?? '').trim() };
  // A plan's only appendix goes unnumbered ("PHỤ LỤC" alone on its line): a heading all the same.
  m = /^(PH[ỤU] L[ỤU]C|Ph[ụu] l[ụu]c)\s*$/u.exec(text);
  if (m) return { style: 'appendix', marker: m[1] ?? '', rank: 0, seq: 1, rest: '' };
  m = /^([IVX]{1,5})\.([A-Z])\.\s+(.*)$/.exec(text);
  if (m) return { style: 'roman-letter', marker: `${m[1]}.${m[2]}.`, rank: 2, seq: (m[2] ?? 'A').charCodeAt(0) - 64, rest: m[3] ?? '' };
  m = /^([IVX]{1,5})[.)]\s+(.*)$/.exec(text);
  if (m && romanToNumber(m[1] ?? '')) return { style: 'roman', marker: `${m[1]}.`, rank: 1, seq: romanToNumber(m[1] ?? ''), rest: m[2] ?? '' };
  m = /^((?:\d{1,2}\.){1,4}\d{0,2})\.?\s+(?=\S)(.*)$/.exec(text);
  if (m?.[1] && !/^\d+\.\d{3}/.test(text)) {
    const parts = m[1].split('.').filter(Boolean);
    if (parts.length >= 1 && parts.every((p) => Number(p) < 100)) {
      return { style: 'decimal', marker: m[1], rank: 1 + parts.length, seq: Number(parts[parts.length - 1]), rest: m[2] ?? '' };
    }
  }
  m = /^([a-zđ])\)\s*(.*)$/u.exec(text);
  if (m?.[1]) return { style: 'letter', marker: `${m[1]})`, rank: 8, seq: LETTERS.indexOf(m[1]) + 1 || null, rest: m[2] ?? '' };
  m = /^\((\d{1,2}|[IVX]{1,4})\)\s*(.*)$/.exec(text);
  if (m?.[1]) return { style: 'paren', marker: `(${m[1]})`, rank: 9, seq: /\d/.test(m[1]) ? Number(m[1]) : romanToNumber(m[1]), rest: m[2] ?? '' };
  m = /^-\s*\+\s+(.*)$/.exec(text);
  if (m) return { style: 'plus', marker: '+', rank: 11, seq: null, rest: m[1] ?? '' };
  m = /^[-–•]\s+(.*)$/.exec(text);
  if (m) return { style: 'dash', marker: '-', rank: 10, seq: null, rest: m[1] ?? '' };
  m = /^\+\s+(.*)$/.exec(text);
  if (m) return { style: 'plus', marker: '+', rank: 11, seq: null, rest: m[1] ?? '' };
  return null;
}
