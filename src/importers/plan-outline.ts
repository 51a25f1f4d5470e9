// The outline: a document's blocks nested by their numbering (I > 1 > 1.1 > a > -), tables and body
// paragraphs as leaves under the heading they follow.
import { parseNumbering, type Numbering } from '../domain/plans/numbering.ts';
import { squash } from '../domain/plans/text-folding.ts';
import type { DocumentModel, TableBlock } from './document-model.ts';

/** A heading, bullet, body paragraph or table, with what is under it. */
export interface OutlineNode {
  line: number;
  text: string;
  num: Numbering | null;
  rank: number;
  children: OutlineNode[];
  table?: TableBlock;
  body?: boolean;
}

export function isBulletRank(rank: number): boolean {
  return rank >= 9.5;
}

export function titleOf(node: OutlineNode): string {
  return squash((node.num?.style === 'appendix' ? node.num.marker : node.num?.rest ?? node.text).replace(/\*/g, '')).replace(/[:.]$/, '');
}

export function buildOutline(model: DocumentModel): OutlineNode {
  const root: OutlineNode = { line: 0, text: '', num: null, rank: -1, children: [] };
  const stack: OutlineNode[] = [root];
  const top = (): OutlineNode => stack[stack.length - 1] ?? root;
  for (const block of model.blocks) {
    if (block.type === 'table') {
      while (stack.length > 1 && top().rank >= 9.5) stack.pop();
      top().children.push({ line: block.line, text: '', num: null, rank: 100, children: [], table: block });
      continue;
    }
    const text = block.text.trim();
    if (!text) continue;
    const num = parseNumbering(text);
    let rank: number;
    if (num) rank = num.rank;
    else if (/:$/.test(text) && text.length < 300) rank = 9.5;
    else {
      while (stack.length > 1 && top().rank >= 9.5) stack.pop();
      top().children.push({ line: block.line, text, num: null, rank: 100, children: [], body: true });
      continue;
    }
    while (stack.length > 1 && top().rank >= rank) stack.pop();
    const node: OutlineNode = { line: block.line, text, num, rank, children: [] };
    top().children.push(node);
    stack.push(node);
  }
  return root;
}

export function directText(node: OutlineNode): string[] {
  return node.children.filter((c) => !c.table).map((c) => (c.num ? c.num.rest : c.text)).filter(Boolean);
}

export function collectText(node: OutlineNode): string[] {
  const out: string[] = [];
  for (const c of node.children) {
    if (c.table) continue;
    out.push(c.num ? c.num.rest : c.text, ...collectText(c));
  }
  return out.filter(Boolean);
}
