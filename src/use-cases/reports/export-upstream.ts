import type { AppContext } from '../../app-context.ts';
import { InputError } from '../../domain/errors.ts';
import type { PushReceipt, UpstreamConnector } from '../../exports/upstream/connector.ts';
import { toUpstreamExport, upstreamCsv, type UpstreamExport } from '../../exports/upstream/upstream-export.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { loadUnitReport } from './load-unit-report.ts';
import { message } from '../../domain/messages/message.ts';

/**
 * What a unit reports upward for a period, as JSON (the `UpstreamExport` object) or CSV text
 * (docs/upstream-export.md).
 *
 * @example const csv = await exportUpstream(ctx, 'P_VINH_TUY', '2026-03', 'csv');
 */
export async function exportUpstream(ctx: AppContext, unit: string, period: string, format: 'json', reader?: { classifiedVisible: boolean }): Promise<UpstreamExport>;
export async function exportUpstream(ctx: AppContext, unit: string, period: string, format: 'csv', reader?: { classifiedVisible: boolean }): Promise<string>;
export async function exportUpstream(ctx: AppContext, unit: string, period: string, format: string, reader?: { classifiedVisible: boolean }): Promise<UpstreamExport | string>;
export async function exportUpstream(ctx: AppContext, unit: string, period: string, format: string, reader: { classifiedVisible: boolean } = { classifiedVisible: true }): Promise<UpstreamExport | string> {
  if (format !== 'json' && format !== 'csv') throw new InputError(message('export.unsupported_format'), [{ field: 'format', message: `"${format}" — json hoặc csv` }]);
  const report = await loadUnitReport(ctx, unit, period, undefined, reader);
  const data = toUpstreamExport(report.content, { state: report.submission?.state ?? 'none', submittedAt: report.submission?.submittedAt ?? null, approvedAt: report.submission?.approvedAt ?? null }, ctx.now());
  return format === 'json' ? data : upstreamCsv(data);
}

/**
 * Pushes a unit's report of a period to an upstream system through its connector, and audits the
 * push with the receiver's answer.
 */
export async function pushUpstream(ctx: AppContext, connector: UpstreamConnector, unit: string, period: string, actor: string): Promise<PushReceipt> {
  const data = await exportUpstream(ctx, unit, period, 'json');
  const receipt = await connector.push(data);
  await recordAudit(ctx.db, { actor, action: 'push', entity: 'upstream_report', entityId: `${unit}:${period}`, before: null, after: { connector: connector.name, ...receipt }, at: ctx.now() });
  return receipt;
}
