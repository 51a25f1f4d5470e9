import type { ReportTaskLine } from './report-content.ts';

const STATUSES = ['not_started', 'in_progress', 'done', 'cancelled'] as const;
type TaskStatus = (typeof STATUSES)[number];

/** A task's progress as an approved report states it. */
export interface TaskProgressFromReport {
  taskId: number;
  status: TaskStatus;
  progress: number;
  evidence: string | null;
}

/**
 * What an approved report says of each of its tasks, as the task register should hold it: progress
 * in 0–100, a task reported at 100 % is done (unless cancelled), one with progress is in progress,
 * evidence kept as written. "Overdue" is never stored: it follows from the due date and the status.
 *
 * @example
 * taskProgressOfReport({ tasks: [{ taskId: 4, status: 'in_progress', progress: 100, evidence: 'QĐ 12', … }] })
 * // → [{ taskId: 4, status: 'done', progress: 100, evidence: 'QĐ 12' }]
 */
export function taskProgressOfReport(content: unknown): TaskProgressFromReport[] {
  const tasks = (content as { tasks?: unknown } | null)?.tasks;
  if (!Array.isArray(tasks)) return [];
  return (tasks as (Partial<ReportTaskLine> | null)[])
    .filter((t): t is ReportTaskLine => t !== null && typeof t === 'object' && Number.isInteger(t.taskId) && typeof t.progress === 'number' && Number.isFinite(t.progress))
    .map((t) => {
      const progress = Math.min(100, Math.max(0, t.progress));
      const stated: TaskStatus = (STATUSES as readonly string[]).includes(t.status) ? (t.status as TaskStatus) : 'not_started';
      const status: TaskStatus =
        stated === 'cancelled' ? 'cancelled' : progress >= 100 ? 'done' : progress > 0 && stated === 'not_started' ? 'in_progress' : stated === 'done' ? 'in_progress' : stated;
      const evidence = typeof t.evidence === 'string' && t.evidence.trim() ? t.evidence.normalize('NFC').trim() : null;
      return { taskId: t.taskId, status, progress, evidence };
    });
}
