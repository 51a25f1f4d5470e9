import type { DraftDue, DraftGoal, DraftTarget, DraftTask, DraftUnit, PlanDraft } from '../../importers/draft.ts';

/** One field of an item that differs between two versions, as people read it. */
export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
}

export interface ItemChange<T> {
  from: T;
  to: T;
  fields: FieldChange[];
}

export interface ItemsDiff<T> {
  added: T[];
  removed: T[];
  changed: ItemChange<T>[];
  unchanged: number;
}

/** What changed from one version of a plan to the next. */
export interface PlanDiff {
  plan: FieldChange[];
  targets: ItemsDiff<DraftTarget>;
  tasks: ItemsDiff<DraftTask>;
}

/** A pair of matched items: index in the old list, index in the new one. */
export type ItemPairing = { from: number; to: number }[];

/**
 * Compares two drafts of the same plan. Items are paired first by identical text in the same
 * section, then by running number and section (when the texts are still alike, so a renumbering
 * does not pair unrelated items), then by text similarity alone; what stays unpaired was added or
 * removed. Paired items report each field that changed: text, goal, deadline, lead, partners…
 *
 * @example
 * const diff = diffDrafts(version1.draft, version2.draft);
 * diff.targets.changed[0].fields // [{ field: 'goal', from: '≥ 90%', to: '≥ 95%' }]
 */
export function diffDrafts(from: PlanDraft, to: PlanDraft): PlanDiff {
  const plan: FieldChange[] = [];
  for (const field of ['title', 'code', 'issuer', 'issuedOn'] as const) {
    if ((from.plan[field] ?? null) !== (to.plan[field] ?? null)) {
      plan.push({ field, from: from.plan[field] ?? null, to: to.plan[field] ?? null });
    }
  }
  return {
    plan,
    targets: diffItems(from.targets, to.targets, (t) => t.text, targetFields),
    tasks: diffItems(from.tasks, to.tasks, (t) => t.title, taskFields),
  };
}

/** Whether a diff holds any change at all. */
export function isEmptyDiff(diff: PlanDiff): boolean {
  const empty = (d: ItemsDiff<unknown>) => d.added.length + d.removed.length + d.changed.length === 0;
  return diff.plan.length === 0 && empty(diff.targets) && empty(diff.tasks);
}

/**
 * Pairs the items of two versions (see {@link diffDrafts}); publishing uses it so that an item
 * keeps its code, and therefore its history, across versions.
 */
export function pairItems<T extends { seq: number | null; sectionPath: string[] }>(
  from: T[],
  to: T[],
  textOf: (item: T) => string,
): ItemPairing {
  const pairs: ItemPairing = [];
  const fromFree = new Set(from.map((_, i) => i));
  const toFree = new Set(to.map((_, i) => i));
  const words = new Map<T, Set<string>>();
  const wordsOf = (item: T): Set<string> => {
    let w = words.get(item);
    if (!w) words.set(item, (w = wordSet(textOf(item))));
    return w;
  };
  const take = (f: number, t: number): void => {
    pairs.push({ from: f, to: t });
    fromFree.delete(f);
    toFree.delete(t);
  };

  // 1. Same text in the same section.
  const byText = new Map<string, number[]>();
  for (const f of fromFree) {
    const key = `${sectionKey(from[f]!)}\u0000${foldText(textOf(from[f]!))}`;
    byText.set(key, [...(byText.get(key) ?? []), f]);
  }
  for (const t of [...toFree]) {
    const key = `${sectionKey(to[t]!)}\u0000${foldText(textOf(to[t]!))}`;
    const f = byText.get(key)?.shift();
    if (f !== undefined) take(f, t);
  }

  // 2. Same running number in the same section, when the texts are still alike.
  const bySeq = new Map<string, number[]>();
  for (const f of fromFree) {
    const item = from[f]!;
    if (item.seq === null) continue;
    const key = `${sectionKey(item)}\u0000${item.seq}`;
    bySeq.set(key, [...(bySeq.get(key) ?? []), f]);
  }
  for (const t of [...toFree]) {
    const item = to[t]!;
    if (item.seq === null) continue;
    const candidates = bySeq.get(`${sectionKey(item)}\u0000${item.seq}`) ?? [];
    const f = candidates.find((c) => fromFree.has(c) && similarity(wordsOf(from[c]!), wordsOf(item)) >= 0.3);
    if (f !== undefined) take(f, t);
  }

  // 3. The most similar remaining texts, best pairs first.
  const scored: { f: number; t: number; score: number }[] = [];
  for (const f of fromFree) {
    for (const t of toFree) {
      const score = similarity(wordsOf(from[f]!), wordsOf(to[t]!));
      if (score >= 0.5) scored.push({ f, t, score });
    }
  }
  scored.sort((a, b) => b.score - a.score || a.t - b.t);
  for (const { f, t } of scored) {
    if (fromFree.has(f) && toFree.has(t)) take(f, t);
  }
  return pairs.sort((a, b) => a.to - b.to);
}

function diffItems<T extends { seq: number | null; sectionPath: string[] }>(
  from: T[],
  to: T[],
  textOf: (item: T) => string,
  fieldsOf: (item: T) => Record<string, { key: string; shown: string | null }>,
): ItemsDiff<T> {
  const pairs = pairItems(from, to, textOf);
  const pairedFrom = new Set(pairs.map((p) => p.from));
  const pairedTo = new Set(pairs.map((p) => p.to));
  const changed: ItemChange<T>[] = [];
  let unchanged = 0;
  for (const { from: f, to: t } of pairs) {
    const a = fieldsOf(from[f]!);
    const b = fieldsOf(to[t]!);
    const fields = Object.keys(b)
      .filter((field) => a[field]?.key !== b[field]?.key)
      .map((field) => ({ field, from: a[field]?.shown ?? null, to: b[field]?.shown ?? null }));
    if (fields.length > 0) changed.push({ from: from[f]!, to: to[t]!, fields });
    else unchanged++;
  }
  return {
    added: to.filter((_, i) => !pairedTo.has(i)),
    removed: from.filter((_, i) => !pairedFrom.has(i)),
    changed,
    unchanged,
  };
}

type Fields = Record<string, { key: string; shown: string | null }>;

function targetFields(t: DraftTarget): Fields {
  return {
    seq: plain(t.seq === null ? null : String(t.seq)),
    section: plain(t.sectionPath.join(' › ') || null),
    text: { key: foldText(t.text), shown: t.text },
    measure: plain(t.measure),
    goal: goalField(t.goal),
    due: dueField(t.due),
    monitor: unitsField(t.monitor),
    lead: unitsField(t.lead),
    partners: unitsField(t.partners),
    basis: { key: foldText(t.basis ?? ''), shown: t.basis },
  };
}

function taskFields(t: DraftTask): Fields {
  return {
    seq: plain(t.seq === null ? null : String(t.seq)),
    section: plain(t.sectionPath.join(' › ') || null),
    title: { key: foldText(t.title), shown: t.title },
    due: dueField(t.due),
    lead: unitsField(t.lead),
    partners: unitsField(t.partners),
    result: { key: foldText(t.result ?? ''), shown: t.result },
    product: { key: foldText(t.product ?? ''), shown: t.product },
  };
}

function plain(value: string | null): { key: string; shown: string | null } {
  return { key: value ?? '', shown: value };
}

function goalField(goal: DraftGoal): { key: string; shown: string | null } {
  return { key: `${goal.op} ${goal.value ?? ''}`, shown: goal.raw || `${goal.op} ${goal.value ?? ''}`.trim() };
}

function dueField(due: DraftDue): { key: string; shown: string | null } {
  return { key: `${due.kind} ${due.start ?? ''} ${due.end ?? ''}`, shown: due.raw ?? (due.kind === 'none' ? null : due.kind) };
}

function unitsField(units: DraftUnit[]): { key: string; shown: string | null } {
  const keys = units.map((u) => u.code ?? foldText(u.name)).sort();
  return { key: keys.join('|'), shown: units.length ? units.map((u) => u.name).join('; ') : null };
}

/** Lower case, no diacritics, words only: texts that differ only in spacing or accents are equal. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}%]+/gu, ' ')
    .trim();
}

function wordSet(text: string): Set<string> {
  return new Set(foldText(text).split(' ').filter(Boolean));
}

/** Dice coefficient of two word sets: 1 for the same words, 0 for none in common. */
function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return (2 * common) / (a.size + b.size);
}

function sectionKey(item: { sectionPath: string[] }): string {
  return item.sectionPath.map(foldText).join('\u0001');
}
