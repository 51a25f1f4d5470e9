import { PROBLEM_STATE_LABELS, isProblemState } from './problem-states.ts';
import { AREA_TYPES, MANAGEMENT_FIELDS, SCALE_CLASSES, type AreaType, type ManagementField, type ScaleClass } from './problem-vocabulary.ts';

/** What the catalogue needs of one problem. Contacts are not part of it: personal data never leaves in an export. */
export interface CatalogueProblem {
  code: string;
  name: string;
  fields: string[];
  problem: string;
  managementNeed: string;
  pilotScope: string;
  dataInputs: string | null;
  outputStandards: string | null;
  sandboxConditions: string | null;
  resources: string | null;
  /** Names of the proposing unit(s): the ward, or the wards whose proposals were merged into it. */
  proposingUnits: string[];
  receivingUnit: string;
  scaleClass: string | null;
  areaType: string | null;
  state: string;
  priority: string;
  kpis: { indicatorName: string; op: string; baseline: number | null; goal: number | null; dueOn: string | null; unit: string }[];
}

export const CATALOGUE_TITLE = 'DANH MỤC BÀI TOÁN ƯU TIÊN CỦA THÀNH PHỐ';
export const CATALOGUE_HEADERS = ['STT', 'Tên bài toán', 'Lĩnh vực quản lý', 'Đơn vị đề xuất', 'Cơ quan tiếp nhận', 'Quy mô', 'Trạng thái', 'KPI'] as const;

/** The one-page description of a high-priority problem: numbered headings as the template has them. */
export interface CataloguePage {
  code: string;
  title: string;
  sections: { heading: string; lines: string[] }[];
}

export interface CatalogueLayout {
  title: string;
  headers: readonly string[];
  rows: string[][];
  pages: CataloguePage[];
}

const fieldLabel = (f: string) => MANAGEMENT_FIELDS[f as ManagementField] ?? f;
const scaleLabel = (s: string | null) => (s ? SCALE_CLASSES[s as ScaleClass] ?? s : '');
const stateLabel = (s: string) => (isProblemState(s) ? PROBLEM_STATE_LABELS[s] : s);

/** dd/mm/yyyy, as officials write dates. */
function dmy(iso: string | null): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/** "Số giờ rác tồn đọng ≤ 2 (ban đầu 6), đến 31/12/2026 — P_A". Decimal comma, as Vietnamese figures are written. */
export function kpiLine(k: CatalogueProblem['kpis'][number]): string {
  const num = (n: number | null) => (n === null ? '' : String(n).replace('.', ','));
  const op = k.op.replace('>=', '≥').replace('<=', '≤');
  const baseline = k.baseline === null ? '' : ` (ban đầu ${num(k.baseline)})`;
  const due = k.dueOn ? `, đến ${dmy(k.dueOn)}` : '';
  return `${k.indicatorName} ${op} ${num(k.goal)}${baseline}${due} — ${k.unit}`;
}

/**
 * The city's priority catalogue in the template's layout (Appendix III): the table of every problem
 * (STT, name, field, proposing unit(s), receiving agency, scale, state, KPIs), then one page per
 * high-priority problem with the template's numbered parts and its KPIs. Pure; the renderers turn
 * it into XLSX or DOCX.
 */
export function catalogueLayout(problems: readonly CatalogueProblem[]): CatalogueLayout {
  const rows = problems.map((p, i) => [
    String(i + 1), `${p.name} (${p.code})`, p.fields.map(fieldLabel).join('; '), p.proposingUnits.join('; '), p.receivingUnit,
    [scaleLabel(p.scaleClass), p.areaType ? AREA_TYPES[p.areaType as AreaType] ?? p.areaType : ''].filter(Boolean).join(' – '),
    stateLabel(p.state), p.kpis.map(kpiLine).join('\n'),
  ]);
  const pages = problems.filter((p) => p.priority === 'high').map((p) => ({
    code: p.code,
    title: `${p.name} (${p.code})`,
    sections: [
      { heading: '1. Tên bài toán', lines: [p.name] },
      { heading: '2. Lĩnh vực quản lý liên quan', lines: [p.fields.map(fieldLabel).join('; ')] },
      { heading: '3. Mô tả vấn đề thực tiễn', lines: [p.problem] },
      { heading: '4. Mục tiêu quản lý hướng tới', lines: [p.managementNeed] },
      { heading: '5. Phạm vi và điều kiện thử nghiệm', lines: [p.pilotScope, p.sandboxConditions ? `Điều kiện thử nghiệm: ${p.sandboxConditions}` : '', scaleLabel(p.scaleClass) ? `Quy mô: ${scaleLabel(p.scaleClass)}` : ''].filter(Boolean) },
      { heading: '6. Dữ liệu, chuẩn đầu ra và nguồn lực', lines: [p.dataInputs ? `Dữ liệu đầu vào: ${p.dataInputs}` : '', p.outputStandards ? `Chuẩn đầu ra: ${p.outputStandards}` : '', p.resources ? `Nguồn lực: ${p.resources}` : ''].filter(Boolean) },
      { heading: '7. KPI đo trước và sau thử nghiệm', lines: p.kpis.length ? p.kpis.map(kpiLine) : ['(chưa có)'] },
      { heading: '8. Đơn vị đề xuất, cơ quan tiếp nhận', lines: [`${p.proposingUnits.join('; ')} — ${p.receivingUnit}`] },
    ],
  }));
  return { title: CATALOGUE_TITLE, headers: CATALOGUE_HEADERS, rows, pages };
}
