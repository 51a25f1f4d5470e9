import { TARGET_STATUS_VI, TASK_STATUS_VI, type ReportContent } from '../domain/reporting/report-content.ts';
import { formatDateVi, formatFigureVi, formatNumberVi, longDateVi } from '../domain/reporting/vietnamese-format.ts';

/**
 * A report laid out as an administrative document of Nghị định 30/2020/NĐ-CP, independent of the
 * output format: the DOCX, HTML (for PDF) and XLSX builders all render this one model, so the figures
 * cannot differ between formats.
 */
export interface OfficialReport {
  /** Left header: governing body (regular caps) and issuing body (bold caps). */
  issuer: { parent: string | null; name: string };
  /** "Số: …/BC-UBND". */
  numberLine: string;
  /** "Vĩnh Tuy, ngày 20 tháng 03 năm 2026". */
  placeDate: string;
  title: string;
  subject: string;
  intro: string;
  sections: ReportSection[];
  recipients: string[];
  signature: { authority: string | null; position: string; signer: string | null };
}

export type ReportSection =
  | { kind: 'table'; heading: string; columns: string[]; widths: number[]; rows: string[][]; note?: string }
  | { kind: 'paragraphs'; heading: string; paragraphs: string[] };

export interface IssuerFacts {
  unit: { code: string; name: string; kind: string };
  parent: { name: string; kind: string } | null;
  /** Place name for the date line ("Vĩnh Tuy", "Hà Nội"). */
  place: string;
  /** ISO date of issue. */
  date: string;
  number: string | null;
  signer?: string | null;
}

/**
 * Builds the document model of a unit's periodic report (or a consolidated one when it has children).
 *
 * @example officialReportOf(content, { unit, parent, place: 'Vĩnh Tuy', date: '2026-03-20', number: null })
 */
export function officialReportOf(content: ReportContent, facts: IssuerFacts): OfficialReport {
  const consolidated = content.children.length > 0;
  const met = content.targets.filter((t) => t.status === 'met').length;
  const numeric = content.targets.filter((t) => t.status !== 'qualitative').length;
  const done = content.tasks.filter((t) => t.status === 'done').length;
  const planRef = content.plan.code ? `Kế hoạch số ${content.plan.code}` : (content.plan.title ?? 'kế hoạch');
  const sections: ReportSection[] = [
    {
      kind: 'table',
      heading: 'I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU',
      columns: ['STT', 'Chỉ tiêu', 'Mục tiêu', 'Kết quả', 'Kỳ số liệu', 'Nguồn số liệu', 'Đánh giá'],
      widths: [6, 34, 12, 11, 11, 14, 12],
      rows: content.targets.map((t, i) => [
        String(i + 1),
        t.text,
        t.goal,
        formatFigureVi(t.value, t.measure),
        t.valuePeriod ? periodShort(t.valuePeriod) : '—',
        t.source ? `${t.source.system} (${formatDateVi(new Date(t.source.recordedAt))})` : '—',
        TARGET_STATUS_VI[t.status],
      ]),
      note: `Đạt ${met}/${numeric} chỉ tiêu định lượng.`,
    },
    {
      kind: 'table',
      heading: 'II. TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ',
      columns: ['STT', 'Nhiệm vụ', 'Thời hạn', 'Tiến độ', 'Tình trạng', 'Minh chứng, ghi chú'],
      widths: [6, 40, 12, 10, 14, 18],
      rows: content.tasks.map((t, i) => [
        String(i + 1),
        t.title,
        t.due ?? '—',
        `${formatNumberVi(t.progress)}%`,
        TASK_STATUS_VI[t.status] ?? t.status,
        [t.evidence, t.note].filter(Boolean).join('; ') || '—',
      ]),
      note: `Hoàn thành ${done}/${content.tasks.length} nhiệm vụ.`,
    },
  ];
  if (consolidated) {
    sections.push({
      kind: 'table',
      heading: 'III. TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ',
      columns: ['STT', 'Đơn vị', 'Trạng thái báo cáo', 'Thời hạn'],
      widths: [6, 50, 22, 22],
      rows: content.children.map((c, i) => [String(i + 1), c.unit.name, CHILD_STATE_VI[c.state] ?? c.state, c.timeliness]),
    });
  }
  const roman = consolidated ? ['IV', 'V'] : ['III', 'IV'];
  const childTexts = (pick: (c: ReportContent['children'][number]) => string) =>
    content.children.filter((c) => pick(c).trim()).map((c) => `${c.unit.name}: ${pick(c).trim()}`);
  sections.push(
    { kind: 'paragraphs', heading: `${roman[0]}. KHÓ KHĂN, VƯỚNG MẮC`, paragraphs: nonEmpty([content.difficulties, ...childTexts((c) => c.difficulties)]) },
    { kind: 'paragraphs', heading: `${roman[1]}. KIẾN NGHỊ, ĐỀ XUẤT`, paragraphs: nonEmpty([content.proposals, ...childTexts((c) => c.proposals)]) },
  );
  const isCommune = facts.unit.kind === 'commune' || facts.unit.kind === 'city';
  return {
    issuer: issuerLines(facts),
    numberLine: `Số: ${facts.number ?? '……'}/BC-${documentSymbol(facts.unit)}`,
    placeDate: `${facts.place}, ${longDateVi(facts.date)}`,
    title: 'BÁO CÁO',
    subject: `Kết quả thực hiện ${planRef} ${lowerFirst(content.period.label)}${consolidated ? ' (tổng hợp)' : ''}`,
    intro: `Thực hiện chế độ báo cáo định kỳ, ${facts.unit.name} báo cáo kết quả thực hiện ${planRef} ${lowerFirst(content.period.label)} (số liệu trích xuất từ hệ thống Theo Dõi ngày ${formatDateVi(new Date(content.prefilledAt))}) như sau:`,
    sections,
    recipients: [...(content.recipient ? [`${content.recipient.name} (để b/c)`] : []), 'Lưu: VT.'],
    signature: isCommune
      ? { authority: 'TM. ỦY BAN NHÂN DÂN', position: 'CHỦ TỊCH', signer: facts.signer ?? null }
      : { authority: null, position: headTitle(facts.unit), signer: facts.signer ?? null },
  };
}

const CHILD_STATE_VI: Record<string, string> = {
  none: 'Chưa lập',
  draft: 'Đang soạn',
  submitted: 'Đã gửi, chờ duyệt',
  returned: 'Bị trả lại',
  approved: 'Đã phê duyệt',
};

function issuerLines(facts: IssuerFacts): { parent: string | null; name: string } {
  const upper = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi');
  if (facts.unit.kind === 'commune') {
    return { parent: 'ỦY BAN NHÂN DÂN', name: upper(facts.unit.name.replace(/^(UBND|Ủy ban nhân dân)\s+/i, '')) };
  }
  if (facts.unit.kind === 'city') return { parent: null, name: `ỦY BAN NHÂN DÂN ${upper(facts.unit.name.replace(/^(UBND|Ủy ban nhân dân)\s+/i, ''))}` };
  return { parent: facts.parent ? upper(facts.parent.name) : null, name: upper(facts.unit.name) };
}

/** The part after "BC-": UBND for people's committees, else the initials of the body ("VHXH", "SKHCN"). */
export function documentSymbol(unit: { name: string; kind: string }): string {
  if (unit.kind === 'commune' || unit.kind === 'city') return 'UBND';
  const ascii = unit.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'D');
  if (/^van phong/i.test(ascii)) return 'VP';
  const words = ascii
    .replace(/^(Phong|Ban)\s+/i, '')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w && !/^va$/i.test(w));
  return words.map((w) => w[0]?.toUpperCase() ?? '').join('') || 'BC';
}

function headTitle(unit: { name: string; kind: string }): string {
  if (/^S[ởo]\s/i.test(unit.name)) return 'GIÁM ĐỐC';
  if (/^V[ăa]n phòng/i.test(unit.name)) return 'CHÁNH VĂN PHÒNG';
  if (/^Phòng/i.test(unit.name)) return 'TRƯỞNG PHÒNG';
  if (/^Ban/i.test(unit.name)) return 'TRƯỞNG BAN';
  return 'THỦ TRƯỞNG ĐƠN VỊ';
}

function periodShort(code: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(code);
  return m ? `${m[2]}/${m[1]}` : code;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
}

function nonEmpty(items: string[]): string[] {
  const out = items.map((s) => s.trim()).filter(Boolean);
  return out.length ? out : ['Không có.'];
}
