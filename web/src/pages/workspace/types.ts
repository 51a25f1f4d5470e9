/** Shapes of the API answers the workspace reads: the server's own types where it declares them. */
import type { Static } from 'typebox';
import type { reviewQueueSchema } from '../../../../src/http/routes/reporting/schema.ts';

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

/** The report's content as the server stores and sends it (JSON-shaped: dates are ISO strings). */
export type { ReportContent, ReportTargetLine, ReportTaskLine } from '../../../../src/domain/reporting/report-content.ts';
import type { ReportContent } from '../../../../src/domain/reporting/report-content.ts';

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

/** One report waiting for a decision (GET /api/v1/reporting/queue), as the route's schema declares it. */
export type QueueItem = Static<(typeof reviewQueueSchema)['response'][200]>['items'][number];
