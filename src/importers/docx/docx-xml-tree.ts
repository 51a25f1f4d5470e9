import { strFromU8, unzipSync } from 'fflate';
import { decodeEntities, type HtmlElement } from './html-tree.ts';

/**
 * Reads a DOCX's main part (word/document.xml) straight into the HTML-like tree that the DOCX reader
 * walks — paragraphs, list items, tables with colspan/rowspan, line breaks — without a general
 * DOCX-to-HTML converter. Mammoth built a full document model (styles, runs, images, notes) and then
 * HTML text we parsed again: on a 200-page plan it alone took longer than the whole 2 s budget,
 * while one pass of a tag tokenizer over the XML takes a small fraction of that.
 *
 * What plans use is kept: text of runs (tracked insertions in, deletions and field instructions out),
 * tabs, line breaks, numbered and bulleted paragraphs (numbering.xml decides ordered or bullet) whether
 * the numbering is set on the paragraph or by its style (styles.xml, following basedOn), horizontal
 * (gridSpan) and vertical (vMerge) merges. Footnotes and endnotes are printed away from the sentence
 * that cites them: their paragraphs follow the body, in the order they are cited, and the citing
 * sentence keeps its own text (a reference mark glued to "95%" would change the goal). Headers,
 * footers and comments are not read.
 *
 * @example
 * const root = docxXmlTree(bytes); // { tag: '#root', children: [{ tag: 'p', … }, { tag: 'table', … }] }
 */
export function docxXmlTree(bytes: Uint8Array): HtmlElement {
  const parts = new Set(['word/document.xml', 'word/numbering.xml', 'word/styles.xml', 'word/footnotes.xml', 'word/endnotes.xml']);
  const files = unzipSync(bytes, { filter: (f) => parts.has(f.name) });
  const document = files['word/document.xml'];
  if (!document) throw new Error('word/document.xml is missing');
  const text = (name: string): string => (files[name] ? strFromU8(files[name]) : '');
  const numbering = text('word/numbering.xml');
  const context: TreeContext = {
    bullets: bulletLists(numbering),
    styleNumbering: styleNumbering(text('word/styles.xml'), numbering),
    notes: notesById(text('word/footnotes.xml'), 'footnote', text('word/endnotes.xml'), 'endnote'),
  };
  const cited: string[] = [];
  const root = bodyTree(strFromU8(document), context, cited);
  for (const key of cited) root.children.push(...(context.notes.get(key) ?? []));
  return root;
}

interface TreeContext {
  bullets: Set<string>;
  /** Paragraph style id → the numbering it gives its paragraphs. */
  styleNumbering: Map<string, { numId: string; level: number }>;
  /** "footnote:2" → the note's paragraphs and tables. */
  notes: Map<string, HtmlElement['children']>;
}

/**
 * The numbering each paragraph style gives: its own numPr, or its basedOn ancestor's; the level is
 * the style's ilvl, else the level of numbering.xml that names the style (w:lvl/w:pStyle), else 0.
 */
function styleNumbering(styles: string, numbering: string): Map<string, { numId: string; level: number }> {
  const own = new Map<string, { numId?: string; level?: number; basedOn?: string }>();
  for (const m of styles.matchAll(/<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g)) {
    const id = attribute(m[1] ?? '', 'w:styleId');
    if (!id) continue;
    const body = m[2] ?? '';
    const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(body)?.[1] ?? '';
    const numId = /<w:numId\b[^>]*w:val="([^"]*)"/.exec(numPr)?.[1];
    const ilvl = /<w:ilvl\b[^>]*w:val="(\d+)"/.exec(numPr)?.[1];
    const basedOn = /<w:basedOn\b[^>]*w:val="([^"]*)"/.exec(body)?.[1];
    own.set(id, { numId, level: ilvl === undefined ? undefined : Math.min(Number(ilvl), 8), basedOn });
  }
  const linkedLevel = new Map<string, number>();
  for (const l of numbering.matchAll(/<w:lvl\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)) {
    const style = /<w:pStyle\b[^>]*w:val="([^"]*)"/.exec(l[2] ?? '')?.[1];
    if (style) linkedLevel.set(style, Math.min(Number(l[1]), 8));
  }
  const out = new Map<string, { numId: string; level: number }>();
  for (const id of own.keys()) {
    let numId: string | undefined;
    let level: number | undefined;
    // basedOn chains are short; the bound stops a corrupt cycle.
    for (let at: string | undefined = id, hops = 0; at && hops < 16 && (numId === undefined || level === undefined); hops++) {
      const style = own.get(at);
      numId ??= style?.numId;
      level ??= style?.level;
      at = style?.basedOn;
    }
    if (numId !== undefined && numId !== '0') out.set(id, { numId, level: level ?? linkedLevel.get(id) ?? 0 });
  }
  return out;
}

/** Each footnote's and endnote's content as tree nodes, keyed "footnote:<id>" / "endnote:<id>". */
function notesById(footnotes: string, footKind: string, endnotes: string, endKind: string): Map<string, HtmlElement['children']> {
  const out = new Map<string, HtmlElement['children']>();
  for (const [xml, kind] of [[footnotes, footKind], [endnotes, endKind]] as const) {
    for (const m of xml.matchAll(new RegExp(`<w:${kind}\\b([^>]*)>([\\s\\S]*?)</w:${kind}>`, 'g'))) {
      const id = attribute(m[1] ?? '', 'w:id');
      // Separators (the line above the notes) are notes of a type of their own, with no text.
      if (!id || attribute(m[1] ?? '', 'w:type')) continue;
      const tree = bodyTree(m[2] ?? '', { bullets: new Set(), styleNumbering: new Map(), notes: new Map() }, []);
      out.set(`${kind}:${id}`, tree.children);
    }
  }
  return out;
}

const TAG = /<(\/?)([A-Za-z_][\w.-]*:?[\w.-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|<!\[CDATA\[([\s\S]*?)\]\]>|<[?!][^>]*>|([^<]+)/g;

function attribute(raw: string, name: string): string | undefined {
  const at = raw.indexOf(`${name}="`);
  if (at < 0) return undefined;
  const start = at + name.length + 2;
  return raw.slice(start, raw.indexOf('"', start));
}

/** numId:ilvl pairs whose format is a bullet (everything else numbered lists are ordered). */
function bulletLists(xml: string): Set<string> {
  const abstractBullets = new Map<string, Set<string>>();
  for (const a of xml.matchAll(/<w:abstractNum\b[^>]*w:abstractNumId="([^"]+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g)) {
    const levels = new Set<string>();
    for (const l of (a[2] ?? '').matchAll(/<w:lvl\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)) {
      if (/<w:numFmt\b[^>]*w:val="bullet"/.test(l[2] ?? '')) levels.add(l[1] ?? '0');
    }
    abstractBullets.set(a[1] ?? '', levels);
  }
  const out = new Set<string>();
  for (const n of xml.matchAll(/<w:num\b[^>]*w:numId="([^"]+)"[^>]*>[\s\S]*?<w:abstractNumId\b[^>]*w:val="([^"]+)"/g)) {
    for (const level of abstractBullets.get(n[2] ?? '') ?? []) out.add(`${n[1]}:${level}`);
  }
  return out;
}

interface CellMark {
  cell: HtmlElement;
  column: number;
  colspan: number;
  merge: 'restart' | 'continue' | null;
}

function bodyTree(xml: string, { bullets, styleNumbering: byStyle }: TreeContext, cited: string[]): HtmlElement {
  const root: HtmlElement = { tag: '#root', attributes: {}, children: [] };
  // Containers paragraphs and tables go into: the body, then table cells (nested tables included).
  const containers: HtmlElement[] = [root];
  const tables: { table: HtmlElement; rows: CellMark[][] }[] = [];
  let row: CellMark[] | null = null;
  let cell: CellMark | null = null;
  let paragraph: HtmlElement | null = null;
  let numbering: { numId: string; level: number } | null = null;
  let inText = false;
  let skipDepth = 0; // inside deleted text, field instructions, the alternative content's Choice
  let columnCursor = 0;
  // Open lists per container: the list element at each level.
  const listStacks = new Map<HtmlElement, { list: HtmlElement; numId: string }[]>();
  const container = (): HtmlElement => containers[containers.length - 1] ?? root;
  // Deleted and moved-away text, field instructions, and the alternative content's Choice (its
  // Fallback holds the same text) are not the document's text.
  // A tracked change of paragraph properties holds the old ones (style, numbering): not the paragraph's.
  const SKIPPED = new Set(['w:del', 'w:moveFrom', 'w:instrText', 'w:delText', 'mc:Choice', 'w:pPrChange']);
  // A text box inside a paragraph holds paragraphs of its own: the outer one resumes after it.
  const outerParagraphs: { paragraph: HtmlElement | null; numbering: { numId: string; level: number } | null }[] = [];

  const placeParagraph = (p: HtmlElement): void => {
    const into = container();
    // numId 0 means "no numbering" in WordprocessingML.
    if (!numbering || numbering.numId === '0') {
      listStacks.delete(into);
      into.children.push(p);
      return;
    }
    const { numId, level } = numbering;
    const stack = listStacks.get(into) ?? [];
    if (stack.length > 0 && stack[0]?.numId !== numId) stack.length = 0;
    stack.length = Math.min(stack.length, level + 1);
    while (stack.length <= level) {
      const ordered = !bullets.has(`${numId}:${stack.length}`);
      const list: HtmlElement = { tag: ordered ? 'ol' : 'ul', attributes: {}, children: [] };
      const parent = stack[stack.length - 1]?.list;
      const lastItem = parent?.children[parent.children.length - 1];
      if (lastItem && typeof lastItem !== 'string') lastItem.children.push(list);
      else if (parent) parent.children.push({ tag: 'li', attributes: {}, children: [list] });
      else into.children.push(list);
      stack.push({ list, numId });
    }
    listStacks.set(into, stack);
    stack[level]?.list.children.push({ tag: 'li', attributes: {}, children: p.children });
  };

  for (const m of xml.matchAll(TAG)) {
    const [, closing, name, raw = '', selfClosing, cdata, text] = m;
    if (text !== undefined || cdata !== undefined) {
      if (inText && skipDepth === 0 && paragraph) paragraph.children.push(cdata ?? decodeEntities(text ?? ''));
      continue;
    }
    if (!name) continue;
    if (SKIPPED.has(name)) {
      if (!selfClosing) skipDepth += closing ? -1 : 1;
      continue;
    }
    if (skipDepth > 0) continue;
    if (closing) {
      switch (name) {
        case 'w:t':
          inText = false;
          break;
        case 'w:p':
          if (paragraph) placeParagraph(paragraph);
          ({ paragraph, numbering } = outerParagraphs.pop() ?? { paragraph: null, numbering: null });
          break;
        case 'w:tc':
          containers.pop();
          cell = null;
          break;
        case 'w:tr':
          row = null;
          break;
        case 'w:tbl': {
          const done = tables.pop();
          if (done) finishTable(done.table, done.rows);
          containers.pop();
          listStacks.delete(container());
          if (done) container().children.push(done.table);
          break;
        }
      }
      continue;
    }
    switch (name) {
      case 'w:p':
        if (!selfClosing) {
          outerParagraphs.push({ paragraph, numbering });
          paragraph = { tag: 'p', attributes: {}, children: [] };
          numbering = null;
        }
        break;
      case 'w:t':
        if (!selfClosing) inText = true;
        break;
      case 'w:tab':
        // A tab stop inside a paragraph, not the tab definitions of its properties.
        if (paragraph && !raw.includes('w:pos=')) paragraph.children.push('\t');
        break;
      case 'w:br':
      case 'w:cr': {
        const type = attribute(raw, 'w:type');
        if (paragraph && (type === undefined || type === 'textWrapping')) paragraph.children.push({ tag: 'br', attributes: {}, children: [] });
        break;
      }
      case 'w:noBreakHyphen':
        paragraph?.children.push('-');
        break;
      case 'w:pStyle': {
        // Numbering set by the paragraph's style; numPr on the paragraph itself, read after, overrides it.
        const styled = byStyle.get(attribute(raw, 'w:val') ?? '');
        if (paragraph && !numbering && styled) numbering = { ...styled };
        break;
      }
      case 'w:footnoteReference':
      case 'w:endnoteReference': {
        const id = attribute(raw, 'w:id');
        if (id) cited.push(`${name === 'w:footnoteReference' ? 'footnote' : 'endnote'}:${id}`);
        break;
      }
      case 'w:numId':
        if (paragraph) numbering = { numId: attribute(raw, 'w:val') ?? '0', level: numbering?.level ?? 0 };
        break;
      case 'w:ilvl':
        if (paragraph) numbering = { numId: numbering?.numId ?? '0', level: Math.min(Number(attribute(raw, 'w:val') ?? 0) || 0, 8) };
        break;
      case 'w:tbl': {
        const table: HtmlElement = { tag: 'table', attributes: {}, children: [] };
        tables.push({ table, rows: [] });
        containers.push(table); // stray paragraphs directly in a table stay out of the body
        break;
      }
      case 'w:tr': {
        const t = tables[tables.length - 1];
        row = [];
        t?.rows.push(row);
        columnCursor = 0;
        break;
      }
      case 'w:tc': {
        const c: HtmlElement = { tag: 'td', attributes: {}, children: [] };
        cell = { cell: c, column: columnCursor, colspan: 1, merge: null };
        row?.push(cell);
        containers.push(c);
        break;
      }
      case 'w:gridSpan':
        if (cell) {
          cell.colspan = Math.max(1, Math.min(Number(attribute(raw, 'w:val') ?? 1) || 1, 64));
          columnCursor = cell.column + cell.colspan;
        }
        break;
      case 'w:vMerge':
        if (cell) cell.merge = attribute(raw, 'w:val') === 'restart' ? 'restart' : 'continue';
        break;
    }
    if (name === 'w:tc' && cell) columnCursor = cell.column + 1;
    if (name === 'w:numPr' && paragraph && !numbering) numbering = { numId: '0', level: 0 };
  }
  return root;
}

/** Turns the rows' cell marks into tr/td elements with colspan and rowspan, dropping merged-away cells. */
function finishTable(table: HtmlElement, rows: CellMark[][]): void {
  const above = new Map<number, CellMark>(); // grid column → the cell a vertical merge continues
  for (const row of rows) {
    const tr: HtmlElement = { tag: 'tr', attributes: {}, children: [] };
    for (const mark of row) {
      if (mark.merge === 'continue') {
        const top = above.get(mark.column);
        if (top) {
          top.cell.attributes.rowspan = String(Number(top.cell.attributes.rowspan ?? 1) + 1);
          continue;
        }
      }
      if (mark.colspan > 1) mark.cell.attributes.colspan = String(mark.colspan);
      above.set(mark.column, mark);
      tr.children.push(mark.cell);
    }
    table.children.push(tr);
  }
}
