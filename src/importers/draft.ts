import type { Message } from '../domain/messages/message.ts';
/**
 * The plan draft: what an import produces before anything is stored, and what `import --dry-run
 * --json` prints. This shape is a public contract (docs/plan-draft-format.md); extra fields are
 * allowed, the listed ones never change meaning.
 */
export interface PlanDraft {
  plan: { title: string; code: string | null; issuer: string | null; issuedOn: string | null };
  targets: DraftTarget[];
  tasks: DraftTask[];
  warnings: DraftWarning[];
}

export interface DraftUnit {
  /** The name as written in the document (cleaned of markup). */
  name: string;
  /** Registry code when resolved to exactly one unit; null for collective, unresolved or ambiguous names. */
  code: string | null;
  collective: boolean;
}

export type GoalOp = '>=' | '>' | '<=' | '<' | '=' | 'top' | 'qualitative';

export interface DraftGoal {
  op: GoalOp;
  value: number | null;
  raw: string;
  /** Upper end of a range goal ("15-20%": value 15, max 20). */
  max?: number;
}

export type DueKind = 'date' | 'range' | 'recurring' | 'on_request' | 'conditional' | 'none';

export interface DraftDue {
  raw: string | null;
  kind: DueKind;
  /** ISO dates; `end` is the last allowed day. */
  start: string | null;
  end: string | null;
  /** Set when the item states no deadline and takes its section's or the plan's. */
  inherited?: 'section' | 'plan';
}

export interface DraftTarget {
  seq: number | null;
  /** Enclosing section titles, outermost first, without their numbers. */
  sectionPath: string[];
  text: string;
  measure: string | null;
  goal: DraftGoal;
  monitor: DraftUnit[];
  lead: DraftUnit[];
  partners: DraftUnit[];
  basis: string | null;
  due: DraftDue;
  source: { line: number };
  /**
   * The indicator an administrator linked on the draft (its code), set on the target when the
   * version is published; absent from extraction.
   */
  indicator?: string | null;
  /** Importance weight an administrator set on the draft (0 < w ≤ 10; absent = 1), set on the target when published. */
  weight?: number;
  /** Fields an administrator corrected on the draft, by name; absent from extraction. */
  edited?: string[];
}

export interface DraftTask {
  seq: number | null;
  sectionPath: string[];
  title: string;
  lead: DraftUnit[];
  partners: DraftUnit[];
  result: string | null;
  product: string | null;
  due: DraftDue;
  source: { line: number };
  /** Fields an administrator corrected on the draft, by name; absent from extraction. */
  edited?: string[];
}

export interface DraftWarning {
  line: number;
  /** Stable machine code, e.g. "missing_lead", "unresolved_unit", "ambiguous_unit", "unparsed_goal". */
  code: string;
  /** The warning in Vietnamese; the API answers it in the reader's language from `said` (draft-warning-words.ts). */
  message: string;
  /** The catalogued message (`plan_draft.*`) and its parameters; absent in drafts stored before warnings had codes that a migration could not read. */
  said?: Message;
}
