import type { AppContext } from '../../app-context.ts';
import { hideClassifiedLines, reportItemIds } from '../../domain/reporting/hide-classified-lines.ts';
import type { ReportContent } from '../../domain/reporting/report-content.ts';
import { classifiedReportItems } from '../../repositories/reporting.repository.ts';

/**
 * A report's content for its reader: whole for those who may see classified items at the unit,
 * without the classified lines otherwise. Every path that hands a report out (the submission, the
 * DOCX/XLSX/PDF files, the upstream export) passes through here.
 *
 * @example const content = await contentForReader(ctx, report.content, false);
 */
export async function contentForReader(ctx: AppContext, content: ReportContent, classifiedVisible: boolean): Promise<ReportContent> {
  if (classifiedVisible) return content;
  return hideClassifiedLines(content, await classifiedReportItems(ctx.db, reportItemIds(content)));
}
