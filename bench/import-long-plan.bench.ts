// A 200-page plan through the real import path (issue #14: "importing a 200-page plan stays under
// 2 s"). The plan is the invented Bắc Ninh plan (test/fixtures/invented/) repeated with varied
// numbers — its prose sections once per chapter, its appendix rows many times — written as DOCX,
// then read in the isolated reader and extracted with the registry, as `import` does. The baseline
// is the least any DOCX import must do: unzipping the same file and decoding word/document.xml to a
// string (fflate, as the reader does), without parsing it. Beside it, the import as it was before the
// warm reader (a worker booted for each read) in the same run.
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { DocumentBlock, DocumentModel, TableBlock } from '../src/importers/document-model.ts';
import { docxFromModel } from '../src/testing/docx-from-model.ts';
import { readDocxDocument } from '../src/importers/docx/read-docx-document.ts';
import { readPlanDocumentInOwnWorker, readPlanDocumentIsolated, warmPlanReader } from '../src/importers/read-plan-document-isolated.ts';
import { loadBuiltInRegistry } from '../src/registry/hanoi.ts';
import { extractWithOwner } from '../src/use-cases/plans/import-plan.ts';
import { durations, percentile, type Benchmark, type BenchResult } from './harness.ts';

/** A printed A4 page of a plan in 13–14 pt holds about this many characters. */
const CHARS_PER_PAGE = 3000;
const PAGES = 200;

/** Numbers changed from copy to copy so that no two chapters or rows are the same text. */
function vary(text: string, k: number): string {
  return text.replace(/\b(\d{1,3})(?=\s?%|\s+trạm|\s*$)/gu, (m) => String((Number(m) + k) % 100 || 1));
}

export async function longPlan(): Promise<{ bytes: Uint8Array; chars: number; chapters: number; rows: number }> {
  const file = new URL('../test/fixtures/invented/bac-ninh-ha-tang-so.docx', import.meta.url);
  const model = await readDocxDocument(readFileSync(file), 'bac-ninh-ha-tang-so.docx');
  const appendix = model.blocks.findIndex((b) => b.type === 'paragraph' && /^PHỤ LỤC$/u.test(b.text.trim()));
  const bodyStart = model.blocks.findIndex((b) => b.type === 'paragraph' && /^I\.\s/u.test(b.text.trim()));
  const header = model.blocks.slice(0, bodyStart);
  const body = model.blocks.slice(bodyStart, appendix);
  const tail = model.blocks.slice(appendix);
  const blocks: DocumentBlock[] = [...header];
  let chars = 0;
  let chapters = 0;
  let rows = 0;
  const count = (b: DocumentBlock): number => (b.type === 'paragraph' ? b.text.length : b.rows.reduce((n, r) => n + r.cells.join(' ').length, 0));
  // Half the pages prose chapters, half appendix rows: long plans are both.
  while (chars < (PAGES * CHARS_PER_PAGE) / 2) {
    chapters++;
    for (const b of body) {
      const copy: DocumentBlock = b.type === 'paragraph' ? { ...b, text: vary(b.text, chapters) } : b;
      blocks.push(copy);
      chars += count(copy);
    }
  }
  for (const b of tail) {
    if (b.type !== 'table') {
      blocks.push(b);
      continue;
    }
    const [head, ...data] = b.rows;
    const grown: TableBlock = { ...b, rows: head ? [head] : [] };
    let seq = 0;
    for (let k = 0; chars < PAGES * CHARS_PER_PAGE / (b === tail.find((t) => t.type === 'table') ? 1.25 : 1); k++) {
      for (const r of data) {
        const numbered = /^\d+$/.test(r.cells[0] ?? '');
        const cells = r.cells.map((c, i) => (i === 0 && numbered ? String(++seq) : vary(c, k)));
        grown.rows.push({ line: 0, cells });
        chars += cells.join(' ').length;
        if (numbered) rows++;
      }
    }
    blocks.push(grown);
  }
  const long: DocumentModel = { source: 'long.docx', blocks };
  return { bytes: await docxFromModel(long), chars, chapters, rows };
}

const bench: Benchmark = {
  title: 'A 200-page plan imported (isolated DOCX read + extraction with the registry)',
  async run(): Promise<BenchResult[]> {
    const { bytes, chars, chapters, rows } = await longPlan();
    const units = loadBuiltInRegistry();
    let targets = 0;
    let tasks = 0;
    // As a server does at start (serve warms the reader); the first import then finds it booted.
    await warmPlanReader();
    const imports = await durations(async () => {
      const model = await readPlanDocumentIsolated(bytes, 'long.docx');
      const { draft } = extractWithOwner(model, units, null);
      targets = draft.targets.length;
      tasks = draft.tasks.length;
    }, 5);
    const coldImports = await durations(async () => {
      extractWithOwner(await readPlanDocumentInOwnWorker(bytes, 'long.docx'), units, null);
    }, 3);
    const rawXml = await durations(() => strFromU8(unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' })['word/document.xml']!).length, 5);
    // Where the time goes: reading (worker, unzip, XML to blocks) against extracting.
    const model = await readPlanDocumentIsolated(bytes, 'long.docx');
    const extractOnly = await durations(() => extractWithOwner(model, units, null), 3);
    return [
      {
        name: `${PAGES}-page plan import (p50)`,
        value: percentile(imports, 50),
        unit: 'ms',
        baselineName: 'unzip + decode word/document.xml alone (p50)',
        baselineValue: percentile(rawXml, 50),
        higherIsBetter: false,
        notes: {
          'pages (3000 chars each)': Math.round(chars / CHARS_PER_PAGE),
          'DOCX KB': Math.round(bytes.byteLength / 1024),
          chapters,
          'appendix rows': rows,
          targets,
          tasks,
          'import max ms': Math.max(...imports),
          'import with a worker booted per read (as before) p50 ms': percentile(coldImports, 50),
          'extraction alone p50 ms': percentile(extractOnly, 50),
          'under 2 s': Math.max(...imports) < 2000 ? 'yes' : 'NO',
        },
      },
    ];
  },
};

export default bench;
