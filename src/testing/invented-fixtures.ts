import { fold, squash } from '../domain/plans/text-folding.ts';
import type { DraftDue, PlanDraft } from '../importers/draft.ts';
import type { AccuracyReport } from './seed-fixtures.ts';

/** One expected item of an invented plan, written by hand from the plan's text (never from a draft). */
export interface InventedItem {
  /** false for prose items that the appendix workbook does not hold. */
  xlsx?: boolean;
  /** Words the item's text holds: they tell which item this is. */
  has: string;
  /** When checked: how the item's text starts (a heading's one paragraph is the task's text). */
  startsWith?: string;
  seq: number | null;
  goal?: { op: string; value: number | null };
  measure?: string | null;
  due: Pick<DraftDue, 'kind' | 'start' | 'end'>;
  /** The item falls back to the plan's period, which must be said as a warning on its line. */
  planFallback?: boolean;
  lead: string[];
  partners: string[];
}

export interface InventedPlan {
  plan: { code: string; issuedOn: string; issuer: string; titleHas: string };
  targets: InventedItem[];
  tasks: InventedItem[];
}

const names = (list: string[]): string => list.map((n) => fold(squash(n)).replace(/[.;,:]+$/, '')).sort().join(' | ');

/**
 * Compares a draft with an invented plan's expected items, kind by kind in document order (line
 * numbers differ between DOCX, XLSX and PDF; the order does not). An expected item is found when the
 * draft's item at its place holds its words. Per item: goal or seq, deadline, lead, partners, that no
 * unit got a registry code, plus the measure, the text's start and the plan-fallback warning where
 * given; a missing item counts all its fields as wrong.
 */
export function compareWithInvented(draft: PlanDraft, expected: InventedPlan, format: 'docx' | 'xlsx' | 'pdf'): AccuracyReport {
  const report: AccuracyReport = { expected: 0, found: 0, extra: 0, fieldsChecked: 0, fieldsRight: 0, misses: [] };
  const kinds = [
    ['target', expected.targets, draft.targets.map((t) => ({ text: t.text, seq: t.seq, goal: t.goal, measure: t.measure, due: t.due, lead: t.lead, partners: t.partners, line: t.source.line }))],
    ['task', expected.tasks, draft.tasks.map((t) => ({ text: t.title, seq: t.seq, goal: undefined, measure: undefined, due: t.due, lead: t.lead, partners: t.partners, line: t.source.line }))],
  ] as const;
  for (const [kind, wanted, got] of kinds) {
    const items = wanted.filter((w) => format !== 'xlsx' || w.xlsx !== false);
    report.expected += items.length;
    report.extra += Math.max(0, got.length - items.length);
    items.forEach((w, i) => {
      const g = got[i];
      const checks: [string, boolean, unknown, unknown][] = [];
      const fields = 5 + (w.measure !== undefined ? 1 : 0) + (w.startsWith ? 1 : 0) + (w.planFallback ? 1 : 0);
      report.fieldsChecked += fields;
      if (!g || !fold(g.text).includes(fold(w.has))) {
        report.misses.push(`${kind} #${i + 1} "${w.has}" not found (at its place: ${JSON.stringify(g?.text ?? null)})`);
        return;
      }
      report.found++;
      checks.push(kind === 'target' ? ['goal', g.goal?.op === w.goal?.op && g.goal?.value === w.goal?.value, w.goal, g.goal && { op: g.goal.op, value: g.goal.value }] : ['seq', g.seq === w.seq, w.seq, g.seq]);
      checks.push(['due', g.due.kind === w.due.kind && g.due.start === w.due.start && g.due.end === w.due.end, w.due, { kind: g.due.kind, start: g.due.start, end: g.due.end }]);
      checks.push(['lead', names(g.lead.map((u) => u.name)) === names(w.lead), w.lead, g.lead.map((u) => u.name)]);
      checks.push(['partners', names(g.partners.map((u) => u.name)) === names(w.partners), w.partners, g.partners.map((u) => u.name)]);
      const coded = [...g.lead, ...g.partners].filter((u) => u.code !== null).map((u) => `${u.name}→${u.code}`);
      checks.push(['no registry code', coded.length === 0, [], coded]);
      if (w.measure !== undefined) checks.push(['measure', fold(g.measure ?? '') === fold(w.measure ?? ''), w.measure, g.measure]);
      if (w.startsWith) checks.push(['text start', squash(g.text).startsWith(w.startsWith), w.startsWith, g.text.slice(0, w.startsWith.length)]);
      if (w.planFallback) {
        const warned = draft.warnings.some((x) => x.line === g.line && x.code === 'missing_deadline');
        checks.push(['plan-fallback warning', warned, true, warned]);
      }
      for (const [field, ok, want, have] of checks) {
        if (ok) report.fieldsRight++;
        else report.misses.push(`${kind} #${i + 1} "${w.has}" ${field}: expected ${JSON.stringify(want)} got ${JSON.stringify(have)}`);
      }
    });
  }
  return report;
}
