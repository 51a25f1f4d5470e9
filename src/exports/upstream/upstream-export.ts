import { toCsv } from '../csv.ts';
import type { ReportContent } from '../../domain/reporting/report-content.ts';

/** The format identifier; bumped on any incompatible change (see docs/upstream-export.md). */
export const UPSTREAM_FORMAT = 'theodoi.upstream-report/1';

/** What a unit reports upward for one period, for the city, the ministry's EMC or the central task tracker. */
export interface UpstreamExport {
  format: typeof UPSTREAM_FORMAT;
  generatedAt: string;
  unit: { code: string; name: string };
  recipient: { code: string; name: string } | null;
  period: { code: string; label: string; start: string; end: string };
  plan: { code: string | null; title: string | null };
  submission: { state: string; submittedAt: string | null; approvedAt: string | null; dueBefore: string };
  figures: {
    target: string;
    indicator: string | null;
    goal: string;
    value: number | null;
    measure: string | null;
    valuePeriod: string | null;
    sourceSystem: string | null;
    origin: string | null;
    recordedAt: string | null;
    status: string;
    confirmed: boolean;
  }[];
  tasks: { task: string; title: string; due: string | null; status: string; progress: number; evidence: string }[];
  difficulties: string;
  proposals: string;
}

/**
 * Builds the upstream export of a report's content: machine-readable, codes rather than labels,
 * ISO dates, dot decimals.
 *
 * @example toUpstreamExport(content, { state: 'approved', submittedAt: null, approvedAt: null }, new Date())
 */
export function toUpstreamExport(
  content: ReportContent,
  submission: { state: string; submittedAt: Date | null; approvedAt: Date | null },
  now: Date,
): UpstreamExport {
  return {
    format: UPSTREAM_FORMAT,
    generatedAt: now.toISOString(),
    unit: { code: content.unit.code, name: content.unit.name },
    recipient: content.recipient,
    period: content.period,
    plan: { code: content.plan.code, title: content.plan.title },
    submission: {
      state: submission.state,
      submittedAt: submission.submittedAt?.toISOString() ?? null,
      approvedAt: submission.approvedAt?.toISOString() ?? null,
      dueBefore: content.dueBefore,
    },
    figures: content.targets.map((t) => ({
      target: t.code,
      indicator: t.indicator,
      goal: t.goal,
      value: t.value,
      measure: t.measure,
      valuePeriod: t.valuePeriod,
      sourceSystem: t.source?.system ?? null,
      origin: t.source?.origin ?? null,
      recordedAt: t.source?.recordedAt ?? null,
      status: t.status,
      confirmed: t.confirmed,
    })),
    tasks: content.tasks.map((t) => ({ task: t.code, title: t.title, due: t.due, status: t.status, progress: t.progress, evidence: t.evidence })),
    difficulties: content.difficulties,
    proposals: content.proposals,
  };
}

/** CSV columns, in order (see docs/upstream-export.md). */
export const UPSTREAM_CSV_COLUMNS = [
  'record', 'unit', 'period', 'item', 'indicator', 'value', 'measure', 'value_period', 'source_system', 'origin', 'status', 'progress', 'submission_state',
] as const;

/** The same export as CSV: one row per figure ("figure") and per task ("task"), UTF-8 with a header. */
export function upstreamCsv(e: UpstreamExport): string {
  const rows = [
    ...e.figures.map((f) => ['figure', e.unit.code, e.period.code, f.target, f.indicator ?? '', f.value ?? '', f.measure ?? '', f.valuePeriod ?? '', f.sourceSystem ?? '', f.origin ?? '', f.status, '', e.submission.state]),
    ...e.tasks.map((t) => ['task', e.unit.code, e.period.code, t.task, '', '', '', '', '', '', t.status, t.progress, e.submission.state]),
  ];
  return toCsv([[...UPSTREAM_CSV_COLUMNS], ...rows]);
}
