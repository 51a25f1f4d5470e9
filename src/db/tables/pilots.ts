import type { Generated } from 'kysely';

export type PilotState = 'planned' | 'running' | 'finished';

/** A pilot with comparison (see migration 20261204T0700). Units and indicators by code. */
export interface PilotsTable {
  id: Generated<number>;
  code: string;
  title: string;
  /** The problem it answers: problems.code (foreign key since migration 20261204T1100). */
  problem_code: string | null;
  /** A problem code written before the link that named no problem (kept, not linked). */
  unlinked_problem_ref: Generated<string | null>;
  indicator_codes: string[];
  treated_units: string[];
  comparison_units: string[];
  /** First month of the pilot, "YYYY-MM". */
  start_period: string;
  /** Last month measured, "YYYY-MM"; null while open-ended. */
  end_period: string | null;
  state: Generated<PilotState>;
  /** Principal.actor of whoever created it. */
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PilotTables {
  pilots: PilotsTable;
}
