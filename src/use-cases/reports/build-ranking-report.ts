import type { AppContext } from '../../app-context.ts';
import { InputError, NotFoundError } from '../../domain/errors.ts';
import { parsePeriod, periodLabel } from '../../domain/periods/period.ts';
import { dueBefore, periodForCycle, vietnamDate } from '../../domain/reporting/cycles.ts';
import type { ReportContent } from '../../domain/reporting/report-content.ts';
import { TIMELINESS_VI, timelinessOf } from '../../domain/reporting/timeliness.ts';
import { formatNumberVi, formatShareVi, longDateVi } from '../../domain/reporting/vietnamese-format.ts';
import { renderDocx } from '../../reports/docx-report.ts';
import { renderHtml } from '../../reports/html-report.ts';
import { documentSymbol, type OfficialReport } from '../../reports/official-report.ts';
import { htmlToPdf } from '../../reports/pdf-report.ts';
import { findUnitByCode, listObligations, submissionsFor, unitWithAncestors } from '../../repositories/reporting.repository.ts';
import { buildReportContent } from '../reporting/build-report-content.ts';
import { getRanking } from '../scores/get-ranking.ts';
import { CONTENT_TYPES, type ReportFormat } from './build-report-document.ts';
import { message } from '../../domain/messages/message.ts';

export interface RankingRow {
  rank: number;
  unit: { code: string; name: string };
  /** Score of the framework, or the share of targets met or on track when ranking by targets. */
  score: number;
  max: number | null;
  targetsMet: number | null;
  targetsTotal: number | null;
  taskProgress: number | null;
  timeliness: string;
}

/**
 * The periodic evaluation and ranking report ("báo cáo đánh giá, xếp hạng tự động định kỳ") of the
 * units reporting to `recipient`: ranked by a scoring framework's scores when `framework` is given,
 * else by the share of their targets met or on track (ties: average task progress, then timeliness).
 *
 * @example
 * const doc = await buildRankingReport(ctx, { recipient: 'P_VINH_TUY', period: '2026-03', format: 'docx' });
 */
export async function buildRankingReport(
  ctx: AppContext,
  input: { recipient: string; period: string; format: string; framework?: string },
): Promise<{ bytes: Buffer; contentType: string; filename: string; rows: RankingRow[] }> {
  if (!['docx', 'pdf'].includes(input.format)) throw new InputError(message('export.unsupported_format'), [{ field: 'format', message: `"${input.format}" — docx hoặc pdf` }]);
  const period = parsePeriod(input.period);
  if (!period) throw new InputError(message('score.invalid_period_here'), [{ field: 'period', message: input.period }]);
  const recipient = await findUnitByCode(ctx.db, input.recipient);
  if (!recipient) throw new NotFoundError(message('report.unit_not_found_again', { recipient: input.recipient }));
  const now = ctx.now();
  const obligations = (await listObligations(ctx.db, { recipientUnitId: recipient.id, activeOnly: true })).filter((o) => periodForCycle(o.cycle, period.code));
  const submissions = await submissionsFor(ctx.db, obligations.map((o) => o.id), [period.code]);
  const rows: Omit<RankingRow, 'rank'>[] = [];
  for (const o of obligations) {
    const p = periodForCycle(o.cycle, period.code);
    if (!p) continue;
    const s = submissions.get(`${o.id}|${p.code}`) ?? null;
    const content = s ? (s.content as ReportContent) : await buildReportContent(ctx.db, o, p, now);
    const numeric = content.targets.filter((t) => t.status !== 'qualitative');
    const good = numeric.filter((t) => t.status === 'met' || t.status === 'on_track').length;
    const t = timelinessOf(dueBefore(o, p), s?.firstSubmittedAt ?? null, now);
    rows.push({
      unit: { code: o.unit.code, name: o.unit.name },
      score: numeric.length ? good / numeric.length : 0,
      max: null,
      targetsMet: good,
      targetsTotal: numeric.length,
      taskProgress: content.tasks.length ? content.tasks.reduce((a, x) => a + x.progress, 0) / content.tasks.length : null,
      timeliness: t.status === 'late' || t.status === 'missing' ? `${TIMELINESS_VI[t.status]} ${t.daysLate} ngày` : TIMELINESS_VI[t.status],
    });
  }
  let ranked: RankingRow[];
  let basis: string;
  if (input.framework) {
    const ranking = await getRanking(ctx, { framework: input.framework, period: input.period });
    const byCode = new Map(rows.map((r) => [r.unit.code, r]));
    ranked = ranking.ranking
      .filter((r) => byCode.has(r.unit))
      .map((r) => ({ ...(byCode.get(r.unit) as Omit<RankingRow, 'rank'>), score: r.score, max: r.max, rank: r.rank }));
    basis = `điểm theo Bộ chỉ số ${ranking.framework} (phiên bản ${ranking.version})`;
  } else {
    const sorted = [...rows].sort((a, b) => b.score - a.score || (b.taskProgress ?? 0) - (a.taskProgress ?? 0) || a.unit.code.localeCompare(b.unit.code));
    ranked = [];
    sorted.forEach((r, i) => {
      const prev = ranked[i - 1];
      const tie = prev && prev.score === r.score && prev.taskProgress === r.taskProgress;
      ranked.push({ ...r, rank: tie ? prev.rank : i + 1 });
    });
    basis = 'tỷ lệ chỉ tiêu đạt hoặc đúng tiến độ, sau đó tiến độ nhiệm vụ bình quân';
  }
  const chain = await unitWithAncestors(ctx.db, recipient.id);
  const commune = chain.find((u) => u.kind === 'commune');
  const place = commune ? commune.name.replace(/^(UBND|Ủy ban nhân dân)\s+/i, '').replace(/^(phường|xã|thị trấn)\s+/i, '') : 'Hà Nội';
  const isCommittee = recipient.kind === 'commune' || recipient.kind === 'city';
  const report: OfficialReport = {
    issuer: isCommittee
      ? { parent: 'ỦY BAN NHÂN DÂN', name: recipient.name.replace(/^(UBND|Ủy ban nhân dân)\s+/i, '').toLocaleUpperCase('vi') }
      : { parent: chain[1]?.name.toLocaleUpperCase('vi') ?? null, name: recipient.name.toLocaleUpperCase('vi') },
    numberLine: `Số: ……/BC-${documentSymbol(recipient)}`,
    placeDate: `${place}, ${longDateVi(vietnamDate(now))}`,
    title: 'BÁO CÁO',
    subject: `Đánh giá, xếp hạng mức độ hoàn thành chỉ tiêu, nhiệm vụ chuyển đổi số ${periodLabel(period).charAt(0).toLocaleLowerCase('vi')}${periodLabel(period).slice(1)}`,
    intro: `Trên cơ sở số liệu đo lường tự động trên hệ thống Theo Dõi, ${recipient.name} báo cáo kết quả đánh giá, xếp hạng ${ranked.length} đơn vị; căn cứ xếp hạng: ${basis}.`,
    sections: [
      {
        kind: 'table',
        heading: 'I. BẢNG XẾP HẠNG',
        columns: ['Hạng', 'Đơn vị', input.framework ? 'Điểm' : 'Tỷ lệ chỉ tiêu đạt', 'Chỉ tiêu đạt', 'Tiến độ nhiệm vụ', 'Báo cáo'],
        widths: [8, 36, 14, 14, 14, 14],
        rows: ranked.map((r) => [
          String(r.rank),
          r.unit.name,
          input.framework ? `${formatNumberVi(r.score)}/${formatNumberVi(r.max ?? 0)}` : formatShareVi(r.score),
          r.targetsTotal === null ? '—' : `${r.targetsMet}/${r.targetsTotal}`,
          r.taskProgress === null ? '—' : `${formatNumberVi(r.taskProgress, 1)}%`,
          r.timeliness,
        ]),
      },
      {
        kind: 'paragraphs',
        heading: 'II. ĐÁNH GIÁ CHUNG',
        paragraphs: [
          ranked.length
            ? `Dẫn đầu: ${ranked.filter((r) => r.rank === 1).map((r) => r.unit.name).join(', ')}. Cần tập trung chỉ đạo: ${ranked.filter((r) => r.rank === ranked[ranked.length - 1]?.rank).map((r) => r.unit.name).join(', ')}.`
            : 'Không có đơn vị nào trong kỳ.',
        ],
      },
    ],
    recipients: [...(chain[1] ? [`${chain[1].name} (để b/c)`] : []), 'Các đơn vị trực thuộc;', 'Lưu: VT.'],
    signature: isCommittee ? { authority: 'TM. ỦY BAN NHÂN DÂN', position: 'CHỦ TỊCH', signer: null } : { authority: null, position: 'THỦ TRƯỞNG ĐƠN VỊ', signer: null },
  };
  const format = input.format as Extract<ReportFormat, 'docx' | 'pdf'>;
  const bytes = format === 'docx' ? await renderDocx(report) : await htmlToPdf(renderHtml(report));
  return { bytes, contentType: CONTENT_TYPES[format], filename: `xep-hang-${recipient.code}-${period.code}.${format}`, rows: ranked };
}
