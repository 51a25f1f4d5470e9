/**
 * Reads a text PDF (most plans circulate as PDF) by rebuilding its layout as the plain text the
 * text reader already understands: lines from the glyphs' positions, table rows with their cells
 * separated by tabs (columns found from where the header row's cells start, wrapped cell text
 * gathered into its cell), and a form feed at each page break. Everything after that — joining
 * hard-wrapped lines, dropping page numbers and repeated table headers — is the text reader's.
 * A PDF without a text layer (a scan) is refused with a message saying so.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { InputError, problem } from '../../domain/errors.ts';
import type { DocumentModel } from '../document-model.ts';
import { readTextDocument } from '../text/read-text-document.ts';
import { message } from '../../domain/messages/message.ts';

interface Glyphs {
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
}

/** A printed line: its baseline, and its text in runs separated by wide gaps (table cells). */
interface Line {
  y: number;
  segments: { x: number; end: number; text: string }[];
}

/** A gap wider than this many times the font size separates two cells of a table row (a word space is about a quarter). */
const CELL_GAP = 0.3;
/** Pages averaging fewer characters than this hold no text layer: a scan. */
const SCANNED_CHARS_PER_PAGE = 20;

/**
 * @example
 * const model = await readPdfDocument(bytes, 'ke-hoach.pdf');
 */
export async function readPdfDocument(bytes: Uint8Array, source: string): Promise<DocumentModel> {
  let pages: Line[][];
  try {
    pages = await pdfLines(bytes);
  } catch (error) {
    throw new InputError(message('import.cannot_read_pdf', { source }), [
      problem({ field: 'file' }, message('import.corrupt_or_encrypted_pdf', { value: error instanceof Error ? error.message : String(error) })),
    ]);
  }
  const chars = pages.flat().reduce((n, l) => n + l.segments.reduce((m, s) => m + s.text.length, 0), 0);
  if (pages.length === 0 || chars / pages.length < SCANNED_CHARS_PER_PAGE) {
    throw new InputError(message('import.pdf_has_no_text_layer', { source }), [
      problem({ field: 'file' }, message('import.scanned_pdf_use_one_exported')),
    ]);
  }
  // A table running onto the next page keeps its columns there: the page's first lines may be only
  // the rest of a wrapped row, too few to show where the columns are.
  let carried: number[] | null = null;
  const texts = pages.map((lines) => {
    const page = pageText(lines, carried);
    carried = page.lastColumns;
    return page.text;
  });
  return { ...readTextDocument(texts.join('\n\f\n'), source), source };
}

async function pdfLines(bytes: Uint8Array): Promise<Line[][]> {
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  const pdf = await task.promise;
  try {
    const pages: Line[][] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      const glyphs: Glyphs[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str.trim()) continue;
        const [, , , , x, y] = item.transform as number[];
        glyphs.push({ x: x!, y: y!, width: item.width, height: item.height || Math.abs((item.transform as number[])[3]!), text: item.str });
      }
      pages.push(linesOf(glyphs));
      page.cleanup();
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}

/** Glyph runs on one baseline (within a third of the font size) form a line, read left to right. */
function linesOf(glyphs: Glyphs[]): Line[] {
  const sorted = [...glyphs].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { y: number; size: number; items: Glyphs[] }[] = [];
  for (const g of sorted) {
    const line = lines.find((l) => Math.abs(l.y - g.y) < Math.max(2, l.size / 3));
    if (line) line.items.push(g);
    else lines.push({ y: g.y, size: g.height || 10, items: [g] });
  }
  return lines
    .sort((a, b) => b.y - a.y)
    .map((l) => {
      const items = placeOverlays(l.items.sort((a, b) => a.x - b.x));
      const segments: Line['segments'] = [];
      for (const g of items) {
        const last = segments[segments.length - 1];
        const gap = last ? g.x - last.end : Infinity;
        if (last && gap < CELL_GAP * l.size) {
          last.text += gap > l.size * 0.15 && !last.text.endsWith(' ') && !g.text.startsWith(' ') ? ` ${g.text}` : g.text;
          last.end = Math.max(last.end, g.x + g.width);
        } else segments.push({ x: g.x, end: g.x + g.width, text: g.text });
      }
      return { y: l.y, segments: segments.map((s) => ({ ...s, text: s.text.replace(/\s+/g, ' ').trim() })).filter((s) => s.text) };
    })
    .filter((l) => l.segments.length > 0);
}

/** Rough advance widths (in ems) of Latin letters, enough to tell where in a run a glyph falls. */
function advance(ch: string): number {
  if (ch === ' ') return 0.25;
  if (/[ijlI.,;:!|'()]/.test(ch)) return 0.28;
  if (/[ftr]/.test(ch)) return 0.35;
  if (/[mwMW%]/.test(ch)) return 0.8;
  if (/\p{Lu}/u.test(ch)) return 0.68;
  return 0.5;
}

/**
 * Glyphs drawn over a run of another font. LibreOffice writes a line in its font and draws the
 * letters that font lacks (often Vietnamese "ệ", "ỉ", "ả") from a fallback font at their places; the
 * text layer then holds the run with a space in each gap, and the missing letters as runs of their own
 * inside it. Each such letter goes into the gap nearest to where it is drawn, in order, so the
 * line reads as printed ("Hi n nay" + "ệ" → "Hiện nay").
 */
function placeOverlays(items: Glyphs[]): Glyphs[] {
  const kept: (Glyphs & { used: number })[] = [];
  for (const g of items) {
    const host = g.text.trim().length <= 3 ? kept.find((h) => g.x >= h.x - 0.01 && g.x < h.x + h.width - 0.5 && h.text.includes(' ')) : undefined;
    if (!host) {
      kept.push({ ...g, used: -1 });
      continue;
    }
    const chars = [...host.text];
    const total = chars.reduce((n, c) => n + advance(c), 0) || 1;
    let at = 0;
    let best = -1;
    let bestDistance = Infinity;
    chars.forEach((c, i) => {
      const x = host.x + (host.width * at) / total;
      at += advance(c);
      if (c !== ' ' || i <= host.used) return;
      const distance = Math.abs(x - g.x);
      if (distance < bestDistance) {
        best = i;
        bestDistance = distance;
      }
    });
    if (best < 0) continue;
    chars.splice(best, 1, g.text.trim());
    host.text = chars.join('');
    host.used = best;
  }
  return kept.map(({ used: _used, ...g }) => g);
}

/**
 * One page as text. A run of lines where some hold two or more cells is a table. Its columns are
 * where cells start on at least two of its lines; each cell goes to the column it starts in. A line
 * with text in one of the two leftmost columns (the numbering: "STT", "1", "I") starts a row; other
 * lines add their text to the cells above them (a wrapped cell). Everything else is prose. Row
 * borders are not in the text layer, so the numbering is what tells rows apart.
 */
function pageText(lines: Line[], carried: number[] | null): { text: string; lastColumns: number[] | null } {
  const out: string[] = [];
  let lastColumns: number[] | null = null;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.segments.length >= 2) {
      // The page opens inside a table (no prose above, no header or numbered row first): the previous page's columns.
      const continues = i === 0 && carried !== null && !HEADER_START.test(line.segments[0]!.text) && !/^\d/.test(line.segments[0]!.text);
      const end = tableEnd(lines, i, continues);
      if (lines.slice(i, end).filter((l) => l.segments.length >= 2).length >= 2) {
        const columns = continues && carried ? carried : columnStarts(lines.slice(i, end));
        out.push(...tableRows(lines.slice(i, end), columns).map((cells) => cells.join('\t')));
        lastColumns = end === lines.length ? columns : null;
        // A blank line tells the text reader that a table right after this one is another.
        if (end < lines.length && HEADER_START.test(lines[end]!.segments[0]!.text)) out.push('');
        i = end;
        continue;
      }
    }
    out.push(line.segments.map((s) => s.text).join(' '));
    lastColumns = null;
    i++;
  }
  return { text: out.join('\n'), lastColumns };
}

const HEADER_START = /^(?:STT|TT|Số TT)(?:\s|$)/u;

/** Where a table starting at `start` ends: at a line of prose running from its left edge across most of its width. */
function tableEnd(lines: Line[], start: number, continuing = false): number {
  const left = Math.min(...lines[start]!.segments.map((s) => s.x));
  const right = Math.max(...lines[start]!.segments.map((s) => s.end));
  let i = start + 1;
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    const only = l.segments[0]!;
    if (l.segments.length === 1 && only.x <= left + 2 && only.end - only.x > 0.6 * (right - left)) break;
    if (l.segments.length === 1 && only.x < left - 4) break;
    // After numbered rows, a header row ("STT | Nhiệm vụ | …") starts the next table, with columns of its own.
    // A header row ("STT | Nhiệm vụ | …") after rows (numbered ones, or the rest of the previous page's) starts the next table.
    if (l.segments.length >= 2 && HEADER_START.test(only.text) && (continuing || lines.slice(start, i).some((p) => /^\d/.test(p.segments[0]!.text)))) break;
  }
  return i;
}

function tableRows(lines: Line[], columns: number[]): string[][] {
  const columnOf = (x: number) => {
    let col = 0;
    columns.forEach((c, k) => {
      if (x >= c - COLUMN_SLACK) col = k;
    });
    return col;
  };
  const rows: string[][][] = [];
  let previous: number[] = [];
  for (const line of lines) {
    const cols = line.segments.map((s) => columnOf(s.x));
    // A row opens with its numbering: text in the first column, or in the second beside other
    // cells. A lone word in the second column under another is that narrow cell wrapping ("Chi tiết").
    const opens = cols.includes(0) || (cols.includes(1) && (cols.some((c) => c >= 2) || !previous.includes(1)));
    if (rows.length === 0 || opens) rows.push(columns.map(() => []));
    previous = cols;
    const row = rows[rows.length - 1]!;
    line.segments.forEach((s, k) => row[cols[k]!]!.push(s.text));
  }
  return rows.map((cells) => cells.map((c) => c.join(' ')));
}

/** Cells starting within this many points of each other are in one column. */
const COLUMN_SLACK = 6;

/** The x where columns start: positions where cells of at least two lines start (one line alone: its own). */
function columnStarts(lines: Line[]): number[] {
  const starts = lines.flatMap((l) => l.segments.map((s) => s.x)).sort((a, b) => a - b);
  const clusters: { x: number; hits: number }[] = [];
  for (const x of starts) {
    const last = clusters[clusters.length - 1];
    if (last && x - last.x <= COLUMN_SLACK) last.hits++;
    else clusters.push({ x, hits: 1 });
  }
  const kept = clusters.filter((c) => c.hits >= 2);
  return (kept.length >= 2 ? kept : clusters).map((c) => c.x);
}
