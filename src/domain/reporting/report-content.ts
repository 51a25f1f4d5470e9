import { formatNumberVi } from './vietnamese-format.ts';

/**
 * What a report says, stored as the submission's content (JSON) and rendered by the document
 * builders. Figures carry their source so a reader can check each one; the unit's own words
 * (difficulties, proposals, notes, evidence) are kept exactly as written.
 */
export interface ReportContent {
  version: 1;
  unit: { code: string; name: string; kind: string };
  recipient: { code: string; name: string } | null;
  period: { code: string; label: string; start: string; end: string };
  dueBefore: string;
  plan: { id: number | null; code: string | null; title: string | null };
  targets: ReportTargetLine[];
  tasks: ReportTaskLine[];
  difficulties: string;
  proposals: string;
  /** A consolidated report: the approved reports of the units reporting to this one. */
  children: ChildReportSummary[];
  /** When the figures were taken from the data. */
  prefilledAt: string;
}

/** The evaluation engine's statuses, plus targets assessed with evidence rather than a number. */
export type TargetStatus = 'met' | 'on_track' | 'at_risk' | 'missed' | 'no_data' | 'unlinked' | 'qualitative';

export interface ReportTargetLine {
  targetId: number;
  code: string;
  text: string;
  measure: string | null;
  /** The goal as the plan wrote it ("≥ 95%"). */
  goal: string;
  indicator: string | null;
  value: number | null;
  valuePeriod: string | null;
  /** Where the figure came from: source system, origin, when recorded. */
  source: { system: string; origin: string; recordedAt: string; observationId: number } | null;
  status: TargetStatus;
  /** Set when the unit confirmed the figure. */
  confirmed: boolean;
  note: string;
  /**
   * A figure the unit typed itself ("số liệu tự khai"), for a target no system measures or whose
   * system figure is missing. Pending until the report is approved, when it becomes a manual
   * observation (origin "manual") that evaluation reads like any other. Absent in older reports.
   */
  manual?: ManualFigure | null;
  /** The unit states it has no figure this period, and why ("chưa có số liệu"). */
  noData?: { reason: string } | null;
}

export interface ManualFigure {
  value: number;
  /** A link, a file reference or an explanation: a manual figure is never without one. */
  evidence: string;
  /** Who typed it ("user:7": the user's id, never a name) and when. */
  reporter: string;
  enteredAt: string;
  /** Set at approval: the observation the figure became. */
  observationId?: number | null;
}

export interface ReportTaskLine {
  taskId: number;
  code: string;
  title: string;
  due: string | null;
  status: string;
  /** 0..100 */
  progress: number;
  evidence: string;
  note: string;
  /** Where the progress came from: the task register, a child unit's approved report, or the unit's own edit. */
  progressSource: string;
  /** The unit changed this line itself; a refresh from the data keeps its words and figures. */
  edited: boolean;
}

export interface ChildReportSummary {
  unit: { code: string; name: string };
  submissionId: number | null;
  /** A submission state, or "none" when the unit has not started its report. */
  state: string;
  timeliness: string;
  targets: ReportTargetLine[];
  tasks: ReportTaskLine[];
  difficulties: string;
  proposals: string;
}

/** What a unit may change in its report (figures come from the data; notes and progress from it). */
export interface ReportEdits {
  targets?: {
    targetId: number;
    confirmed?: boolean;
    note?: string;
    /** A manual figure with its evidence; null clears it. */
    manual?: { value: number; evidence: string } | null;
    /** "Chưa có số liệu" with the reason; null or "" clears it. */
    noDataReason?: string | null;
  }[];
  tasks?: { taskId: number; progress?: number; status?: string; evidence?: string; note?: string }[];
  difficulties?: string;
  proposals?: string;
}

export const TARGET_STATUS_VI: Record<TargetStatus, string> = {
  met: 'Đạt',
  on_track: 'Đúng tiến độ',
  at_risk: 'Có nguy cơ không đạt',
  missed: 'Không đạt',
  no_data: 'Chưa có số liệu',
  unlinked: 'Chưa gắn chỉ số',
  qualitative: 'Đánh giá định tính',
};

export const TASK_STATUS_VI: Record<string, string> = {
  not_started: 'Chưa triển khai',
  in_progress: 'Đang triển khai',
  done: 'Hoàn thành',
  overdue: 'Quá hạn',
  cancelled: 'Hủy bỏ',
};

/**
 * A target's status from its latest value alone, for targets the evaluation engine cannot take (no
 * due date): met or missed against the comparator.
 *
 * @example simpleTargetStatus('>=', 95, 97) // 'met'
 */
export function simpleTargetStatus(op: string, goal: number | null, value: number | null): TargetStatus {
  if (op === 'qualitative' || op === 'top') return 'qualitative';
  if (value === null || goal === null) return 'no_data';
  const met =
    op === '>=' ? value >= goal
    : op === '>' ? value > goal
    : op === '<=' ? value <= goal
    : op === '<' ? value < goal
    : value === goal;
  return met ? 'met' : 'missed';
}

/** "≥ 95" from a comparator and value, when the plan's own wording is missing. */
export function goalText(op: string, value: number | null, raw: string | null, measure: string | null): string {
  if (raw && raw.trim()) return raw.trim();
  const sign: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' };
  if (value === null || !(op in sign)) return op === 'qualitative' ? 'Định tính' : op;
  const n = formatNumberVi(value);
  return `${sign[op]} ${measure === '%' ? `${n}%` : `${n}${measure ? ` ${measure}` : ''}`}`;
}

/**
 * Applies a unit's edits to its pre-filled content. Unknown target or task ids are reported, not
 * ignored, so nothing a user typed is silently dropped.
 */
export function applyEdits(
  content: ReportContent,
  edits: ReportEdits,
  by: { actor: string; at: Date } = { actor: 'unknown', at: new Date(0) },
): { content: ReportContent; unknown: string[] } {
  const unknown: string[] = [];
  const targets = content.targets.map((t) => ({ ...t }));
  const tasks = content.tasks.map((t) => ({ ...t }));
  for (const e of edits.targets ?? []) {
    const line = targets.find((t) => t.targetId === e.targetId);
    if (!line) { unknown.push(`targets.${e.targetId}`); continue; }
    if (e.confirmed !== undefined) line.confirmed = e.confirmed;
    if (e.note !== undefined) line.note = e.note.normalize('NFC');
    if (e.manual !== undefined) {
      const same = e.manual !== null && line.manual?.value === e.manual.value && line.manual.evidence === e.manual.evidence.normalize('NFC').trim();
      // Re-saving the same figure keeps who typed it first; a new figure is the editor's.
      line.manual = e.manual === null ? null
        : same ? line.manual ?? null
        : { value: e.manual.value, evidence: e.manual.evidence.normalize('NFC').trim(), reporter: by.actor, enteredAt: by.at.toISOString() };
      if (line.manual) line.noData = null;
    }
    if (e.noDataReason !== undefined) {
      const reason = e.noDataReason?.normalize('NFC').trim() ?? '';
      line.noData = reason ? { reason } : null;
      if (line.noData) line.manual = null;
    }
  }
  for (const e of edits.tasks ?? []) {
    const line = tasks.find((t) => t.taskId === e.taskId);
    if (!line) { unknown.push(`tasks.${e.taskId}`); continue; }
    line.edited = true;
    line.progressSource = 'unit';
    if (e.progress !== undefined) line.progress = e.progress;
    // Progress reported on a task not yet started means it has started.
    if (e.status === undefined && e.progress !== undefined && e.progress > 0 && line.status === 'not_started') line.status = e.progress >= 100 ? 'done' : 'in_progress';
    if (e.status !== undefined) line.status = e.status;
    if (e.evidence !== undefined) line.evidence = e.evidence.normalize('NFC');
    if (e.note !== undefined) line.note = e.note.normalize('NFC');
  }
  return {
    content: {
      ...content,
      targets,
      tasks,
      difficulties: edits.difficulties !== undefined ? edits.difficulties.normalize('NFC') : content.difficulties,
      proposals: edits.proposals !== undefined ? edits.proposals.normalize('NFC') : content.proposals,
    },
    unknown,
  };
}
