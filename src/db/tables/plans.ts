import type { Generated } from 'kysely';

export interface PlansTable {
  id: Generated<number>;
  code: string | null;
  title: string;
  issuer: string | null;
  issued_on: string | null;
  owner_unit_id: number | null;
  parent_plan_id: number | null;
  classified: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface PlanVersionsTable {
  id: Generated<number>;
  plan_id: number;
  version_no: number;
  content_hash: string;
  source_name: string | null;
  status: Generated<'draft' | 'published' | 'superseded'>;
  draft: unknown;
  created_at: Generated<Date>;
  published_at: Date | null;
}

export interface PlanSectionsTable {
  id: Generated<number>;
  plan_version_id: number;
  parent_id: number | null;
  number: string | null;
  title: string;
  position: number;
  /** Marked classified itself or through an enclosing section: its title is hidden like its items. */
  classified: Generated<boolean>;
}

export interface TargetsTable {
  id: Generated<number>;
  code: string;
  plan_version_id: number | null;
  section_id: number | null;
  seq: number | null;
  indicator_id: number | null;
  text: string;
  measure: string | null;
  op: '>=' | '>' | '<=' | '<' | '=' | 'top' | 'qualitative';
  value: number | null;
  goal_raw: string | null;
  baseline: number | null;
  scope_unit_id: number | null;
  scope_kind: string | null;
  start_on: string | null;
  due_on: string | null;
  due_raw: string | null;
  basis: string | null;
  source_line: number | null;
  /** Importance in the "behind" ranking, 0 < weight ≤ 10 (domain/evaluation/target-weight.ts); 1 by default. */
  weight: Generated<number>;
  classified: Generated<boolean>;
  /** Where the mark came from: the plan's or a section's mark carried down, or null (the item's own). */
  classified_by: Generated<'plan' | 'section' | null>;
  created_at: Generated<Date>;
}

export interface TasksTable {
  id: Generated<number>;
  code: string;
  plan_version_id: number | null;
  section_id: number | null;
  seq: number | null;
  title: string;
  result: string | null;
  product: string | null;
  due_kind: Generated<string>;
  due_start: string | null;
  due_end: string | null;
  due_raw: string | null;
  status: Generated<'not_started' | 'in_progress' | 'done' | 'overdue' | 'cancelled'>;
  progress: Generated<number>;
  /** The evidence of the approved report that last set the progress. */
  evidence: string | null;
  progress_reported_at: Date | null;
  /** The report submission whose approval set the progress. */
  progress_report_id: number | null;
  source_line: number | null;
  classified: Generated<boolean>;
  /** Where the mark came from: the plan's or a section's mark carried down, or null (the item's own). */
  classified_by: Generated<'plan' | 'section' | null>;
  created_at: Generated<Date>;
}

interface ResponsibilityColumns {
  id: Generated<number>;
  role: 'monitor' | 'lead' | 'partner';
  unit_id: number | null;
  name: string;
  collective: Generated<boolean>;
}

export interface TargetResponsibilitiesTable extends ResponsibilityColumns {
  target_id: number;
}

export interface TaskResponsibilitiesTable extends ResponsibilityColumns {
  task_id: number;
}

export interface PlanTables {
  plans: PlansTable;
  plan_versions: PlanVersionsTable;
  plan_sections: PlanSectionsTable;
  targets: TargetsTable;
  tasks: TasksTable;
  target_responsibilities: TargetResponsibilitiesTable;
  task_responsibilities: TaskResponsibilitiesTable;
}
