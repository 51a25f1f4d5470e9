import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSeed } from '../testing/seeds.ts';
import type { FixtureItem, SeedFixture } from '../testing/seed-fixtures.ts';

// Guards the seed fixtures themselves (see test/fixtures/seeds/AUDIT.md): their shape must follow
// docs/plan-draft-format.md, and the corrections made by the independent audit must not be undone.
function fixture(seed: string): SeedFixture {
  return JSON.parse(readFileSync(new URL(`../../test/fixtures/seeds/${seed}.json`, import.meta.url), 'utf8')) as SeedFixture;
}

const OPS = new Set(['>=', '>', '<=', '<', '=', 'top', 'qualitative']);
const DATED = new Set(['date', 'range']);
const UNDATED = new Set(['recurring', 'on_request', 'conditional', 'none']);
const isoDay = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
const find = (items: FixtureItem[], kind: string, line: number, n = 0): FixtureItem | undefined =>
  items.find((item) => item.kind === kind && item.line === line && item.n === n);

describe.each(['000', '001', '002', '003', '004'])('fixture %s', (seed) => {
  const { items } = fixture(seed);

  it('lists items in document order with one key per item and positions 0, 1, 2… on a line', () => {
    const keys = items.map((item) => `${item.kind}:${item.line}:${item.n}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const item of items) {
      if (item.n > 0) expect(find(items, item.kind, item.line, item.n - 1), `${item.kind}:${item.line}:${item.n}`).toBeDefined();
    }
    for (const kind of ['target', 'task']) {
      const lines = items.filter((item) => item.kind === kind).map((item) => item.line);
      expect(lines).toEqual([...lines].sort((a, b) => a - b));
    }
  });

  it('gives every target a goal and every task none, with documented operators', () => {
    for (const item of items) {
      const key = `${item.kind}:${item.line}:${item.n}`;
      if (item.kind === 'task') {
        expect(item.goal, key).toBeUndefined();
        continue;
      }
      expect(OPS.has(item.goal?.op ?? ''), key).toBe(true);
      if (item.goal?.op === 'qualitative') expect(item.goal.value, key).toBeNull();
      else if (item.goal?.op !== 'top') expect(typeof item.goal?.value, key).toBe('number');
    }
  });

  it('writes deadlines as the documented kinds with real, ordered days', () => {
    for (const { kind, line, n, due } of items) {
      const key = `${kind}:${line}:${n}`;
      if (UNDATED.has(due.kind)) {
        expect([due.start, due.end], key).toEqual([null, null]);
        continue;
      }
      expect(DATED.has(due.kind), key).toBe(true);
      for (const day of [due.start, due.end]) if (day !== null) expect(isoDay(day), `${key} ${day}`).toBe(true);
      if (due.start && due.end) expect(due.start <= due.end, key).toBe(true);
      if (due.kind === 'range') expect(due.start, key).not.toBeNull();
    }
  });

  it('points only at non-blank lines of the seed', () => {
    const text = readSeed(seed);
    if (!text) return;
    const lines = text.split(/\r?\n/);
    const blank = items.filter((item) => !(lines[item.line - 1] ?? '').trim()).map((item) => item.line);
    expect(blank).toEqual([]);
  });
});

describe('fixtures 000 and 002 (issue #14) check what the issue was about', () => {
  it('000: every target has a goal read from its value column, a measure and a period; all 45 tasks are listed', () => {
    const { items } = fixture('000');
    const targets = items.filter((item) => item.kind === 'target');
    expect(targets).toHaveLength(40);
    for (const t of targets) {
      expect(t.measure, `target ${t.line}`).toBeDefined();
      expect(t.due.end, `target ${t.line}`).not.toBeNull();
    }
    expect(targets.filter((t) => t.goal?.op === 'qualitative').map((t) => t.line)).toEqual([69]);
    expect(items.filter((item) => item.kind === 'task')).toHaveLength(45);
  });

  it('002: all 82 tasks give their whole word count (25 of them run over a capitalised line)', () => {
    const { items } = fixture('002');
    expect(items.filter((item) => item.kind === 'task')).toHaveLength(82);
    for (const t of items) expect(t.words, `task ${t.line}`).toBeGreaterThan(10);
  });
});

describe('corrections made by the fixture audit stay made', () => {
  it('004: the heading "2.3." is not a second copy of the targets stated in the paragraph below it', () => {
    const { items } = fixture('004');
    expect(items.filter((item) => item.line === 182)).toEqual([]);
    expect(find(items, 'target', 184, 0)?.goal).toEqual({ op: '>=', value: 20 });
    expect(find(items, 'target', 184, 1)?.goal).toEqual({ op: '>=', value: 5 });
  });

  it('001: tasks saying "Nhiệm vụ thường xuyên" are recurring', () => {
    const { items } = fixture('001');
    for (const line of [722, 724]) expect(find(items, 'task', line)?.due).toEqual({ kind: 'recurring', start: null, end: null });
  });

  it('001: part III projects whose units field says "… chủ trì; … phối hợp" keep their partners', () => {
    const { items } = fixture('001');
    const partners: [number, string[]][] = [
      [775, ['Các sở, ban, ngành, xã, phường']],
      [936, ['Sở Khoa học và Công nghệ']],
      [1002, ['Sở Tài chính']],
      [1022, ['Sở Khoa học và Công nghệ']],
      [1042, ['Sở Văn hóa và Thể thao']],
      [1102, ['Sở Tài chính', 'Ban Quản lý các Khu Công nghệ cao và Khu công nghiệp']],
      [1161, ['Chi cục Hải quan Khu vực I', 'Thuế thành phố Hà Nội', 'Sở Khoa học và Công nghệ']],
      [1180, ['Chi cục Hải quan Khu vực I', 'Thuế thành phố Hà Nội', 'Sở Khoa học và Công nghệ']],
      [1220, ['Sở Khoa học và Công nghệ']],
      [1238, ['Sở Khoa học và Công nghệ']],
    ];
    for (const [line, names] of partners) expect(find(items, 'task', line)?.partners, `task ${line}`).toEqual(names);
    // The project's key results carry the same units as the project.
    for (const line of [1048, 1050]) expect(find(items, 'target', line)?.partners, `target ${line}`).toEqual(['Sở Văn hóa và Thể thao']);
  });
});
