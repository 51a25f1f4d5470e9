import { createHash } from 'node:crypto';
import type { DocumentModel } from '../../importers/document-model.ts';
import type { PlanDraft } from '../../importers/draft.ts';
import type { NewSection } from '../../repositories/plans.repository.ts';

/**
 * The section tree of a draft, from its items' section paths in document order: every distinct
 * path prefix is one section, parents before children, numbered by position among siblings.
 *
 * @example
 * sectionTree(draft) // [{ parentIndex: null, title: 'Chính quyền số', position: 1, … }, …]
 */
export function sectionTree(draft: PlanDraft): { sections: NewSection[]; indexOfPath: Map<string, number> } {
  const items = [...draft.targets, ...draft.tasks].sort((a, b) => a.source.line - b.source.line);
  const sections: NewSection[] = [];
  const indexOfPath = new Map<string, number>();
  const childCount = new Map<number | null, number>();
  for (const item of items) {
    let parentIndex: number | null = null;
    for (let depth = 1; depth <= item.sectionPath.length; depth++) {
      const key = pathKey(item.sectionPath.slice(0, depth));
      let index = indexOfPath.get(key);
      if (index === undefined) {
        const position = (childCount.get(parentIndex) ?? 0) + 1;
        childCount.set(parentIndex, position);
        index = sections.length;
        sections.push({ parentIndex, number: null, title: item.sectionPath[depth - 1] ?? '', position });
        indexOfPath.set(key, index);
      }
      parentIndex = index;
    }
  }
  return { sections, indexOfPath };
}

export function pathKey(path: string[]): string {
  return path.join('\u0001');
}

/**
 * The identity of a document's content: the blocks' text with whitespace collapsed, without line
 * numbers or the file name, so the same plan saved again or renamed hashes the same.
 */
export function contentHash(model: DocumentModel): string {
  const hash = createHash('sha256');
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
  for (const block of model.blocks) {
    if (block.type === 'paragraph') {
      const text = norm(block.text);
      if (text) hash.update(`P\u0000${text}\n`);
    } else {
      hash.update(`T\u0000${norm(block.title ?? '')}\n`);
      for (const row of block.rows) hash.update(`R\u0000${row.cells.map(norm).join('\u0001')}\n`);
    }
  }
  return hash.digest('hex');
}
