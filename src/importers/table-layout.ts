// Table layout by header meaning: which column holds the item, the goal, the units, the deadline.
import { romanToNumber } from '../domain/plans/numbering.ts';
import { fold, squash } from '../domain/plans/text-folding.ts';
import type { TableBlock } from './document-model.ts';

export interface TableLayout {
  kind: 'target' | 'task';
  dataFrom: number;
  seq: number;
  detail: number;
  item: number;
  monitor: number;
  lead: number;
  partners: number;
  due: number;
  result: number;
  product: number;
  basis: number;
  kpi: number;
  /** Target tables: the goal's own column and its measure column (-1 when the text holds the goal). */
  value: number;
  measure: number;
}

/**
 * The level of a group row (a number and a title, nothing else): a letter (A, B) is the outermost,
 * then a roman numeral (I), a numbered roman (I.1), and a plain number whose rows below restart
 * their numbering ("1 <nhóm>" followed by "1 <chỉ tiêu>") or carry their number in another column.
 * Null for an item row.
 */
export function groupLevel(seqCell: string, detailCell: string, next: string[] | null, layout: TableLayout): number | null {
  const own = (seqCell || detailCell).replace(/[.)]$/, '');
  if (!own) return null;
  if (/^[A-Z]$/.test(own) && romanToNumber(own) === null) return 1;
  if (romanToNumber(own) !== null && !/^\d/.test(own)) return 2;
  if (/^[IVX]{1,5}\.\d{1,2}$/.test(own) && romanToNumber(own.split('.')[0] ?? '') !== null) return 3;
  if (!/^\d{1,3}$/.test(own) || !next) return null;
  const column = seqCell ? layout.seq : layout.detail;
  const nextOwn = (next[column] ?? '').replace(/[.)]$/, '');
  const nextOther = (seqCell ? (layout.detail >= 0 ? next[layout.detail] : '') : next[layout.seq]) ?? '';
  if (nextOwn === '1' || (!nextOwn && /^\d+$/.test(nextOther.replace(/[.)]$/, '')))) return 4;
  return null;
}

/** Finds the columns of an appendix table by their header labels (diacritics-insensitive). */
export function tableLayout(table: TableBlock): TableLayout | null {
  let headerIndex = -1;
  let best = 0;
  table.rows.slice(0, 4).forEach((r, i) => {
    const score = r.cells.filter((c) => /stt|muc tieu|chi tieu|nhiem vu|chu tri|phoi hop|thoi han|ket qua|san pham|dau moi|dau bai|can cu/.test(fold(c))).length;
    if (score > best) {
      best = score;
      headerIndex = i;
    }
  });
  if (headerIndex < 0 || best < 2) return null;
  const header = table.rows[headerIndex]?.cells.map((c) => fold(squash(c))) ?? [];
  let dataFrom = headerIndex + 1;
  const sub = table.rows[dataFrom]?.cells.map((c) => fold(squash(c))) ?? [];
  const subIsHeader = sub.some((c) => c === 'chi tiet' || c === 'tt') && sub.every((c) => c.length < 20);
  if (subIsHeader) dataFrom++;
  const labels = header.map((h, i) => (h || (subIsHeader ? (sub[i] ?? '') : '')));
  const find = (re: RegExp, not?: RegExp): number => labels.findIndex((l) => re.test(l) && !(not?.test(l) ?? false));
  const seq = Math.max(0, find(/^(?:stt|tt|so tt)$/));
  const detail = find(/^chi tiet$/);
  // "Nội dung chỉ tiêu" matches both kinds: the words "chỉ tiêu"/"mục tiêu" make it a target column.
  const targetCol = find(/^(?:(?:noi dung|ten|danh muc|cac)\s+)?(?:muc tieu|chi tieu)\b/, /theo doi/);
  const taskCol = find(/nhiem vu|dau bai|^noi dung|^ten /);
  let kind: 'target' | 'task';
  let item: number;
  if (targetCol >= 0 && targetCol <= 2 && (taskCol < 0 || targetCol <= taskCol)) {
    kind = 'target';
    item = targetCol;
  } else if (taskCol >= 0 && taskCol <= 2) {
    kind = 'task';
    item = taskCol;
  } else return null;
  const monitor = find(/theo doi|huong dan|tong hop/);
  let lead = labels.findIndex((l, i) => i !== monitor && /chu tri|dau moi/.test(l));
  // "Đơn vị thực hiện" / "Cơ quan thực hiện" leads when no column says "chủ trì".
  if (lead < 0) lead = labels.findIndex((l, i) => i !== monitor && /^(?:don vi|co quan)\s+thuc hien\b/.test(l));
  // A target table's goal may have a column of its own ("Kết quả", "Chỉ tiêu", "Mục tiêu" beside the
  // target's name; not a baseline "Kết quả đạt được …"), and its measure the column "ĐVT", "Đơn vị
  // tính", or a bare "Đơn vị" next to that value column.
  const value = kind === 'target'
    ? labels.findIndex((l, i) => i !== item && i !== monitor && i !== lead && /^(?:ket qua|chi tieu|muc tieu|gia tri)\b/.test(l) && !/dat duoc|hien trang|thuc hien|uoc|theo doi/.test(l))
    : -1;
  const measure = labels.findIndex((l, i) => /^(?:dvt|don vi tinh)$/.test(l) || (l === 'don vi' && value >= 0 && Math.abs(i - value) === 1));
  return {
    kind,
    dataFrom,
    seq,
    detail,
    item,
    monitor,
    lead,
    partners: find(/phoi hop/),
    due: find(/thoi han|thoi gian|tien do/),
    result: find(/ket qua/, /kpi/),
    product: find(/san pham/),
    basis: find(/can cu/),
    kpi: find(/kpi/),
    value,
    measure,
  };
}
