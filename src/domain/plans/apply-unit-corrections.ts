import { InputError, problem, type Problem } from '../errors.ts';
import type { DraftUnit, DraftWarning, PlanDraft } from '../../importers/draft.ts';
import { message } from '../messages/message.ts';

/**
 * Registry codes a person chose for unit names the extractor could not tie to one unit, keyed by
 * the name exactly as the draft writes it: `{ "Trung tâm Phục vụ hành chính công": "HN_P_VINH_TUY_PVHCC" }`.
 */
export type UnitCorrections = Readonly<Record<string, string>>;

/** What one correction changed: how many references (lead, partner or monitor) on which lines. */
export interface AppliedUnitCorrection {
  name: string;
  code: string;
  references: number;
  lines: number[];
}

/** What the registry must tell about a code: whether it exists and until when the unit lived. */
export interface CorrectionRegistry {
  /** The unit with this code, or undefined when the registry does not know it. */
  unit(code: string): { validTo: string | null } | undefined;
}

/** Warnings a correction answers: the extractor's "not found" and "several matches" for that name. */
const UNIT_WARNING_CODES = new Set(['unresolved_unit', 'ambiguous_unit']);

/**
 * The corrections in their canonical form: names and codes trimmed, names NFC, sorted by name
 * (code-point order, the same on every machine). Two maps with the same canonical form are the
 * same corrections, which is what the stored version's content hash relies on. Keys that become
 * equal after normalisation with different codes are an input error.
 *
 * @example
 * canonicalUnitCorrections({ ' Ban B ': 'X', 'Ban A': 'Y' }) // [['Ban A', 'Y'], ['Ban B', 'X']]
 */
export function canonicalUnitCorrections(corrections: UnitCorrections): [name: string, code: string][] {
  const problems: Problem[] = [];
  const byName = new Map<string, string>();
  for (const [rawName, rawCode] of Object.entries(corrections)) {
    const name = rawName.normalize('NFC').trim();
    const code = typeof rawCode === 'string' ? rawCode.trim() : '';
    if (!name) {
      problems.push(problem({ field: 'units' }, message('plan.empty_unit_name')));
      continue;
    }
    if (!code) {
      problems.push(problem({ field: `units.${name}` }, message('plan.no_unit_code_given')));
      continue;
    }
    const earlier = byName.get(name);
    if (earlier !== undefined && earlier !== code) {
      problems.push(problem({ field: `units.${name}` }, message('plan.corrected_twice_with_different_codes', { earlier, code })));
      continue;
    }
    byName.set(name, code);
  }
  if (problems.length) throw new InputError(message('plan.invalid_unit_corrections'), problems);
  return [...byName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Applies a person's unit corrections to a draft. Every unit reference (a target's monitor, lead
 * and partners; a task's lead and partners) whose NFC name equals a corrected name and that has no
 * code gets the chosen code and stops being collective; the "unresolved_unit"/"ambiguous_unit"
 * warnings about that name on those lines go away, since the person has answered them. A reference
 * that already has a code is never changed: a correction fills gaps, it does not overrule the resolver.
 *
 * Nothing is applied unless everything is right: a name that no code-less reference carries, a code
 * the registry does not know, or a unit dissolved before the plan was issued is an `InputError`
 * whose problems name the field `units.<name>`. The input draft is not modified.
 *
 * @example
 * const { draft: fixed, applied } = applyUnitCorrections(draft, { 'UB MTTQ Việt Nam': 'HN_MTTQ' }, registry);
 * // applied: [{ name: 'UB MTTQ Việt Nam', code: 'HN_MTTQ', references: 3, lines: [253, 263, 273] }]
 */
export function applyUnitCorrections(
  draft: PlanDraft,
  corrections: UnitCorrections,
  registry: CorrectionRegistry,
): { draft: PlanDraft; applied: AppliedUnitCorrection[] } {
  const canonical = canonicalUnitCorrections(corrections);
  if (canonical.length === 0) return { draft, applied: [] };
  const codeOf = new Map(canonical);

  const problems: Problem[] = [];
  for (const [name, code] of canonical) {
    const unit = registry.unit(code);
    if (!unit) problems.push(problem({ field: `units.${name}` }, message('plan.unknown_unit_code', { code })));
    else if (unit.validTo !== null && draft.plan.issuedOn !== null && unit.validTo < draft.plan.issuedOn) {
      problems.push(problem({ field: `units.${name}` }, message('plan.unit_no_longer_existed_when', { code, viDate: viDate(unit.validTo) })));
    }
  }

  // Which references each correction reaches, counted before anything is built.
  const reached = new Map<string, { references: number; lines: Set<number>; codedElsewhere: string | null }>();
  for (const [name] of canonical) reached.set(name, { references: 0, lines: new Set(), codedElsewhere: null });
  const visit = (units: DraftUnit[], line: number): void => {
    for (const unit of units) {
      const hit = reached.get(unit.name.normalize('NFC').trim());
      if (!hit) continue;
      if (unit.code === null) {
        hit.references++;
        hit.lines.add(line);
      } else hit.codedElsewhere ??= unit.code;
    }
  };
  for (const t of draft.targets) for (const list of [t.monitor, t.lead, t.partners]) visit(list, t.source.line);
  for (const t of draft.tasks) for (const list of [t.lead, t.partners]) visit(list, t.source.line);
  for (const [name, hit] of reached) {
    if (hit.references > 0) continue;
    problems.push(problem({ field: `units.${name}` }, hit.codedElsewhere
      ? message('plan.unit_correction_name_coded', { code: hit.codedElsewhere })
      : message('plan.unit_correction_name_not_in_plan')));
  }
  if (problems.length) throw new InputError(message('plan.unit_corrections_cannot_applied'), problems);

  const fix = (units: DraftUnit[]): DraftUnit[] =>
    units.map((unit) => {
      if (unit.code !== null) return unit;
      const code = codeOf.get(unit.name.normalize('NFC').trim());
      return code === undefined ? unit : { ...unit, code, collective: false };
    });
  const answered = (w: DraftWarning): boolean => {
    if (!UNIT_WARNING_CODES.has(w.code)) return false;
    // The name the warning is about: its parameter, or (drafts stored before warnings had codes) its quoted text.
    const about = typeof w.said?.params.name === 'string' ? w.said.params.name.normalize('NFC').trim() : null;
    const text = w.message.normalize('NFC');
    return canonical.some(([name]) => reached.get(name)?.lines.has(w.line) === true && (about !== null ? about === name : text.includes(`"${name}"`)));
  };

  return {
    draft: {
      ...draft,
      targets: draft.targets.map((t) => ({ ...t, monitor: fix(t.monitor), lead: fix(t.lead), partners: fix(t.partners) })),
      tasks: draft.tasks.map((t) => ({ ...t, lead: fix(t.lead), partners: fix(t.partners) })),
      warnings: draft.warnings.filter((w) => !answered(w)),
    },
    applied: canonical.map(([name, code]) => {
      const hit = reached.get(name);
      return { name, code, references: hit?.references ?? 0, lines: [...(hit?.lines ?? [])].sort((a, b) => a - b) };
    }),
  };
}

function viDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
