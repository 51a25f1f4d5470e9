import { InputError, problem } from '../../domain/errors.ts';
import { fold } from '../../domain/plans/text-folding.ts';
import { parseNumbering } from '../../domain/plans/numbering.ts';
import type { DocumentBlock, DocumentModel, TableBlock } from '../document-model.ts';
import { message } from '../../domain/messages/message.ts';

/**
 * Reduces the conversion artefacts found in plan texts to plain text: HTML fragments (`<p>`,
 * `<br>`, `<li>` become line breaks inside a cell, other tags vanish, entities are decoded), LaTeX
 * comparators (`$\geq 75\%$` → `≥ 75%`) and Markdown emphasis (`**100%**` → `100%`).
 *
 * @example cleanInline('<p>Sở Y tế</p><p>Sở Tài chính</p>') // 'Sở Y tế\nSở Tài chính'
 */
export function cleanInline(text: string): string {
  return text
    .replace(/<\s*br\s*\/?>/gi, '\n')
    .replace(/<\/\s*(?:p|li|div|tr)\s*>/gi, '\n')
    .replace(/<\s*li[^>]*>/gi, '\n')
    .replace(/<[^>]{0,300}>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\\geq?\b/g, '≥')
    .replace(/\\leq?\b/g, '≤')
    .replace(/\\(?:times)\b/g, '×')
    .replace(/\\%/g, '%')
    .replace(/\$/g, '')
    .replace(/\*\*|(?<=\s|^)\*(?=\S)|(?<=\S)\*(?=\s|$|[:.])/g, '')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

function assertText(text: string): void {
  let control = 0;
  let line = 1;
  let firstBadLine = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 0 || (c < 32 && c !== 9 && c !== 13 && c !== 12) || c === 0xfffe || c === 0xffff) {
      control++;
      if (!firstBadLine) firstBadLine = line;
      if (c === 0) {
        throw new InputError(message('import.not_text_document'), [
          problem({ line }, message('import.binary_content_not_plan_text')),
        ]);
      }
    }
  }
  if (control > 8 && control > text.length / 200) {
    throw new InputError(message('import.not_text_document_again'), [
      problem({ line: firstBadLine }, message('import.too_many_control_characters')),
    ]);
  }
}

const PAGE_NUMBER = /^\s*(?:[-–]\s*)?(?:trang\s+)?\d{1,4}(?:\s*[-–/]\s*\d{1,4})?(?:\s*[-–])?\s*$/i;
const SEPARATOR_ROW = /^[\s\-–—|:=_]*$/;

function isTableLine(line: string): boolean {
  return line.includes('\t') && line.replace(/\t/g, '').trim().length > 0;
}

/**
 * Reads a plan written as plain text (the seeds' form) into blocks. Lines with tabs form table
 * rows; tables with the same header that a page break cut apart are joined, and header rows
 * repeated on each page are dropped. Other lines become paragraphs, with hard-wrapped lines
 * joined to the paragraph they continue (a line starting in lower case; in a hard-wrapped text
 * also a capitalised line after a full-width line, unless it opens a new item) and stray page
 * numbers dropped. Throws InputError, naming the line, only for binary input.
 *
 * @example readTextDocument('KẾ HOẠCH\n\nSTT\tNhiệm vụ\n1\tViệc A', 'a.txt').blocks.length // 2
 */
export function readTextDocument(text: string, source: string): DocumentModel {
  assertText(text);
  const lines = text.replace(/^\uFEFF/, '').normalize('NFC').split(/\r\n|\r|\n/);
  const blocks: DocumentBlock[] = [];
  let table: TableBlock | null = null;
  let lastParagraphLine = -1;
  let blankSince = false;

  const headerKey = (cells: string[]): string => fold(cells.join('|')).replace(/\s+/g, ' ');
  const tableHeaders = new Map<TableBlock, Set<string>>();
  const width = wrapWidth(lines);
  let prevLineLength = 0;

  for (let i = 0; i < lines.length; i++) {
    const rawLine = lines[i] ?? '';
    const lineNo = i + 1;
    if (isTableLine(rawLine)) {
      const cells = rawLine.split('\t').map(cleanInline);
      if (cells.every((c) => SEPARATOR_ROW.test(c))) continue;
      const key = headerKey(cells);
      const prev = blocks[blocks.length - 1];
      if (!table && prev?.type === 'table' && lastParagraphLine < prev.line && tableHeaders.get(prev)?.has(key)) {
        table = prev; // the same table resumes after a page break: drop the repeated header
        continue;
      }
      // After a blank line, a header row with another number of columns opens the next table (two
      // appendix tables one after the other), where the same columns would be the table resuming.
      const width = table?.rows[0]?.cells.length ?? 0;
      if (table && blankSince && cells.length !== width && looksLikeHeader(cells) && !(tableHeaders.get(table)?.has(key) ?? false)) table = null;
      if (!table) {
        table = { type: 'table', line: lineNo, rows: [] };
        const title = [...blocks].reverse().find((b) => b.type === 'paragraph');
        if (title?.type === 'paragraph') table.title = title.text;
        blocks.push(table);
        tableHeaders.set(table, new Set());
      }
      const headers = tableHeaders.get(table) ?? new Set<string>();
      if (headers.has(key)) continue;
      if (table.rows.length < 3 && looksLikeHeader(cells)) headers.add(key);
      if (table.rows.length < 3 && headers.size > 0 && looksLikeSubHeader(cells)) headers.add(key);
      table.rows.push({ line: lineNo, cells });
      blankSince = false;
      continue;
    }
    const trimmed = rawLine.trim();
    if (!trimmed) {
      blankSince = true;
      continue;
    }
    if (table) {
      table = null;
    }
    if (PAGE_NUMBER.test(trimmed) && trimmed.length <= 12) continue;
    const text = cleanInline(trimmed).replace(/\n/g, ' ');
    if (!text) continue;
    const prev = blocks[blocks.length - 1];
    const continues =
      prev?.type === 'paragraph' &&
      /^\p{Ll}/u.test(text) &&
      !/^[a-zđ]\)\s/u.test(text) &&
      !/[.!?]["”)]?$/u.test(prev.text) &&
      (!blankSince || !/:$/.test(prev.text));
    // In a hard-wrapped text a line that fills the width runs on into the next line even when that
    // one starts with a name ("Thành phố", "Bộ …"), a figure ("2020-2025") or a remark "(Thực hiện …)":
    // only a numbering, a bullet or a heading in capitals opens a new item. A short line, a colon, or
    // a full stop before a blank line ends the paragraph.
    const runsOn =
      prev?.type === 'paragraph' &&
      width !== null &&
      prevLineLength >= width * 0.8 &&
      !/:$/.test(prev.text) &&
      (!blankSince || !/[.!?]["”)]?$/u.test(prev.text)) &&
      !opensItem(text);
    prevLineLength = trimmed.length;
    if (continues || runsOn) {
      prev.text = `${prev.text} ${text}`;
    } else {
      blocks.push({ type: 'paragraph', line: lineNo, text });
      lastParagraphLine = lineNo;
    }
    blankSince = false;
  }
  return { source, blocks };
}

/**
 * The line width of a hard-wrapped text (most prose lines end near the same column), or null when
 * lines are paragraphs of their own. Wrapped texts have most lines within 80% of the longest ones;
 * one-paragraph-per-line texts spread their lengths widely.
 */
function wrapWidth(lines: string[]): number | null {
  const lengths = lines.filter((l) => !isTableLine(l)).map((l) => l.trim().length).filter((n) => n > 0).sort((a, b) => a - b);
  if (lengths.length < 20) return null;
  const width = lengths[Math.floor(0.9 * (lengths.length - 1))] ?? 0;
  const full = lengths.filter((n) => n >= width * 0.8).length;
  return full >= lengths.length * 0.5 ? width : null;
}

/** A line that starts an item of its own: a numbering, a bullet, or a heading in capitals. */
function opensItem(text: string): boolean {
  if (parseNumbering(text) || /^[-–•+*]/.test(text)) return true;
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toLocaleUpperCase('vi');
}

const HEADER_WORDS = /\b(?:stt|tt|muc tieu|chi tieu|nhiem vu|don vi|chu tri|phoi hop|thoi han|ket qua|san pham|can cu|dau moi|dau bai|noi dung|ghi chu)\b/;

function looksLikeHeader(cells: string[]): boolean {
  return cells.filter((c) => HEADER_WORDS.test(fold(c))).length >= 2;
}
function looksLikeSubHeader(cells: string[]): boolean {
  const f = cells.map((c) => fold(c));
  return f.some((c) => c === 'chi tiet' || c === 'tt') && !f.some((c) => /\d{2,}|\s\S+\s\S+\s/.test(c));
}
