import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DraftTarget, DraftTask, PlanDraft } from '../../importers/draft.ts';
import { diffDrafts, isEmptyDiff, pairItems } from './diff-drafts.ts';

const unit = (name: string, code: string | null = null) => ({ name, code, collective: false });
const none = { raw: null, kind: 'none' as const, start: null, end: null };

function target(seq: number, text: string, extra: Partial<DraftTarget> = {}): DraftTarget {
  return {
    seq,
    sectionPath: ['Chính quyền số'],
    text,
    measure: '%',
    goal: { op: '>=', value: 90, raw: '≥ 90%' },
    monitor: [],
    lead: [unit('Sở Y tế', 'HN_SO_Y_TE')],
    partners: [],
    basis: null,
    due: { raw: null, kind: 'date', start: null, end: '2026-12-31' },
    source: { line: seq + 10 },
    ...extra,
  };
}

function task(seq: number, title: string, extra: Partial<DraftTask> = {}): DraftTask {
  return { seq, sectionPath: ['Nhân lực số'], title, lead: [], partners: [], result: null, product: null, due: none, source: { line: seq + 100 }, ...extra };
}

function draft(targets: DraftTarget[], tasks: DraftTask[] = []): PlanDraft {
  return { plan: { title: 'Kế hoạch thử', code: null, issuer: null, issuedOn: null }, targets, tasks, warnings: [] };
}

const base = [
  target(1, 'tỷ lệ hồ sơ xử lý trực tuyến toàn trình'),
  target(2, 'tỷ lệ người dân có tài khoản định danh điện tử'),
  target(3, 'tỷ lệ trường học dùng học bạ số'),
];

describe('diffDrafts', () => {
  it('finds nothing between a draft and itself', () => {
    const d = draft(base, [task(1, 'Tập huấn kỹ năng số')]);
    const diff = diffDrafts(d, structuredClone(d));
    expect(isEmptyDiff(diff)).toBe(true);
    expect(diff.targets.unchanged).toBe(3);
  });

  it('reports a changed goal, deadline and lead field by field', () => {
    const revised = [
      base[0]!,
      { ...base[1]!, goal: { op: '>=' as const, value: 95, raw: '≥ 95%' }, lead: [unit('Công an Thành phố', 'HN_CA')] },
      { ...base[2]!, due: { raw: 'Quý II/2026', kind: 'date' as const, start: null, end: '2026-06-30' } },
    ];
    const diff = diffDrafts(draft(base), draft(revised));
    expect(diff.targets.added).toEqual([]);
    expect(diff.targets.removed).toEqual([]);
    expect(diff.targets.changed.map((c) => [c.to.seq, c.fields])).toEqual([
      [2, [{ field: 'goal', from: '≥ 90%', to: '≥ 95%' }, { field: 'lead', from: 'Sở Y tế', to: 'Công an Thành phố' }]],
      [3, [{ field: 'due', from: 'date', to: 'Quý II/2026' }]],
    ]);
  });

  it('pairs renumbered items by text, so an insertion is one addition rather than a cascade of changes', () => {
    const inserted = target(2, 'số lượng nền tảng số dùng chung được đưa vào vận hành');
    const revised = [base[0]!, inserted, { ...base[1]!, seq: 3 }, { ...base[2]!, seq: 4 }];
    const diff = diffDrafts(draft(base), draft(revised));
    expect(diff.targets.added.map((t) => t.text)).toEqual([inserted.text]);
    expect(diff.targets.removed).toEqual([]);
    expect(diff.targets.changed.map((c) => c.fields.map((f) => f.field))).toEqual([['seq'], ['seq']]);
  });

  it('reports removed tasks and a reworded one as changed', () => {
    const from = draft([], [task(1, 'Tập huấn kỹ năng số cho cán bộ phường'), task(2, 'Thuê đường truyền mạng')]);
    const to = draft([], [task(1, 'Tập huấn kỹ năng số cho cán bộ, công chức phường')]);
    const diff = diffDrafts(from, to);
    expect(diff.tasks.removed.map((t) => t.seq)).toEqual([2]);
    expect(diff.tasks.changed[0]?.fields.map((f) => f.field)).toEqual(['title']);
  });

  it('pairs every item at most once, whatever the lists', () => {
    const item = fc.record({
      seq: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
      sectionPath: fc.array(fc.constantFrom('A', 'B'), { maxLength: 2 }),
      text: fc.string({ unit: fc.constantFrom('tỷ', 'lệ', 'số', 'hồ', 'sơ', ' '), maxLength: 12 }),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 12 }), fc.array(item, { maxLength: 12 }), (a, b) => {
        const pairs = pairItems(a, b, (x) => x.text);
        expect(new Set(pairs.map((p) => p.from)).size).toBe(pairs.length);
        expect(new Set(pairs.map((p) => p.to)).size).toBe(pairs.length);
        expect(pairs.every((p) => p.from < a.length && p.to < b.length)).toBe(true);
      }),
    );
  });
});
