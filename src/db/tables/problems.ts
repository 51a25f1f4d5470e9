import type { ColumnType, Generated } from 'kysely';

export interface ProblemsTable {
  id: Generated<number>;
  code: string;
  name: string;
  fields: ColumnType<string[], string[], string[]>;
  problem: string;
  current_handling: string;
  management_need: string;
  pilot_scope: string;
  data_available: string | null;
  data_inputs: string | null;
  output_standards: string | null;
  sandbox_conditions: string | null;
  resources: string | null;
  proposing_unit_id: number;
  receiving_unit_id: number;
  contact_name: string | null;
  contact_title: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  state: Generated<string>;
  scale_class: string | null;
  priority: Generated<string>;
  area_type: string | null;
  merged_into_id: number | null;
  classified: Generated<boolean>;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ProblemOriginsTable {
  problem_id: number;
  origin_id: number;
}

export interface ProblemTransitionsTable {
  id: Generated<number>;
  problem_id: number;
  from_state: string | null;
  to_state: string;
  actor: string;
  note: string | null;
  at: Generated<Date>;
  /** For a move to "scaled": the cited pilot and its effect estimate (JSON). */
  evidence: unknown;
}

export interface ProblemKpisTable {
  id: Generated<number>;
  problem_id: number;
  target_id: number;
}

export interface ProblemSolutionsTable {
  id: Generated<number>;
  problem_id: number;
  organisation_name: string;
  organisation_type: string;
  contact_name: string | null;
  contact_title: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  consent_purpose: string;
  consented_at: Date;
  capability: string;
  approach: string;
  readiness: string | null;
  kpi_commitment: string;
  time_commitment: string;
  cost_commitment: string | null;
  conditions: string | null;
  state: Generated<string>;
  reviewer_note: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  submitted_at: Generated<Date>;
}

export interface UnitAreaTypesTable {
  unit_id: number;
  area_type: string;
  set_by: string;
  set_at: Generated<Date>;
}

export interface ProblemTables {
  problems: ProblemsTable;
  problem_origins: ProblemOriginsTable;
  problem_transitions: ProblemTransitionsTable;
  problem_kpis: ProblemKpisTable;
  problem_solutions: ProblemSolutionsTable;
  unit_area_types: UnitAreaTypesTable;
}
