import type { AppContext } from '../../app-context.ts';
import { InputError } from '../../domain/errors.ts';
import { vietnamDate } from '../../domain/reporting/cycles.ts';
import type { ReportContent } from '../../domain/reporting/report-content.ts';
import { renderDocx } from '../../reports/docx-report.ts';
import { renderHtml } from '../../reports/html-report.ts';
import { officialReportOf, type IssuerFacts, type OfficialReport } from '../../reports/official-report.ts';
import { htmlToPdf } from '../../reports/pdf-report.ts';
import { renderXlsxAppendix } from '../../reports/xlsx-appendix.ts';
import { unitWithAncestors, type ObligationRow, type SubmissionRow } from '../../repositories/reporting.repository.ts';
import { loadUnitReport } from './load-unit-report.ts';
import { message } from '../../domain/messages/message.ts';

export const REPORT_FORMATS = ['docx', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export interface ReportDocument {
  bytes: Buffer;
  contentType: string;
  filename: string;
  /** The content the document shows (stored submission, or pre-filled now when none exists yet). */
  content: ReportContent;
  submission: SubmissionRow | null;
}

/**
 * The report of a unit for a period as a document: DOCX (Nghị định 30/2020 layout), XLSX appendix
 * tables, or PDF. It shows the stored submission when there is one, else the figures as they stand
 * now (nothing is stored by generating a document). A unit with reports from units below it gets its
 * consolidated report.
 *
 * @example
 * const doc = await buildReportDocument(ctx, { unit: 'P_VINH_TUY', period: '2026-03', format: 'docx' });
 * await writeFile('bao-cao.docx', doc.bytes);
 */
export async function buildReportDocument(
  ctx: AppContext,
  input: { unit: string; period: string; format: string; planId?: number; classifiedVisible?: boolean },
): Promise<ReportDocument> {
  if (!(REPORT_FORMATS as readonly string[]).includes(input.format)) {
    throw new InputError(message('export.unsupported_format'), [{ field: 'format', message: `"${input.format}" — docx, xlsx hoặc pdf` }]);
  }
  const format = input.format as ReportFormat;
  const { obligation, period, submission, content } = await loadUnitReport(ctx, input.unit, input.period, input.planId, { classifiedVisible: input.classifiedVisible ?? true });
  const report = officialReportOf(content, await issuerFacts(ctx, obligation, submission));
  const bytes = await renderAs(format, report, content);
  return { bytes, contentType: CONTENT_TYPES[format], filename: `bao-cao-${obligation.unit.code}-${period.code}.${format}`, content, submission };
}

/** Renders a document model in a format; XLSX takes the content's tables. */
export async function renderAs(format: ReportFormat, report: OfficialReport, content: ReportContent): Promise<Buffer> {
  switch (format) {
    case 'docx': return renderDocx(report);
    case 'xlsx': return renderXlsxAppendix(content);
    case 'pdf': return htmlToPdf(renderHtml(report));
  }
}

/** Who issues the document, where and when: the place is the ward the unit belongs to, else Hà Nội. */
export async function issuerFacts(ctx: AppContext, obligation: ObligationRow, submission: SubmissionRow | null): Promise<IssuerFacts> {
  const chain = await unitWithAncestors(ctx.db, obligation.unit.id);
  const parent = chain[1] ?? null;
  const commune = chain.find((u) => u.kind === 'commune');
  const place = commune ? commune.name.replace(/^(UBND|Ủy ban nhân dân)\s+/i, '').replace(/^(phường|xã|thị trấn)\s+/i, '') : 'Hà Nội';
  const at = submission?.approvedAt ?? submission?.submittedAt ?? ctx.now();
  return {
    unit: { code: obligation.unit.code, name: obligation.unit.name, kind: obligation.unit.kind },
    parent: parent ? { name: parent.name, kind: parent.kind } : null,
    place,
    date: vietnamDate(at),
    number: submission?.number ?? null,
  };
}
