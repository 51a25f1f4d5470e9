import type { ReportContent } from './report-content.ts';

/**
 * A report as a reader without the classified right may see it: the lines of classified targets and
 * tasks removed, in the report itself and in the children's reports it consolidates. Counts and
 * words elsewhere in the report (difficulties, proposals) are the units' own and stay.
 *
 * @example
 * hideClassifiedLines(content, { targetIds: new Set([7]), taskIds: new Set() }).targets.some((t) => t.targetId === 7) // false
 */
export function hideClassifiedLines(content: ReportContent, hidden: { targetIds: ReadonlySet<number>; taskIds: ReadonlySet<number> }): ReportContent {
  const keep = <T extends { targetId: number } | { taskId: number }>(line: T) =>
    'targetId' in line ? !hidden.targetIds.has(line.targetId) : !hidden.taskIds.has(line.taskId);
  return {
    ...content,
    targets: content.targets.filter(keep),
    tasks: content.tasks.filter(keep),
    children: content.children.map((c) => ({ ...c, targets: c.targets.filter(keep), tasks: c.tasks.filter(keep) })),
  };
}

/** Every target and task id a report mentions, children's included. */
export function reportItemIds(content: ReportContent): { targetIds: number[]; taskIds: number[] } {
  const all = [content, ...content.children];
  return { targetIds: all.flatMap((c) => c.targets.map((t) => t.targetId)), taskIds: all.flatMap((c) => c.tasks.map((t) => t.taskId)) };
}
