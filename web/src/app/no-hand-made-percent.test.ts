import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const WEB_SRC = fileURLToPath(new URL('..', import.meta.url));

/** The leader's screens and the components they draw with: every percentage there goes through format.ts. */
const SCANNED = ['pages/leader', 'components'];

/**
 * Places where a percentage is put together by hand rather than by formatPercent/formatShare/
 * formatMeasured (issue #12: "5%" in one place and "60 %" in another on one page): a "%" glued to an
 * interpolation (`${x}%`, `{x} %`), or a "%" string with a space before it. A CSS length (width: …%)
 * is not a number shown to anyone.
 */
export function handMadePercents(source: string): { line: number; text: string }[] {
  const withoutComments = source
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const found: { line: number; text: string }[] = [];
  withoutComments.split('\n').forEach((text, i) => {
    if (/\b(width|height|left|right|top|bottom)\s*:/.test(text)) return;
    if (/\}(\s|\\u00a0|\u00a0)*%/.test(text) || /['"`](\s|\\u00a0|\u00a0)+%['"`]/.test(text)) found.push({ line: i + 1, text: text.trim() });
  });
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('percentages on the leader screens', () => {
  it('finds the hand-made forms that were on the pages', () => {
    expect(handMadePercents("const a = `${formatNumber(r.pMiss * 100, lang, 0)}%`;")).toHaveLength(1);
    expect(handMadePercents('<span>{formatNumber(r.progress, lang, 0)} %</span>')).toHaveLength(1);
    expect(handMadePercents("const suffix = measure === '%' ? (lang === 'vi' ? '\\u00a0%' : '%') : '';")).toHaveLength(1);
    expect(handMadePercents("r.measure === '%' ? ' %' : ''")).toHaveLength(1);
    expect(handMadePercents('<strong>{s.coverage === null ? \'—\' : `${s.coverage}%`}</strong>')).toHaveLength(1);
  });

  it('leaves formatter calls, comparisons with the measure, CSS lengths and comments alone', () => {
    expect(handMadePercents('{formatShare(r.pMiss, lang)}')).toEqual([]);
    expect(handMadePercents("if (measure === '%') return formatPercent(value, lang);")).toEqual([]);
    expect(handMadePercents('<span style={{ width: `${(n / max) * 100}%` }} />')).toEqual([]);
    expect(handMadePercents('// not an invented {x} % here\n/* nor ${y}% */')).toEqual([]);
  });

  it('has none on any leader page or shared component', () => {
    const offenders = SCANNED.flatMap((dir) => sourceFiles(join(WEB_SRC, dir)).flatMap((file) =>
      handMadePercents(readFileSync(file, 'utf8')).map((h) => `${relative(WEB_SRC, file)}:${h.line}: ${h.text}`)));
    expect(offenders).toEqual([]);
  });
});
