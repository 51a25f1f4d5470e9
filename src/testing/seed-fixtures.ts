import { fold, squash } from '../domain/plans/text-folding.ts';
import type { PlanDraft } from '../importers/draft.ts';

/** One expected item of a seed fixture: where it is and the fields it must have (never its sentence). */
export interface FixtureItem {
  kind: 'target' | 'task';
  line: number;
  /** Index among the items of this kind that start on this line (a cell or bullet holding several targets). */
  n: number;
  seq: number | null;
  goal?: { op: string; value: number | null };
  due: { kind: string; start: string | null; end: string | null };
  lead: string[];
  partners: string[];
  monitor?: string[];
  /** Targets, when checked: the goal's measure as the plan writes it ("%", "% GRDP"), or null. */
  measure?: string | null;
  /**
   * When checked: how many words the item's whole text has (its numbering or bullet left out). A
   * count, not the sentence: it shows a text cut at a line end without copying the seed.
   */
  words?: number;
}

export interface SeedFixture {
  seed: string;
  plan: { code: string | null; issuedOn: string | null };
  items: FixtureItem[];
}

/** How a draft compares with expectations written by hand (seed fixtures and invented plans alike). */
export interface AccuracyReport {
  expected: number;
  found: number;
  extra: number;
  fieldsChecked: number;
  fieldsRight: number;
  misses: string[];
}

const unitKey = (names: string[]): string =>
  names.map((n) => fold(squash(n)).replace(/[.;,:]+$/, '')).sort().join(' | ');

/**
 * Compares a draft with a hand-checked fixture. An item is found when the draft has an item of the
 * same kind starting on the same line (the n-th one there). For each expected item four fields are
 * checked — goal (targets) or seq (tasks), deadline, lead and coordinating units — plus the measure
 * and the word count where the fixture gives them; a missing item counts all its fields as wrong.
 */
export function compareWithFixture(draft: PlanDraft, fixture: SeedFixture): AccuracyReport {
  const byKey = new Map<string, { goal?: { op: string; value: number | null }; measure?: string | null; words: number; seq: number | null; due: FixtureItem['due']; lead: string[]; partners: string[] }>();
  const counters = new Map<string, number>();
  const add = (kind: string, line: number, value: Parameters<typeof byKey.set>[1]): void => {
    const k = `${kind}:${line}`;
    const n = counters.get(k) ?? 0;
    counters.set(k, n + 1);
    byKey.set(`${k}:${n}`, value);
  };
  const words = (text: string): number => squash(text).split(' ').filter(Boolean).length;
  for (const t of draft.targets) add('target', t.source.line, { goal: { op: t.goal.op, value: t.goal.value }, measure: t.measure, words: words(t.text), seq: t.seq, due: t.due, lead: t.lead.map((u) => u.name), partners: t.partners.map((u) => u.name) });
  for (const t of draft.tasks) add('task', t.source.line, { seq: t.seq, words: words(t.title), due: t.due, lead: t.lead.map((u) => u.name), partners: t.partners.map((u) => u.name) });
  const report: AccuracyReport = { expected: fixture.items.length, found: 0, extra: 0, fieldsChecked: 0, fieldsRight: 0, misses: [] };
  const expectedKeys = new Set<string>();
  for (const item of fixture.items) {
    const key = `${item.kind}:${item.line}:${item.n}`;
    expectedKeys.add(key);
    const got = byKey.get(key);
    const optional = (item.measure !== undefined ? 1 : 0) + (item.words !== undefined ? 1 : 0);
    report.fieldsChecked += 4 + optional;
    if (!got) {
      report.misses.push(`${key} not found`);
      continue;
    }
    report.found++;
    const checks: [string, boolean][] = [
      item.kind === 'target'
        ? ['goal', got.goal?.op === item.goal?.op && got.goal?.value === item.goal?.value]
        : ['seq', got.seq === item.seq],
      ['due', got.due.kind === item.due.kind && got.due.start === item.due.start && got.due.end === item.due.end],
      ['lead', unitKey(got.lead) === unitKey(item.lead)],
      ['partners', unitKey(got.partners) === unitKey(item.partners)],
    ];
    if (item.measure !== undefined) checks.push(['measure', fold(got.measure ?? '') === fold(item.measure ?? '')]);
    if (item.words !== undefined) checks.push(['words', got.words === item.words]);
    for (const [field, ok] of checks) {
      if (ok) report.fieldsRight++;
      else report.misses.push(`${key} ${field}: expected ${JSON.stringify(field === 'goal' ? item.goal : field === 'seq' ? item.seq : item[field as 'due' | 'lead' | 'partners' | 'measure' | 'words'])} got ${JSON.stringify(field === 'goal' ? got.goal : field === 'seq' ? got.seq : got[field as 'due' | 'lead' | 'partners' | 'measure' | 'words'])}`);
    }
  }
  for (const key of byKey.keys()) if (!expectedKeys.has(key)) report.extra++;
  return report;
}
