/**
 * Reads a text PDF (most plans circulate as PDF) by rebuilding its layout as the plain text the
 * text reader already understands: lines from the glyphs' positions, table rows with their cells
 * separated by tabs (columns found from where the header row's cells start, wrapped cell text
 * gathered into its cell), and a form feed at each page break. Everything after that — joining
 * hard-wrapped lines, dropping page numbers and repeated table headers — is the text reader's.
 * A PDF without a text layer (a scan) is refused with a message saying so.
 */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
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

/** A ruled line drawn on the page (a table border or a footnote separator), in page coordinates. */
interface Rule {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** One page as read: its glyphs, its lines, and the horizontal and vertical rules drawn on it. */
interface Page {
  glyphs: Glyphs[];
  lines: Line[];
  across: Rule[];
  down: Rule[];
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
  let pages: Page[];
  try {
    pages = await pdfLines(bytes);
  } catch (error) {
    throw new InputError(message('import.cannot_read_pdf', { source }), [
      problem({ field: 'file' }, message('import.corrupt_or_encrypted_pdf', { value: error instanceof Error ? error.message : String(error) })),
    ]);
  }
  const chars = pages.flatMap((p) => p.lines).reduce((n, l) => n + l.segments.reduce((m, s) => m + s.text.length, 0), 0);
  if (pages.length === 0 || chars / pages.length < SCANNED_CHARS_PER_PAGE) {
    throw new InputError(message('import.pdf_has_no_text_layer', { source }), [
      problem({ field: 'file' }, message('import.scanned_pdf_use_one_exported')),
    ]);
  }
  // A table running onto the next page keeps its columns there: the page's first lines may be only
  // the rest of a wrapped row, too few to show where the columns are.
  let carried: number[] | null = null;
  const notes: string[] = [];
  const outputs: PageOutput[] = [];
  for (const page of pages) {
    const { body, footnotes } = splitFootnotes(page);
    notes.push(...footnotes);
    const out: PageOutput = [];
    for (const part of ruledParts(page, body)) {
      if (part.kind === 'grid') {
        out.push(...part.rows);
        out.push('');
        carried = null;
        continue;
      }
      const text = pageText(part.lines, carried);
      carried = text.lastColumns;
      out.push(...text.text.split('\n'));
    }
    continueRow(outputs[outputs.length - 1], out);
    outputs.push(out);
  }
  const texts = outputs.map((out) => out.map((l) => (typeof l === 'string' ? l : l.join('\t'))).join('\n'));
  // Footnotes are printed at the foot of their page, away from the sentence citing them; they follow
  // the body, as the DOCX reader places them, so that they never land inside a section's items.
  const text = texts.join('\n\f\n') + (notes.length ? `\n\f\n${notes.join('\n')}` : '');
  return { ...readTextDocument(text, source), source };
}

/** A page as text lines, where a ruled table's rows are kept as their cells until pages are joined. */
type PageOutput = (string | string[])[];

/**
 * A ruled table row cut by a page break: the next page's table opens with a row whose first cell
 * (the numbering) is empty, and whose other cells go on with the row above.
 */
function continueRow(previous: PageOutput | undefined, out: PageOutput): void {
  if (!previous) return;
  const lastRow = [...previous].reverse().find((l) => l !== '');
  const first = out[0];
  if (!Array.isArray(lastRow) || !Array.isArray(first) || first.length !== lastRow.length || first[0] !== '') return;
  first.forEach((cell, k) => {
    if (cell) lastRow[k] = lastRow[k] ? `${lastRow[k]} ${cell}` : cell;
  });
  out.shift();
}

/**
 * The lines of a page's footnotes and the rest. Footnotes sit under a short rule at the left margin
 * (the separator), below every table and below all body text: a rule narrower than half the text,
 * not a table border (no vertical rule meets it), with only lines below it.
 */
function splitFootnotes(page: Page): { body: Line[]; footnotes: string[] } {
  if (page.lines.length === 0) return { body: page.lines, footnotes: [] };
  const left = Math.min(...page.lines.flatMap((l) => l.segments.map((s) => s.x)));
  const right = Math.max(...page.lines.flatMap((l) => l.segments.map((s) => s.end)));
  const separator = page.across
    .filter((r) => r.x1 - r.x0 < (right - left) / 2 && Math.abs(r.x0 - left) < 12)
    .filter((r) => !page.down.some((d) => d.y0 - 2 <= r.y1 && d.y1 + 2 >= r.y0 && d.x0 >= r.x0 - 2 && d.x0 <= r.x1 + 2))
    .filter((r) => page.lines.some((l) => l.y < r.y0))
    .sort((a, b) => a.y0 - b.y0)
    .pop();
  if (!separator) return { body: page.lines, footnotes: [] };
  const below = page.lines.filter((l) => l.y < separator.y0);
  // Footnotes are set smaller than the body; a rule above text of the body's own size is something else.
  const size = (ls: Line[]): number => median(ls.flatMap((l) => page.glyphs.filter((g) => Math.abs(g.y - l.y) < 1).map((g) => g.height)));
  const above = page.lines.filter((l) => l.y >= separator.y0);
  if (above.length === 0 || size(below) >= size(above) - 0.5) return { body: page.lines, footnotes: [] };
  // A note's number is printed before its text: "1 Danh mục …" → "Danh mục …".
  const text = below.map((l) => l.segments.map((s) => s.text).join(' ')).join('\n').replace(/^\d{1,3}\s+/gmu, '');
  return { body: above, footnotes: text ? [text] : [] };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Borders closer than this (points) are one border. */
const BORDER_SLACK = 2;

/**
 * A page cut into ruled tables and the lines between them. A ruled table is a set of vertical rules
 * whose heights overlap, with the horizontal rules across them: its rows are the bands between
 * horizontal rules, its cells the spans between the vertical rules crossing each band, and each glyph
 * belongs to the cell it is drawn in — wherever in the cell (top, centre, bottom) the text sits.
 */
function ruledParts(page: Page, body: Line[]): ({ kind: 'lines'; lines: Line[] } | { kind: 'grid'; rows: string[][] })[] {
  const grids = gridsOf(page);
  const parts: ({ kind: 'lines'; lines: Line[] } | { kind: 'grid'; rows: string[][]; top: number })[] = [];
  let prose: Line[] = [];
  const placed = new Set<Grid>();
  for (const line of body) {
    const grid = grids.find((g) => line.y <= g.top + BORDER_SLACK && line.y >= g.bottom - BORDER_SLACK);
    if (!grid) {
      prose.push(line);
      continue;
    }
    if (placed.has(grid)) continue;
    placed.add(grid);
    if (prose.length) parts.push({ kind: 'lines', lines: prose });
    prose = [];
    parts.push({ kind: 'grid', rows: gridRows(page, grid), top: grid.top });
  }
  if (prose.length) parts.push({ kind: 'lines', lines: prose });
  return parts;
}

interface Grid {
  top: number;
  bottom: number;
  rows: number[]; // horizontal border ys, top down
  columns: number[]; // vertical border xs, left to right
  down: Rule[];
}

function gridsOf(page: Page): Grid[] {
  const groups: Rule[][] = [];
  for (const d of [...page.down].sort((a, b) => b.y1 - a.y1)) {
    const group = groups.find((g) => g.some((o) => d.y0 <= o.y1 + BORDER_SLACK && d.y1 >= o.y0 - BORDER_SLACK));
    if (group) group.push(d);
    else groups.push([d]);
  }
  const grids: Grid[] = [];
  for (const down of groups) {
    const columns = clusterValues(down.map((d) => d.x0));
    if (columns.length < 3) continue; // two borders make a box, not a table
    const top = Math.max(...down.map((d) => d.y1));
    const bottom = Math.min(...down.map((d) => d.y0));
    const left = columns[0]!;
    const right = columns[columns.length - 1]!;
    const rows = clusterValues(
      page.across.filter((r) => r.y0 >= bottom - BORDER_SLACK && r.y1 <= top + BORDER_SLACK && r.x0 <= right && r.x1 >= left).map((r) => (r.y0 + r.y1) / 2),
    ).reverse();
    // The page may cut the table without a border: its top and bottom close the bands.
    if (rows.length === 0 || rows[0]! < top - BORDER_SLACK) rows.unshift(top);
    if (rows[rows.length - 1]! > bottom + BORDER_SLACK) rows.push(bottom);
    // Two tables printed one right under the other have touching borders: a band whose borders share
    // no pattern with the band above (neither set holds the other, as a merged cell's would) starts
    // another table, with columns of its own.
    let start = 0;
    let previous: number[] | null = null;
    const cut = (end: number): void => {
      const bands = rows.slice(start, end + 1);
      const own = clusterValues(bands.slice(0, -1).flatMap((_, b) => edgesOf(columns, down, (bands[b]! + bands[b + 1]!) / 2)));
      if (bands.length >= 2 && own.length >= 3) grids.push({ top: bands[0]!, bottom: bands[bands.length - 1]!, rows: bands, columns: own, down });
      start = end;
    };
    for (let r = 0; r + 1 < rows.length; r++) {
      const edges = edgesOf(columns, down, (rows[r]! + rows[r + 1]!) / 2);
      const within = (a: number[], b: number[]): boolean => a.every((x) => b.some((y) => Math.abs(x - y) <= BORDER_SLACK));
      if (previous && !within(edges, previous) && !within(previous, edges)) cut(r);
      previous = edges;
    }
    cut(rows.length - 1);
  }
  return grids;
}

/** The vertical borders crossing the height y: a merged cell has none between its parts. */
function edgesOf(columns: number[], down: Rule[], y: number): number[] {
  return columns.filter((x) => down.some((d) => Math.abs(d.x0 - x) <= BORDER_SLACK && d.y0 <= y && d.y1 >= y));
}

function clusterValues(values: number[]): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((a, b) => a - b)) {
    if (out.length && v - out[out.length - 1]! <= BORDER_SLACK) continue;
    out.push(v);
  }
  return out;
}

function gridRows(page: Page, grid: Grid): string[][] {
  const rows: string[][] = [];
  for (let r = 0; r + 1 < grid.rows.length; r++) {
    const high = grid.rows[r]!;
    const low = grid.rows[r + 1]!;
    const middle = (high + low) / 2;
    const edges = edgesOf(grid.columns, grid.down, middle);
    const cells = grid.columns.slice(0, -1).map(() => '');
    const inBand = page.glyphs.filter((g) => g.y < high && g.y > low);
    for (let e = 0; e + 1 < edges.length; e++) {
      const from = edges[e]!;
      const to = edges[e + 1]!;
      const glyphs = inBand.filter((g) => g.x >= from - 0.5 && g.x < to);
      const text = linesOf(glyphs)
        .map((l) => l.segments.map((s) => s.text).join(' '))
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim();
      cells[grid.columns.findIndex((x) => Math.abs(x - from) <= BORDER_SLACK)] = text;
    }
    if (cells.some((c) => c)) rows.push(cells.map((c) => c.replace(/\t/g, ' ')));
  }
  return rows;
}

async function pdfLines(bytes: Uint8Array): Promise<Page[]> {
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  const pdf = await task.promise;
  try {
    const pages: Page[] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      const glyphs: Glyphs[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str.trim()) continue;
        const [, , , , x, y] = item.transform as number[];
        glyphs.push({ x: x!, y: y!, width: item.width, height: item.height || Math.abs((item.transform as number[])[3]!), text: item.str });
      }
      const rules = rulesOf(await page.getOperatorList());
      pages.push({ glyphs, lines: linesOf(glyphs), ...rules });
      page.cleanup();
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}

/** A rule is a path at most this thick (points): a border drawn as a line or as a thin filled box. */
const RULE_THICKNESS = 1.5;

/**
 * The straight rules a page draws: table borders and the footnote separator. Row borders are not in the
 * text layer, but they are in the drawing: a cell's text may sit anywhere between them (vertically
 * centred beside a tall cell), so the borders, not the text's lines, tell which row a line belongs to.
 */
function rulesOf(ops: { fnArray: number[]; argsArray: unknown[] }): { across: Rule[]; down: Rule[] } {
  const across: Rule[] = [];
  const down: Rule[] = [];
  let ctm = [1, 0, 0, 1, 0, 0];
  const saved: number[][] = [];
  const apply = (m: number[], x: number, y: number): [number, number] => [m[0]! * x + m[2]! * y + m[4]!, m[1]! * x + m[3]! * y + m[5]!];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) saved.push(ctm);
    else if (fn === OPS.restore) ctm = saved.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (fn === OPS.transform && args) {
      const [a, b, c, d, e, f] = args as number[];
      ctm = [ctm[0]! * a! + ctm[2]! * b!, ctm[1]! * a! + ctm[3]! * b!, ctm[0]! * c! + ctm[2]! * d!, ctm[1]! * c! + ctm[3]! * d!, ctm[0]! * e! + ctm[2]! * f! + ctm[4]!, ctm[1]! * e! + ctm[3]! * f! + ctm[5]!];
    } else if (fn === OPS.constructPath && args) {
      const box = args[2] as ArrayLike<number> | null;
      if (!box || box.length < 4) continue;
      const [ax, ay] = apply(ctm, box[0]!, box[1]!);
      const [bx, by] = apply(ctm, box[2]!, box[3]!);
      const rule = { x0: Math.min(ax, bx), x1: Math.max(ax, bx), y0: Math.min(ay, by), y1: Math.max(ay, by) };
      const w = rule.x1 - rule.x0;
      const h = rule.y1 - rule.y0;
      if (h <= RULE_THICKNESS && w > 10) across.push(rule);
      else if (w <= RULE_THICKNESS && h > 5) down.push(rule);
    }
  }
  return { across, down };
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
