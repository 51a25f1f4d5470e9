import type { DocumentBlock } from '../../importers/document-model.ts';
import { problem, type Problem } from '../errors.ts';
import { fold } from '../plans/text-folding.ts';
import type { ProposalInput } from './intake-rules.ts';
import { MANAGEMENT_FIELDS } from './problem-vocabulary.ts';
import { message, type Message } from '../messages/message.ts';

/** A filled Mẫu 01 as read from a file: the proposal's fields, the unit named in it, where it starts. */
export interface FormProposal extends ProposalInput {
  /** "Tên xã/phường" as written: a unit code or a unit's name; resolved against the unit registry later. */
  unit?: string | null;
  receivingUnit?: string | null;
  /** Spreadsheet row, or the DOCX paragraph where the form starts. */
  line: number;
  /** The worksheet the row is on (a workbook several wards filled, one sheet each). */
  sheet?: string;
  /** Where each field of the row was read: column letter and header as written, to name in errors. */
  columns?: Partial<Record<string, SheetColumn>>;
}

export interface SheetColumn {
  column: string;
  header: string;
}

/** 0 → "A", 25 → "Z", 26 → "AA": the column as a spreadsheet names it. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A row of column numbers under the header ("(1)", "(2)", … or 1, 2, …), as official forms carry. */
function isColumnNumbers(cells: readonly string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter(Boolean);
  return filled.length >= 3 && filled.every((c) => /^\(?\d{1,2}\)?$/.test(c));
}

type Key = 'unit' | 'receivingUnit' | 'name' | 'fields' | 'problem' | 'currentHandling' | 'managementNeed' | 'dataAvailable' | 'pilotScope'
  | 'contactTitle' | 'contactPhone' | 'contactEmail' | 'contactName' | 'contact';

/**
 * How a label or header is recognised, by meaning: folded (diacritics- and case-insensitive) phrases,
 * tried in this order so that the more specific wins ("Cơ quan tiếp nhận" before "đơn vị",
 * "Đầu mối liên hệ (họ tên – chức danh – điện thoại)" as one combined contact before "họ tên").
 */
const LABELS: [Key, string[]][] = [
  ['receivingUnit', ['co quan tiep nhan', 'don vi tiep nhan', 'noi nhan']],
  ['name', ['ten bai toan', 'ten de xuat', 'ten van de']],
  ['fields', ['linh vuc']],
  ['problem', ['mo ta van de', 'van de thuc tien', 'mo ta']],
  ['currentHandling', ['cach thuc dang xu ly', 'dang xu ly', 'xu ly hien nay', 'cach lam hien nay']],
  ['managementNeed', ['nhu cau quan ly', 'nhu cau']],
  ['dataAvailable', ['du lieu hien co', 'du lieu de do', 'du lieu san co']],
  ['pilotScope', ['pham vi', 'kha nang thu nghiem']],
  ['contact', ['dau moi lien he', 'dau moi']],
  ['contactTitle', ['chuc danh', 'chuc vu']],
  ['contactPhone', ['dien thoai', 'so dt', 'sdt']],
  ['contactEmail', ['email', 'e-mail', 'thu dien tu']],
  ['contactName', ['ho ten', 'ho va ten', 'nguoi lien he', 'can bo lien he']],
  ['unit', ['ten xa/phuong', 'ten xa, phuong', 'xa/phuong', 'xa, phuong', 'don vi de xuat', 'ma don vi', 'don vi']],
];

function keyOf(label: string): Key | null {
  const f = fold(label).replace(/\s+/g, ' ').trim();
  for (const [key, phrases] of LABELS) if (phrases.some((p) => f.includes(p))) return key;
  return null;
}

const clean = (s: string | undefined) => (s ?? '').normalize('NFC').replace(/\s+\n/g, '\n').trim();

/** "Môi trường; Y tế" → ['Môi trường', 'Y tế']; on a ticked form (☒ Y tế ☐ Giáo dục) only the ticked ones. */
export function splitFields(text: string): string[] {
  const ticks = /[☒☑✔✓■]|\[x\]/iu;
  if (ticks.test(text)) {
    const labels = Object.values(MANAGEMENT_FIELDS);
    return labels.filter((l) => new RegExp(`(?:[☒☑✔✓■]|\\[x\\])\\s*${l}`, 'iu').test(text.normalize('NFC')));
  }
  return text.split(/[;,\n]+/).map((s) => s.trim()).filter(Boolean);
}

/** "Lê Văn A – Cán bộ văn hoá – 0912 345 678, a@x.vn": the form's one contact line, in its parts. */
export function splitContact(text: string): Pick<ProposalInput, 'contactName' | 'contactTitle' | 'contactPhone' | 'contactEmail'> {
  const email = /[^\s,;]+@[^\s,;]+\.[^\s,;]+/.exec(text)?.[0] ?? null;
  const phone = /(?:\+?84|0)[\d .]{8,13}\d/.exec(text)?.[0]?.trim() ?? null;
  let rest = text;
  for (const part of [email, phone]) if (part) rest = rest.replace(part, '');
  const [name, title] = rest.split(/\s[–—-]\s|[;,]/).map((s) => s.trim()).filter(Boolean);
  return { contactName: name ?? null, contactTitle: title ?? null, contactPhone: phone, contactEmail: email };
}

function assign(p: FormProposal, key: Key, value: string): void {
  if (!value) return;
  if (key === 'fields') p.fields = splitFields(value);
  else if (key === 'contact') Object.assign(p, Object.fromEntries(Object.entries(splitContact(value)).filter(([, v]) => v)));
  else p[key] = value;
}

/**
 * Proposals from a spreadsheet, one row per proposal. The first row that names at least three known
 * columns is the header; its columns are recognised by meaning (LABELS). A header naming the same
 * thing twice is an error naming both columns; unknown columns are left out and reported.
 */
export function proposalsFromSheet(lines: readonly { line: number; cells: string[] }[], sheet?: string): { proposals: FormProposal[]; problems: Problem[]; ignoredColumns: string[]; headerFound: boolean } {
  const headerAt = lines.findIndex((l) => new Set(l.cells.map(keyOf).filter(Boolean)).size >= 3);
  if (headerAt < 0) {
    return { proposals: [], ignoredColumns: [], headerFound: false, problems: [problem({ field: 'file' }, message('problem.no_header_row_found'))] };
  }
  const header = lines[headerAt]!;
  const columns = new Map<number, Key>();
  const seen = new Map<Key, string>();
  const problems: Problem[] = [];
  const ignoredColumns: string[] = [];
  header.cells.forEach((cell, i) => {
    if (!cell.trim()) return;
    const key = keyOf(cell);
    if (!key) return void ignoredColumns.push(cell.trim());
    if (seen.has(key)) {
      problems.push(sheet === undefined
        ? problem({ line: header.line, field: key }, message('problem.two_columns_mean_same', { seen: String(seen.get(key)), cell: cell.trim() }))
        : problem({ line: header.line, field: key }, message('proposal_import.duplicate_column', { sheet, row: header.line, first: seen.get(key)!, second: cell.trim() })));
    }
    seen.set(key, cell.trim());
    columns.set(i, key);
  });
  // Where each proposal field is read; the combined contact column holds all four contact fields.
  const fieldColumns: Partial<Record<string, SheetColumn>> = {};
  for (const [i, key] of columns) {
    const at = { column: columnLetter(i), header: header.cells[i]!.trim() };
    for (const field of key === 'contact' ? ['contactName', 'contactTitle', 'contactPhone', 'contactEmail'] : [key]) fieldColumns[field] ??= at;
  }
  const proposals: FormProposal[] = [];
  for (const row of lines.slice(headerAt + 1)) {
    if (row.cells.every((c) => !c.trim()) || isColumnNumbers(row.cells)) continue;
    const p: FormProposal = { line: row.line, ...(sheet === undefined ? {} : { sheet }), columns: fieldColumns };
    for (const [i, key] of columns) assign(p, key, clean(row.cells[i]));
    proposals.push(p);
  }
  return { proposals, problems, ignoredColumns, headerFound: true };
}

/**
 * Proposals from a workbook several wards filled: every sheet read as `proposalsFromSheet` reads
 * one, each with its own header (wards word and order the columns their own way). A sheet with no
 * header row (instructions, a cover page) is left out with a warning; none at all is an error.
 */
export function proposalsFromWorkbook(sheets: readonly { name: string; lines: readonly { line: number; cells: string[] }[] }[]): { proposals: FormProposal[]; problems: Problem[]; warnings: Message[] } {
  const proposals: FormProposal[] = [];
  const problems: Problem[] = [];
  const warnings: Message[] = [];
  for (const sheet of sheets) {
    const read = proposalsFromSheet(sheet.lines, sheet.name);
    if (!read.headerFound) {
      if (sheet.lines.length) warnings.push(message('proposal_import.sheet_skipped', { sheet: sheet.name }));
      continue;
    }
    proposals.push(...read.proposals);
    problems.push(...read.problems);
    if (read.ignoredColumns.length) warnings.push(message('proposal_import.columns_ignored', { sheet: sheet.name, columns: read.ignoredColumns.join(', ') }));
  }
  if (!sheets.some((s) => proposalsFromSheet(s.lines).headerFound)) {
    problems.push(problem({ field: 'file' }, message('problem.no_header_row_found')));
  }
  return { proposals, problems, warnings };
}

/**
 * One filled Mẫu 01 from a DOCX (its blocks): labelled lines ("Tên xã/phường: …", "Lĩnh vực quản lý
 * liên quan: …", "Đầu mối liên hệ (…): …") set a field; numbered parts ("2. Mô tả vấn đề thực tiễn")
 * collect the text below them until the next part; the form's own prompt lines (ending in "?") are
 * skipped. A two-cell table row counts as "label: value". Mẫu 01 has no line for the problem's name:
 * "Tên bài toán: …" is read when present, else the first sentence of the description stands in for
 * it (with a warning, so the agency can rename it).
 */
export function proposalFromForm(blocks: readonly DocumentBlock[]): { proposal: FormProposal; warnings: Message[] } {
  const lines: { line: number; text: string }[] = [];
  for (const b of blocks) {
    if (b.type === 'paragraph') lines.push({ line: b.line, text: b.text });
    else for (const r of b.rows) lines.push({ line: r.line, text: r.cells.filter((c) => c.trim()).length === 2 ? `${r.cells.filter((c) => c.trim()).join(': ')}` : r.cells.join(' ') });
  }
  const proposal: FormProposal = { line: lines[0]?.line ?? 1 };
  const warnings: Message[] = [];
  let section: Key | null = null;
  const collected = new Map<Key, string[]>();
  for (const { text: raw } of lines) {
    const text = raw.normalize('NFC').replace(/^\s*[-–•+*]\s*/, '').trim();
    if (!text) continue;
    const heading = /^(\d)\s*[.)]\s*(.+)$/.exec(text);
    if (heading) {
      const key = keyOf(heading[2]!);
      section = key === 'problem' || key === 'currentHandling' || key === 'managementNeed' || key === 'pilotScope' ? key : null;
      continue;
    }
    const labelled = /^([^:]{2,90}):\s*(.*)$/.exec(text);
    const key = labelled ? keyOf(labelled[1]!) : null;
    // Inside a numbered part, only the data line is a field of its own; other "x: y" lines are the part's text.
    if (labelled && key && (section === null || key === 'dataAvailable')) {
      assign(proposal, key, clean(labelled[2]));
      continue;
    }
    if (/\?\s*$/.test(text)) continue;
    if (section) collected.set(section, [...(collected.get(section) ?? []), text]);
  }
  for (const [key, texts] of collected) proposal[key as 'problem'] = texts.join('\n');
  if (!proposal.name && proposal.problem) {
    const first = proposal.problem.split(/(?<=[.!?])\s|\n/)[0]!.trim();
    proposal.name = first.length > 150 ? `${first.slice(0, 147)}…` : first;
    warnings.push(message('proposal_import.name_from_description', { name: proposal.name }));
  }
  return { proposal, warnings };
}
