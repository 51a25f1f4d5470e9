import type { ColumnType, Generated } from 'kysely';

export interface ReportingObligationsTable {
  id: Generated<number>;
  plan_id: number | null;
  unit_id: number;
  recipient_unit_id: number | null;
  cycle: 'monthly' | 'quarterly' | 'half_yearly' | 'yearly' | 'ad_hoc';
  due_day: number | null;
  due_on: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  title: string | null;
  /** The plan's targets and tasks this obligation reports on. */
  scope: ColumnType<ObligationScope, ObligationScope | string | undefined, ObligationScope | string>;
  active: Generated<boolean>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ObligationScope {
  targetIds: number[];
  taskIds: number[];
}

export interface ReportSubmissionsTable {
  id: Generated<number>;
  obligation_id: number;
  period: string;
  state: Generated<'draft' | 'submitted' | 'returned' | 'approved'>;
  content: unknown;
  submitted_at: Date | null;
  approved_at: Date | null;
  locked: Generated<boolean>;
  updated_at: Generated<Date>;
  /** When the report first left the unit: timeliness counts from here, not from a resubmission. */
  first_submitted_at: Date | null;
  /** Number and symbol of the issued document, e.g. "12/BC-UBND". */
  number: string | null;
  created_at: Generated<Date>;
}

export interface ReportEventsTable {
  id: Generated<number>;
  submission_id: number;
  event: string;
  actor: string;
  comment: string | null;
  at: Generated<Date>;
}

export interface ReportTables {
  reporting_obligations: ReportingObligationsTable;
  report_submissions: ReportSubmissionsTable;
  report_events: ReportEventsTable;
}
