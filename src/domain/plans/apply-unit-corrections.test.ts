import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DraftTarget, DraftTask, DraftUnit, DraftWarning, PlanDraft } from '../../importers/draft.ts';
import { InputError } from '../errors.ts';
import { message } from '../messages/message.ts';
import { applyUnitCorrections, canonicalUnitCorrections, type CorrectionRegistry } from './apply-unit-corrections.ts';

const REGISTRY: Record<string, { validTo: string | null }> = {
  P_VP: { validTo: null },
  P_PVHCC: { validTo: null },
  P_CA: { validTo: null },
  Q_OLD: { validTo: '2025-06-30' },
};
const registry: CorrectionRegistry = { unit: (code) => REGISTRY[code] };
const NAMES = ['Trung tâm Phục vụ hành chính công', 'Đội dân phòng', 'Văn phòng HĐND&UBND', 'Các tổ dân phố', 'Ban Quản lý chợ'];

const due = { raw: null, kind: 'none' as const, start: null, end: null };
const unit = (name: string, code: string | null = null, collective = false): DraftUnit => ({ name, code, collective });
const target = (line: number, units: Partial<Pick<DraftTarget, 'monitor' | 'lead' | 'partners'>>): DraftTarget => ({
  seq: line,
  sectionPath: [],
  text: `chỉ tiêu ${line}`,
  measure: null,
  goal: { op: 'qualitative', value: null, raw: '' },
  monitor: [],
  lead: [],
  partners: [],
  basis: null,
  due,
  source: { line },
  ...units,
});
const task = (line: number, units: Partial<Pick<DraftTask, 'lead' | 'partners'>>): DraftTask => ({
  seq: line,
  sectionPath: [],
  title: `nhiệm vụ ${line}`,
  lead: [],
  partners: [],
  result: null,
  product: 'sản phẩm',
  due,
  source: { line },
  ...units,
});
/** The warning the extractor writes for a name it could not resolve (same wording, so the same matching). */
const unresolved = (line: number, name: string): DraftWarning => ({ line, code: 'unresolved_unit', message: `Không tìm thấy đơn vị "${name}" trong danh mục`, said: message('plan_draft.unresolved_unit', { name }) });
const ambiguous = (line: number, name: string): DraftWarning => ({ line, code: 'ambiguous_unit', message: `Tên đơn vị "${name}" khớp nhiều đơn vị (A, B)`, said: message('plan_draft.ambiguous_unit', { name, codes: 'A, B' }) });
/** As drafts stored warnings before they had codes (one text, the name in quotes). */
const legacy = (w: DraftWarning): DraftWarning => ({ line: w.line, code: w.code, message: `${w.message} / old English half` });

function sampleDraft(): PlanDraft {
  return {
    plan: { title: 'Kế hoạch', code: '1/KH-UBND', issuer: 'UBND phường', issuedOn: '2026-05-05' },
    targets: [
      target(10, { monitor: [unit(NAMES[0] as string)], lead: [unit(NAMES[0] as string)], partners: [unit('Văn phòng HĐND&UBND', 'P_VP')] }),
      target(11, { lead: [unit('Văn phòng HĐND&UBND', 'P_VP')], partners: [unit('Đội dân phòng'), unit('Các tổ dân phố', null, true)] }),
    ],
    tasks: [task(20, { lead: [unit(NAMES[0] as string)], partners: [unit('Đội dân phòng')] })],
    warnings: [
      ambiguous(10, NAMES[0] as string),
      ambiguous(10, NAMES[0] as string),
      unresolved(11, 'Đội dân phòng'),
      { line: 11, code: 'missing_deadline', message: 'x' },
      legacy(ambiguous(20, NAMES[0] as string)),
      legacy(unresolved(20, 'Đội dân phòng')),
    ],
  };
}

function problemsOf(run: () => unknown): { field?: string; message: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).problems;
  }
  throw new Error('expected an InputError');
}

describe('applyUnitCorrections', () => {
  it('sets the code on every code-less reference with the name, as monitor, lead and partner, and drops the answered warnings', () => {
    const draft = sampleDraft();
    const before = structuredClone(draft);
    const { draft: fixed, applied } = applyUnitCorrections(draft, { [NAMES[0] as string]: 'P_PVHCC', 'Đội dân phòng': 'P_CA' }, registry);
    expect(fixed.targets[0]?.monitor).toEqual([unit(NAMES[0] as string, 'P_PVHCC')]);
    expect(fixed.targets[0]?.lead).toEqual([unit(NAMES[0] as string, 'P_PVHCC')]);
    expect(fixed.targets[1]?.partners).toEqual([unit('Đội dân phòng', 'P_CA'), unit('Các tổ dân phố', null, true)]);
    expect(fixed.tasks[0]?.lead[0]?.code).toBe('P_PVHCC');
    expect(fixed.tasks[0]?.partners[0]?.code).toBe('P_CA');
    expect(fixed.warnings).toEqual([{ line: 11, code: 'missing_deadline', message: 'x' }]);
    expect(applied).toEqual([
      { name: NAMES[0], code: 'P_PVHCC', references: 3, lines: [10, 20] },
      { name: 'Đội dân phòng', code: 'P_CA', references: 2, lines: [11, 20] },
    ]);
    expect(draft).toEqual(before); // the input is left as it was
  });

  it('matches names in NFC whatever form the person typed, and may turn a collective name into one unit', () => {
    const nfd = 'Đội dân phòng'.normalize('NFD');
    const { draft: fixed } = applyUnitCorrections(sampleDraft(), { [` ${nfd} `]: 'P_CA', 'Các tổ dân phố': 'P_VP' }, registry);
    expect(fixed.targets[1]?.partners).toEqual([unit('Đội dân phòng', 'P_CA'), unit('Các tổ dân phố', 'P_VP', false)]);
  });

  it('with no corrections returns the very same draft', () => {
    const draft = sampleDraft();
    expect(applyUnitCorrections(draft, {}, registry)).toEqual({ draft, applied: [] });
    expect(applyUnitCorrections(draft, {}, registry).draft).toBe(draft);
  });

  it('names the field of an unknown code, a name not in the plan, a name that already has a code and a dissolved unit', () => {
    const problems = problemsOf(() =>
      applyUnitCorrections(sampleDraft(), { [NAMES[0] as string]: 'NO_SUCH', 'Phòng không có': 'P_CA', 'Văn phòng HĐND&UBND': 'P_CA', 'Đội dân phòng': 'Q_OLD' }, registry),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: `units.${NAMES[0]}`, message: expect.stringContaining('NO_SUCH') as unknown }),
        expect.objectContaining({ field: 'units.Phòng không có', code: 'plan.unit_correction_name_not_in_plan', message: 'Không có đơn vị nào mang tên này trong kế hoạch' }),
        expect.objectContaining({ field: 'units.Văn phòng HĐND&UBND', code: 'plan.unit_correction_name_coded', params: { code: 'P_VP' }, message: 'Tên này đã được gắn mã P_VP, không cần sửa' }),
        expect.objectContaining({ field: 'units.Đội dân phòng', message: expect.stringContaining('30/06/2025') as unknown }),
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('refuses empty names and codes, and one name corrected twice with different codes', () => {
    expect(problemsOf(() => canonicalUnitCorrections({ '  ': 'P_CA' }))).toEqual([expect.objectContaining({ field: 'units' })]);
    expect(problemsOf(() => canonicalUnitCorrections({ 'Đội dân phòng': ' ' }))).toEqual([expect.objectContaining({ field: 'units.Đội dân phòng' })]);
    const nfd = 'Đội dân phòng'.normalize('NFD');
    expect(problemsOf(() => canonicalUnitCorrections({ 'Đội dân phòng': 'P_CA', [nfd]: 'P_VP' }))).toEqual([expect.objectContaining({ field: 'units.Đội dân phòng' })]);
    expect(canonicalUnitCorrections({ 'Đội dân phòng': 'P_CA', [nfd]: ' P_CA' })).toEqual([['Đội dân phòng', 'P_CA']]);
  });
});

// Random drafts built the way the extractor builds them: each code-less, non-collective reference has its warning.
const unitArb = fc.record({
  name: fc.constantFrom(...NAMES),
  code: fc.option(fc.constantFrom('P_VP', 'P_PVHCC', 'P_CA'), { nil: null }),
  collective: fc.boolean(),
});
const listArb = fc.array(unitArb, { maxLength: 3 });
const draftArb: fc.Arbitrary<PlanDraft> = fc
  .record({
    targets: fc.array(fc.record({ line: fc.integer({ min: 1, max: 60 }), monitor: listArb, lead: listArb, partners: listArb }), { maxLength: 6 }),
    tasks: fc.array(fc.record({ line: fc.integer({ min: 1, max: 60 }), lead: listArb, partners: listArb }), { maxLength: 6 }),
    other: fc.array(fc.record({ line: fc.integer({ min: 1, max: 60 }), code: fc.constantFrom('missing_product', 'missing_lead', 'unparsed_goal') }), { maxLength: 4 }),
  })
  .map(({ targets, tasks, other }) => {
    const warnings: DraftWarning[] = other.map((w) => ({ ...w, message: 'khác' }));
    const items = [
      ...targets.map((t) => ({ line: t.line, units: [...t.monitor, ...t.lead, ...t.partners] })),
      ...tasks.map((t) => ({ line: t.line, units: [...t.lead, ...t.partners] })),
    ];
    for (const item of items) {
      for (const u of item.units) if (u.code === null && !u.collective) warnings.push((item.line % 2 ? unresolved : ambiguous)(item.line, u.name));
    }
    return {
      plan: { title: 'Kế hoạch', code: null, issuer: null, issuedOn: '2026-01-01' },
      targets: targets.map((t) => target(t.line, t)),
      tasks: tasks.map((t) => task(t.line, t)),
      warnings,
    };
  });
const refs = (d: PlanDraft): { line: number; unit: DraftUnit }[] => [
  ...d.targets.flatMap((t) => [...t.monitor, ...t.lead, ...t.partners].map((unit) => ({ line: t.source.line, unit }))),
  ...d.tasks.flatMap((t) => [...t.lead, ...t.partners].map((unit) => ({ line: t.source.line, unit }))),
];

describe('applyUnitCorrections (properties)', () => {
  it('fixes exactly the code-less references with a corrected name, never touches the rest, and answers only their warnings', () => {
    fc.assert(
      fc.property(draftArb, fc.func(fc.constantFrom('P_VP', 'P_PVHCC', 'P_CA')), fc.integer({ min: 0, max: 31 }), (draft, pick, mask) => {
        const open = [...new Set(refs(draft).filter((r) => r.unit.code === null).map((r) => r.unit.name))];
        const corrections = Object.fromEntries(open.filter((_, i) => mask & (1 << i)).map((name) => [name, pick(name)]));
        const before = structuredClone(draft);
        const { draft: fixed, applied } = applyUnitCorrections(draft, corrections, registry);
        expect(draft).toEqual(before);
        const was = refs(draft);
        const now = refs(fixed);
        expect(now).toHaveLength(was.length);
        was.forEach((r, i) => {
          const chosen = corrections[r.unit.name];
          if (r.unit.code === null && chosen !== undefined) expect(now[i]?.unit).toEqual({ name: r.unit.name, code: chosen, collective: false });
          else expect(now[i]).toEqual(r);
        });
        const about = (w: DraftWarning, name: string) => ['unresolved_unit', 'ambiguous_unit'].includes(w.code) && w.message.includes(`"${name}"`);
        expect(fixed.warnings.filter((w) => Object.keys(corrections).some((name) => about(w, name)))).toEqual([]);
        expect(fixed.warnings).toEqual(draft.warnings.filter((w) => !Object.keys(corrections).some((name) => about(w, name))));
        expect(applied.reduce((n, a) => n + a.references, 0)).toBe(was.filter((r) => r.unit.code === null && corrections[r.unit.name] !== undefined).length);
      }),
    );
  });

  it('any corrections either apply or fail with problems naming units fields, and the same map in any key order or spelling form gives the same canonical form', () => {
    const nameArb = fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 8 }));
    fc.assert(
      fc.property(draftArb, fc.dictionary(nameArb, fc.constantFrom('P_VP', 'P_CA', 'NOPE', 'Q_OLD', '')), (draft, corrections) => {
        const before = structuredClone(draft);
        try {
          applyUnitCorrections(draft, corrections, registry);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          const problems = (error as InputError).problems;
          expect(problems.length).toBeGreaterThan(0);
          for (const p of problems) expect(p.field).toMatch(/^units(\.|$)/);
        }
        expect(draft).toEqual(before);
        let canonical: unknown;
        try {
          canonical = canonicalUnitCorrections(corrections);
        } catch {
          return;
        }
        const reordered = Object.fromEntries(Object.entries(corrections).reverse().map(([k, v]) => [` ${k.normalize('NFD')}`, v]));
        expect(canonicalUnitCorrections(reordered)).toEqual(canonical);
      }),
    );
  });
});
