import { describe, expect, it } from 'vitest';
import { loadBuiltInRegistry } from '../../registry/hanoi.ts';
import { readSeed } from '../../testing/seeds.ts';
import { foldVietnamese } from './normalize-unit-name.ts';
import { splitUnitNames } from './split-unit-names.ts';
import { UnitResolver } from './unit-resolver.ts';

/**
 * Every unit name in the seeds' tables must resolve to a unit or be a collective name. The names
 * are read from the seeds at run time: the columns naming who monitors, leads and coordinates.
 */
const UNIT_COLUMNS = [/^don vi chu tri/, /^don vi phoi hop/, /^dau moi/, /^co quan phoi hop/];
const VINH_TUY = 'HN_P_VINH_TUY';

/**
 * Cells in a unit column that hold no unit name, because the conversion shifted a row's cells. Each
 * is named by seed and line; any other such cell fails the test.
 */
const NOT_NAMES: { seed: string; line: number; reason: string }[] = [
  { seed: '001', line: 1558, reason: 'continuation row: the KPI text spilled into the lead-unit column' },
  { seed: '001', line: 1559, reason: 'row shifted one cell right: the KPI list sits in the lead-unit column' },
];

interface NameInTable {
  seed: string;
  line: number;
  column: string;
  name: string;
}

/** The unit names of a seed's tab-separated tables, each with its line and column header. */
function unitNamesInTables(seed: string, text: string): { names: NameInTable[]; skipped: { seed: string; line: number }[] } {
  const names: NameInTable[] = [];
  const skipped: { seed: string; line: number }[] = [];
  let columns: { index: number; header: string }[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (/^\s*Phụ lục/i.test(raw)) columns = [];
    if (!raw.includes('\t')) return;
    const cells = raw.split('\t');
    const headerHits = cells
      .map((c, index) => ({ index, header: c.trim() }))
      .filter(({ header }) => UNIT_COLUMNS.some((p) => p.test(foldVietnamese(header))));
    if (headerHits.length > 0) {
      columns = headerHits;
      return;
    }
    for (const { index, header } of columns) {
      const cell = (cells[index] ?? '').trim();
      if (cell === '' || /^-+$/.test(cell)) continue;
      if (/^(?:-\s|<ul)/.test(cell) || cell.length > 160) {
        skipped.push({ seed, line });
        continue;
      }
      for (const name of splitUnitNames(cell)) names.push({ seed, line, column: header, name });
    }
  });
  return { names, skipped };
}

const resolver = new UnitResolver(loadBuiltInRegistry());
const seeds = [
  { prefix: '001', text: readSeed('001'), within: undefined },
  { prefix: '004', text: readSeed('004'), within: VINH_TUY },
];

describe.each(seeds)('unit names in the tables of seed $prefix', ({ prefix, text, within }) => {
  it.skipIf(text === null)('each resolves to a unit or is collective', () => {
    const { names, skipped } = unitNamesInTables(prefix, text as string);
    expect(names.length).toBeGreaterThan(prefix === '004' ? 150 : 20);
    expect(skipped).toEqual(NOT_NAMES.filter((n) => n.seed === prefix).map(({ seed, line }) => ({ seed, line })));

    const unresolved = names.filter(({ name }) => {
      const r = resolver.resolve(name, within ? { within } : {});
      return !r.collective && (r.matches.length === 0 || (r.matches[0]?.score ?? 0) < 0.8);
    });
    expect(unresolved).toEqual([]);
  });
});

describe('what the seeds’ names resolve to', () => {
  const text = readSeed('004');
  it.skipIf(text === null)('gives the ward’s own offices in the ward plan, and the city bodies by their names', () => {
    const { names } = unitNamesInTables('004', text as string);
    const resolved = new Map<string, string>();
    for (const { name } of names) {
      const r = resolver.resolve(name, { within: VINH_TUY });
      resolved.set(name, r.collective ? 'collective' : (r.matches[0]?.code ?? 'none'));
    }
    const expectations: [RegExp, string][] = [
      [/^Văn phòng H.ND&UBND phường$/, 'HN_P_VINH_TUY_VP'],
      [/^Văn phòng H.ND&UBND$/, 'HN_P_VINH_TUY_VP'],
      [/^Phòng Văn ho[aá] [-–] Xã hội$/, 'HN_P_VINH_TUY_VHXH'],
      [/^Phòng Kinh tế, Hạ tầng và Đô thị$/, 'HN_P_VINH_TUY_KT_HT_DT'],
      [/^Sở Khoa học và Công nghệ$/, 'HN_SO_KHCN'],
      [/^Văn phòng UBND Thành phố$/, 'HN_VP_UBND'],
      [/^Công an Thành phố$/, 'HN_CONG_AN'],
      [/^Công an phường$/, 'HN_P_VINH_TUY_CONG_AN'],
      [/^Trạm Y tế$/, 'HN_P_VINH_TUY_TRAM_Y_TE'],
      [/^Các phòng, ban, đơn vị liên quan$/, 'collective'],
      [/^Các trường học$/, 'collective'],
    ];
    for (const [pattern, code] of expectations) {
      const seen = [...resolved.entries()].filter(([name]) => pattern.test(name));
      expect(seen.length, `no name like ${String(pattern)} in seed 004`).toBeGreaterThan(0);
      for (const [name, got] of seen) expect(got, name).toBe(code);
    }
  });
});
