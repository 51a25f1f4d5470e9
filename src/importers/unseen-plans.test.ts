import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UnitResolver } from '../domain/units/unit-resolver.ts';
import { loadBuiltInRegistry } from '../registry/hanoi.ts';
import { extractPlanDraft } from './extract-plan-draft.ts';
import { compareWithFixture, type SeedFixture } from '../testing/seed-fixtures.ts';
import { readTextDocument } from './text/read-text-document.ts';

// Two invented plans the extractor was not tuned on (test/fixtures/unseen/): a ward plan whose only
// items sit in a tab-separated appendix with its own column order and labels, and a department plan in
// prose. The expected items were written by hand from docs/plan-draft-format.md, so these figures
// measure generalisation rather than agreement with the extractor's own output.
const resolver = new UnitResolver(loadBuiltInRegistry());

const unseen = (file: string): URL => new URL(`../../test/fixtures/unseen/${file}`, import.meta.url);

function run(name: string): { expected: SeedFixture; draft: ReturnType<typeof extractPlanDraft> } {
  const expected = JSON.parse(readFileSync(unseen(`${name}.expected.json`), 'utf8')) as SeedFixture;
  const text = readFileSync(unseen(`${name}.txt`), 'utf8');
  const draft = extractPlanDraft(readTextDocument(text, `${name}.txt`), (unit) => resolver.resolve(unit));
  return { expected, draft };
}

/** Per-field tallies from the comparison's miss lines ("target:34:0 due: expected …"). */
function perField(misses: string[], items: number): Record<string, string> {
  const wrong: Record<string, number> = { found: 0, 'goal/seq': 0, due: 0, lead: 0, partners: 0 };
  for (const miss of misses) {
    if (miss.endsWith('not found')) wrong.found = (wrong.found ?? 0) + 1;
    const field = /^\S+ (goal|seq|due|lead|partners):/.exec(miss)?.[1];
    if (field) {
      const key = field === 'goal' || field === 'seq' ? 'goal/seq' : field;
      wrong[key] = (wrong[key] ?? 0) + 1;
    }
  }
  // A missing item counts as wrong on every field.
  return Object.fromEntries(
    Object.entries(wrong).map(([field, n]) => [field, `${items - n - (field === 'found' ? 0 : wrong.found ?? 0)}/${items}`]),
  );
}

function figures(name: string): { found: number; fields: number } {
  const { expected, draft } = run(name);
  const report = compareWithFixture(draft, expected);
  const found = report.found / report.expected;
  const fields = report.fieldsRight / report.fieldsChecked;
  console.log(
    `${name}: found ${report.found}/${report.expected} (${(found * 100).toFixed(1)}%), fields ${report.fieldsRight}/${report.fieldsChecked} (${(fields * 100).toFixed(1)}%), extra ${report.extra}; per field ${JSON.stringify(perField(report.misses, report.expected))}` +
      (report.misses.length ? `\n  ${report.misses.join('\n  ')}` : ''),
  );
  return { found, fields };
}

describe.each(['ward-plan', 'department-plan'])('unseen plan %s', (name) => {
  const { expected, draft } = run(name);

  it('reads the header (number and date) as written', () => {
    expect(draft.plan.code).toBe(expected.plan.code);
    expect(draft.plan.issuedOn).toBe(expected.plan.issuedOn);
  });

  it('takes nothing from the "Tổ chức thực hiện" / "Yêu cầu" parts', () => {
    const lines = new Set(expected.items.map((item) => item.line));
    const stray = [...draft.targets, ...draft.tasks].filter((item) => !lines.has(item.source.line)).map((item) => item.source.line);
    expect(stray).toEqual([]);
  });
});

describe('unseen department plan (prose)', () => {
  it('finds ≥ 90% of the items and gets ≥ 90% of their fields right', () => {
    const { found, fields } = figures('department-plan');
    // Looser than the ≥ 98% asked of the seeds: the layout is not one the extractor was tuned on.
    expect(found).toBeGreaterThanOrEqual(0.9);
    expect(fields).toBeGreaterThanOrEqual(0.9);
  });
});

describe('unseen ward plan (appendix with its own column order and labels)', () => {
  it('reads every appendix row on its own line with the lead, partner and deadline columns found by label', () => {
    const { expected, draft } = run('ward-plan');
    const rows = [...draft.targets, ...draft.tasks].map((item) => ({
      line: item.source.line,
      lead: item.lead.map((u) => u.name),
      partners: item.partners.map((u) => u.name),
      due: [item.due.kind, item.due.start, item.due.end],
    }));
    const want = expected.items
      .map((item) => ({ line: item.line, lead: item.lead, partners: item.partners, due: [item.due.kind, item.due.start, item.due.end] }));
    expect(rows.sort((a, b) => a.line - b.line)).toEqual(want);
  });

  // The column "Nội dung chỉ tiêu" matches both the target label "Chỉ tiêu" and the task label "Nội dung"
  // (see test/fixtures/seeds/AUDIT.md); the words "chỉ tiêu" make it a target table.
  it('finds ≥ 80% of the targets, ≥ 75% of their fields and the "Cơ quan theo dõi" column', () => {
    const { found, fields } = figures('ward-plan');
    const { expected, draft } = run('ward-plan');
    expect(found).toBeGreaterThanOrEqual(0.8);
    expect(fields).toBeGreaterThanOrEqual(0.75);
    const monitors = draft.targets.map((t) => `${t.source.line}:${t.monitor.map((u) => u.name).join('|')}`);
    expect(monitors).toEqual(expected.items.map((item) => `${item.line}:${(item.monitor ?? []).join('|')}`));
  });
});
