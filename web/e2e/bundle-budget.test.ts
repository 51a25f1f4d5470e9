import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/** The first screen's JavaScript budget (gzip), stated in issue 7; charts load on demand, spreadsheets are written by the server (issue 13). */
const ENTRY_BUDGET_BYTES = 150 * 1024;

const DIST = path.resolve('web/dist');

interface ManifestChunk { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }

/** The entry chunk and the chunks it imports statically: what the browser must load before the first render. */
function firstScreenFiles(manifest: Record<string, ManifestChunk>): string[] {
  const entry = Object.entries(manifest).find(([, c]) => c.isEntry);
  if (!entry) throw new Error('no entry chunk in the Vite manifest');
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  visit(entry[0]);
  return [...seen];
}

describe('first-screen JavaScript budget', () => {
  it('keeps the entry chunk (with its static imports) within 150 kB gzip, charts and exceljs out of it', () => {
    const manifest = JSON.parse(readFileSync(path.join(DIST, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
    const files = firstScreenFiles(manifest).filter((f) => f.endsWith('.js'));
    const gzipped = files.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(DIST, f)), { level: 9 }).length, 0);
    expect(gzipped).toBeLessThanOrEqual(ENTRY_BUDGET_BYTES);
    expect(files.some((f) => /echarts|exceljs/i.test(f))).toBe(false);
  });

  it('ships no spreadsheet library at all: exports are built on the server', () => {
    const scripts = readdirSync(path.join(DIST, 'assets')).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((f) => /exceljs/i.test(f))).toEqual([]);
    // Any XLSX writer names the workbook's parts ("xl/worksheets/sheet1.xml"): no chunk may carry one under another name.
    for (const f of scripts) expect(readFileSync(path.join(DIST, 'assets', f), 'utf8').includes('xl/worksheets/'), f).toBe(false);
  });
});
