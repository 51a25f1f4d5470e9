import type { AppContext } from '../../app-context.ts';
import { TARGET_STATUS_VI } from '../../domain/reporting/report-content.ts';
import { renderXlsxTable, xlsxFileNames } from '../../exports/xlsx-table.ts';
import type { ReadCheck } from '../evaluation/evaluate-targets.ts';
import { listOverviewTargets, UNGROUPED, type OverviewTargetQuery } from '../overview/list-overview-targets.ts';

const COLUMNS = [
  { header: 'Mã', width: 16 },
  { header: 'Chỉ tiêu', width: 60 },
  { header: 'Đơn vị', width: 28 },
  { header: 'Trụ cột', width: 20 },
  { header: 'Tình trạng', width: 22 },
  { header: 'Giá trị hiện tại', width: 14 },
  { header: 'Kỳ số liệu', width: 12 },
  { header: 'Mục tiêu', width: 12 },
  { header: 'Hạn', width: 12 },
  { header: 'Khả năng không đạt (%)', width: 14 },
  { header: 'Lý do', width: 60 },
] as const;

/** yyyy-mm-dd → dd/mm/yyyy, as officials write dates. */
const vnDate = (iso: string | null) => (iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso);

/**
 * The targets behind an overview figure as an .xlsx file, built on the server from the very list
 * the dashboard shows (`listOverviewTargets`): the caller's scope and the classified rule apply,
 * so a classified target never reaches the file of a reader without the right.
 *
 * @example
 * const file = await exportTargetsXlsx(ctx, { unit: 'HN', statuses: ['at_risk'] }, readable);
 * file.fileName // 'chỉ-tiêu-HN-có-nguy-cơ-không-đạt-2026-06-30.xlsx'
 */
export async function exportTargetsXlsx(ctx: AppContext, query: Omit<OverviewTargetQuery, 'limit' | 'offset'>, readable: ReadCheck): Promise<{ fileName: string; asciiFileName: string; body: Buffer }> {
  const { asOf, targets } = await listOverviewTargets(ctx, query, readable);
  const rows = targets.map((t) => [
    t.code, t.text, t.unitName ?? t.unit, t.pillar?.name ?? null, TARGET_STATUS_VI[t.status], t.current, t.currentPeriod,
    t.goal, vnDate(t.due), Math.round(t.pMiss * 100), t.reason,
  ]);
  const filter = [...(query.statuses ?? []).map((s) => TARGET_STATUS_VI[s]), ...(query.pillar === UNGROUPED ? ['chưa xếp trụ cột'] : query.pillar ? [targets[0]?.pillar?.name ?? query.pillar] : [])];
  const names = xlsxFileNames(['chỉ tiêu', query.unit, ...filter, asOf].join(' ').replace(/\s+/g, '-'));
  return { ...names, body: await renderXlsxTable({ sheetName: 'Chỉ tiêu', columns: COLUMNS, rows }) };
}
