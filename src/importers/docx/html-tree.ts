/**
 * The tree the DOCX reader walks (built from WordprocessingML by docx-xml-tree.ts), and a parser of
 * the same shape written as HTML, which tests use to feed it directly. That HTML is a small, well-formed subset
 * (headings, paragraphs, lists, tables, inline emphasis, links, images, line breaks) with `&`, `<`,
 * `>` and `"` escaped, so a full HTML5 parser would add a dependency without adding safety.
 */
export interface HtmlElement {
  tag: string;
  attributes: Record<string, string>;
  children: HtmlNode[];
}

export type HtmlNode = HtmlElement | string;

const VOID_TAGS = new Set(['br', 'img', 'hr']);
const TOKEN = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*(\/?)>|<!--[\s\S]*?-->|([^<]+)|(<)/g;
const ATTRIBUTE = /([^\s=>/]+)(?:="([^"]*)")?/g;

/**
 * Parses such HTML into a tree under a synthetic root. Unbalanced closing tags close the nearest
 * open element of that name (or are ignored), so a surprising input degrades to text, never throws.
 *
 * @example
 * parseHtml('<p>Một <strong>hai</strong></p>').children[0] // { tag: 'p', children: ['Một ', {tag:'strong',…}] }
 */
export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { tag: '#root', attributes: {}, children: [] };
  const stack: HtmlElement[] = [root];
  const top = (): HtmlElement => stack[stack.length - 1] ?? root;
  for (const match of html.matchAll(TOKEN)) {
    const [, closing, rawTag, rawAttributes, selfClosing, text, strayLt] = match;
    if (text !== undefined || strayLt !== undefined) {
      top().children.push(decodeEntities(text ?? '<'));
      continue;
    }
    if (!rawTag) continue; // comment
    const tag = rawTag.toLowerCase();
    if (closing) {
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
      continue;
    }
    const element: HtmlElement = { tag, attributes: parseAttributes(rawAttributes ?? ''), children: [] };
    top().children.push(element);
    if (!selfClosing && !VOID_TAGS.has(tag)) stack.push(element);
  }
  return root;
}

function parseAttributes(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [, name, value] of raw.matchAll(ATTRIBUTE)) {
    if (name) out[name.toLowerCase()] = decodeEntities(value ?? '');
  }
  return out;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return codePoint(Number.parseInt(body.slice(2), 16)) ?? whole;
    if (body.startsWith('#')) return codePoint(Number.parseInt(body.slice(1), 10)) ?? whole;
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

function codePoint(n: number): string | null {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : null;
}

/** The element's text, with `<br>` and block boundaries (paragraphs, list items) as line breaks. */
export function textOf(node: HtmlNode): string {
  if (typeof node === 'string') return node;
  if (node.tag === 'br') return '\n';
  if (node.tag === 'img') return '';
  const parts = node.children.map(textOf);
  const blockChildren = node.children.some((c) => typeof c !== 'string' && BLOCK_TAGS.has(c.tag));
  return blockChildren ? joinBlocks(node.children) : parts.join('');
}

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'table', 'tr', 'td', 'th', 'div']);

function joinBlocks(children: HtmlNode[]): string {
  const lines: string[] = [];
  let inline = '';
  for (const child of children) {
    if (typeof child !== 'string' && BLOCK_TAGS.has(child.tag)) {
      if (inline.trim()) lines.push(inline);
      inline = '';
      const text = child.tag === 'tr' ? rowText(child) : textOf(child);
      if (text.trim()) lines.push(text);
    } else {
      inline += textOf(child);
    }
  }
  if (inline.trim()) lines.push(inline);
  return lines.join('\n');
}

function rowText(row: HtmlElement): string {
  return row.children
    .filter((c): c is HtmlElement => typeof c !== 'string' && (c.tag === 'td' || c.tag === 'th'))
    .map(textOf)
    .join('\t');
}
