import { InputError } from '../../domain/errors.ts';
import type { DocumentBlock, DocumentModel, TableBlock } from '../document-model.ts';
import { docxXmlTree } from './docx-xml-tree.ts';
import { parseHtml, textOf, type HtmlElement, type HtmlNode } from './html-tree.ts';
import { message } from '../../domain/messages/message.ts';

/**
 * Reads a DOCX plan into the document model: headings, paragraphs and list items become paragraph
 * blocks, tables become table blocks. `line` is a running index over paragraphs and table rows in
 * document order (1-based), so every warning points at one paragraph or one row.
 *
 * Merged cells are expanded so that columns stay aligned with the header: a cell spanning two
 * columns is followed by an empty cell, and a cell spanning two rows leaves an empty cell below.
 *
 * @example
 * const model = await readDocxDocument(await readFile('ke-hoach.docx'), 'ke-hoach.docx');
 * model.blocks[0] // { type: 'paragraph', line: 1, text: 'KẾ HOẠCH' }
 */
export function readDocxDocument(bytes: Uint8Array, source: string): Promise<DocumentModel> {
  // Reading is synchronous now; the promise keeps the readers' common shape (and errors as rejections).
  try {
    return Promise.resolve(readDocxDocumentNow(bytes, source));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

function readDocxDocumentNow(bytes: Uint8Array, source: string): DocumentModel {
  let tree: HtmlElement;
  try {
    tree = docxXmlTree(bytes);
  } catch (error) {
    throw new InputError(message('import.docx_file_cannot_read', { source }), [
      { field: 'file', message: error instanceof Error ? error.message : String(error) },
    ]);
  }
  return { source, blocks: blocksFromTree(tree) };
}

/** The blocks of HTML of the shape the DOCX tree has; exported for tests that feed HTML directly. */
export function blocksFromHtml(html: string): DocumentBlock[] {
  return blocksFromTree(parseHtml(html));
}

function blocksFromTree(root: HtmlElement): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  let index = 0;
  const next = (): number => ++index;

  const addParagraphs = (text: string, prefix = ''): void => {
    text
      .split('\n')
      .map(cleanLine)
      .filter((line) => line.length > 0)
      .forEach((line, i) => blocks.push({ type: 'paragraph', line: next(), text: i === 0 ? prefix + line : line }));
  };

  const walkList = (list: HtmlElement, depth: number): void => {
    let n = 0;
    for (const item of elements(list.children)) {
      if (item.tag !== 'li') {
        walk(item);
        continue;
      }
      n++;
      // Plans write the first level of bullets with "-" and the second with "+".
      const prefix = list.tag === 'ol' ? `${n}. ` : depth === 0 ? '- ' : '+ ';
      const own = item.children.filter((c) => typeof c === 'string' || (c.tag !== 'ul' && c.tag !== 'ol'));
      addParagraphs(textOf({ tag: 'li', attributes: {}, children: own }), prefix);
      for (const nested of elements(item.children)) {
        if (nested.tag === 'ul' || nested.tag === 'ol') walkList(nested, depth + 1);
      }
    }
  };

  const walk = (node: HtmlNode): void => {
    if (typeof node === 'string') {
      addParagraphs(node);
      return;
    }
    switch (node.tag) {
      case 'p':
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6':
        addParagraphs(textOf(node));
        return;
      case 'ul':
      case 'ol':
        walkList(node, 0);
        return;
      case 'table': {
        const table = tableBlock(node, next);
        // As the text reader does: the paragraph just above a table is its title ("DANH MỤC…").
        const above = blocks[blocks.length - 1];
        if (above?.type === 'paragraph') table.title = above.text;
        if (table.rows.length > 0) blocks.push(table);
        return;
      }
      default:
        for (const child of node.children) walk(child);
    }
  };

  for (const child of root.children) walk(child);
  return blocks;
}

function tableBlock(table: HtmlElement, next: () => number): TableBlock {
  const rows: TableBlock['rows'] = [];
  // Cells still owed to later rows by a rowspan: column → rows remaining.
  const pending = new Map<number, number>();
  for (const tr of rowsOf(table)) {
    const cells: string[] = [];
    let column = 0;
    const fillPending = (): void => {
      while ((pending.get(column) ?? 0) > 0) {
        pending.set(column, (pending.get(column) ?? 1) - 1);
        cells.push('');
        column++;
      }
    };
    for (const cell of elements(tr.children)) {
      if (cell.tag !== 'td' && cell.tag !== 'th') continue;
      fillPending();
      const colspan = spanOf(cell.attributes.colspan);
      const rowspan = spanOf(cell.attributes.rowspan);
      cells.push(cellText(cell));
      for (let i = 1; i < colspan; i++) cells.push('');
      for (let i = 0; i < colspan; i++) {
        if (rowspan > 1) pending.set(column + i, rowspan - 1);
      }
      column += colspan;
    }
    fillPending();
    const line = next();
    if (cells.some((c) => c.length > 0)) rows.push({ line, cells });
  }
  return { type: 'table', line: rows[0]?.line ?? 0, rows };
}

function rowsOf(table: HtmlElement): HtmlElement[] {
  const out: HtmlElement[] = [];
  for (const child of elements(table.children)) {
    if (child.tag === 'tr') out.push(child);
    else if (child.tag === 'thead' || child.tag === 'tbody' || child.tag === 'tfoot') out.push(...rowsOf(child));
  }
  return out;
}

function cellText(cell: HtmlElement): string {
  return textOf(cell)
    .split('\n')
    .map(cleanLine)
    .filter((l) => l.length > 0)
    .join('\n');
}

function spanOf(raw: string | undefined): number {
  const n = Number(raw ?? 1);
  // A span beyond the sheet width can only be corrupt; clamp it rather than allocate wildly.
  return Number.isInteger(n) && n >= 1 ? Math.min(n, 64) : 1;
}

function elements(nodes: HtmlNode[]): HtmlElement[] {
  return nodes.filter((n): n is HtmlElement => typeof n !== 'string');
}

function cleanLine(line: string): string {
  return line.normalize('NFC').replace(/[\s\u00a0]+/g, ' ').trim();
}
