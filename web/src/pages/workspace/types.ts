/** Shapes of the API answers the workspace reads (see src/http/routes/reporting and src/domain/reporting/report-content.ts). */
export interface UnitRef { code: string; name: string; kind?: string }

export interface Obligation {
  id: number;
  planId: number | null;
  title: string | null;
  unit: UnitRef;
  recipient: UnitRef | null;
  cycle: string;
  active: boolean;
}

export interface ReportTargetLine {
  targetId: number;
  code: string;
  text: string;
  measure: string | null;
  goal: string;
  indicator: string | null;
  value: number | null;
  valuePeriod: string | null;
  source: { system: string; origin: string; recordedAt: string; observationId: number } | null;
  status: string;
  confirmed: boolean;
  note: string;
  /** A figure the unit typed (số liệu tự khai): pending until approval, then `observationId` is set. */
  manual?: { value: number; evidence: string; reporter: string; enteredAt: string; observationId?: number | null } | null;
  /** "Chưa có số liệu" with the reason. */
  noData?: { reason: string } | null;
}

export interface ReportTaskLine {
  taskId: number;
  code: string;
  title: string;
  due: string | null;
  status: string | null;
  progress: number | null;
  evidence: string;
  note: string;
  progressSource: string;
}

export interface ReportContent {
  unit: UnitRef;
  recipient: UnitRef | null;
  period: { code: string; label: string; start: string; end: string };
  dueBefore: string;
  targets: ReportTargetLine[];
  tasks: ReportTaskLine[];
  difficulties: string;
  proposals: string;
}

export interface Submission {
  id: number;
  obligationId: number;
  period: string;
  state: 'draft' | 'submitted' | 'returned' | 'approved';
  content: ReportContent;
  submittedAt: string | null;
  approvedAt: string | null;
  locked: boolean;
  updatedAt: string;
}

/** `actor` as recorded ("user:7"); `actorName` the person's name now, from the server. */
export interface ReportEvent { id: number; event: string; actor: string; actorName: string; comment: string | null; at: string }

export interface TimelinessRow {
  obligationId: number;
  unit: { code: string; name: string };
  recipient: { code: string; name: string } | null;
  period: string;
  state: string;
  timeliness: { status: string; daysLate?: number };
}

/** One report waiting for a decision (GET /api/v1/reporting/queue). */
export interface QueueItem {
  submissionId: number;
  obligationId: number;
  title: string | null;
  unit: { code: string; name: string };
  reviewer: { code: string; name: string };
  period: { code: string; label: string; labelEn: string };
  submittedAt: string;
  firstSubmittedAt: string | null;
  submitter: { actor: string; name: string | null } | null;
  daysWaiting: number;
}
