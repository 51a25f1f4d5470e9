import { fold, squash } from '../domain/plans/text-folding.ts';
import type { DocumentBlock } from './document-model.ts';
import type { PlanDraft } from './draft.ts';

const DOC_TYPES = /^(?:KẾ HOẠCH(?: HÀNH ĐỘNG)?|QUYẾT ĐỊNH|CHƯƠNG TRÌNH(?: HÀNH ĐỘNG)?|ĐỀ ÁN|CHỈ THỊ|NGHỊ QUYẾT|KẾ HOẠCH TRIỂN KHAI)$/u;

/** The plan's identity read from its first lines, plus the partial code when the number is blank. */
export interface PlanHeader {
  plan: PlanDraft['plan'];
  /** "/KH-UBND" when the document leaves the number blank (a draft awaiting its number). */
  partialCode: string | null;
  codeLine: number | null;
}

function sentenceCase(caps: string): string {
  const lower = caps.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

/**
 * Reads title, code ("Số: 20 -KH/BCĐ57" → "20-KH/BCĐ57"; a blank number "Số: /KH-UBND" gives
 * code null and partialCode "/KH-UBND"), issuer (from "(Kèm theo … của X)" or an upper-case
 * authority line) and issuedOn ("Hà Nội, ngày 19 tháng 01 năm 2026"; null when the day is blank).
 */
export function readPlanHeader(blocks: DocumentBlock[]): PlanHeader {
  const paragraphs = blocks.filter((b): b is Extract<DocumentBlock, { type: 'paragraph' }> => b.type === 'paragraph');
  const head = paragraphs.slice(0, 40);
  let code: string | null = null;
  let partialCode: string | null = null;
  let codeLine: number | null = null;
  for (const p of head) {
    const m = /^S[ốô]\s*(?:hiệu)?\s*:\s*(.{1,60})$/u.exec(p.text.trim());
    if (!m?.[1]) continue;
    const compact = m[1].replace(/\s*([-/])\s*/g, '$1').replace(/\s+/g, ' ').trim();
    codeLine = p.line;
    if (/^\d/.test(compact)) code = compact;
    else partialCode = compact;
    break;
  }
  let issuedOn: string | null = null;
  for (const p of head) {
    const f = fold(p.text);
    if (!/\bngay\b/.test(f) || !/\bnam\b/.test(f) || /^(?:can cu|thuc hien|\(kem theo)/.test(f)) continue;
    const m = /ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})/.exec(f);
    if (m) {
      const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const date = new Date(Date.UTC(y, mo - 1, d));
      if (date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) {
        issuedOn = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      }
    }
    break;
  }
  let title: string;
  const typeIndex = head.findIndex((p) => DOC_TYPES.test(p.text.replace(/\*/g, '').trim()));
  if (typeIndex >= 0) {
    const type = sentenceCase(head[typeIndex]?.text.replace(/\*/g, '').trim() ?? '');
    const next = head[typeIndex + 1]?.text.replace(/\*/g, '').trim() ?? '';
    title = squash(`${type} ${next}`);
  } else {
    title = squash(head.find((p) => p.text.length > 10)?.text ?? '');
  }
  // The authority block at the top names the whole body ("ỦY BAN NHÂN DÂN" over "TỈNH BẮC NINH");
  // it wins over the appendix's "(Kèm theo … của UBND …)", which abbreviates it.
  let issuer: string | null = authorityBlock(head);
  if (!issuer) {
    for (const p of paragraphs) {
      const m = /^\(Kèm theo .*? của (.+?)\)?$/u.exec(p.text.trim());
      if (m?.[1]) {
        issuer = squash(m[1].replace(/\)$/, ''));
        break;
      }
    }
  }
  if (!issuer) {
    const authority = head.find((p) => AUTHORITY.test(p.text.trim()) && isCaps(p.text));
    if (authority) issuer = squash(authority.text);
  }
  return { plan: { title: title.slice(0, 500), code, issuer, issuedOn }, partialCode, codeLine };
}

const AUTHORITY = /^(?:ỦY BAN NHÂN DÂN|UBND|BAN CHỈ ĐẠO|SỞ|THÀNH ỦY|BỘ)\b/u;
/** The administrative level that starts a place's name: "TỈNH BẮC NINH", "PHƯỜNG VĨNH TUY". */
const PLACE = /^(TỈNH|THÀNH PHỐ|TP\.?|QUẬN|HUYỆN|THỊ XÃ|PHƯỜNG|XÃ|THỊ TRẤN)\s+(.+)$/u;

function isCaps(text: string): boolean {
  return text === text.toLocaleUpperCase('vi') && /\p{Lu}/u.test(text);
}

function titleWords(caps: string): string {
  return caps.toLocaleLowerCase('vi').replace(/(^|\s)(\p{L})/gu, (_m, space: string, letter: string) => space + letter.toLocaleUpperCase('vi'));
}

const COMMITTEE = /^(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND)\s*/u;
/** A party committee named with its place: "TỈNH ỦY BẮC NINH", "THÀNH ỦY HÀ NỘI". */
const PARTY = /^(TỈNH|THÀNH) (?:ỦY|UỶ)\s+(.+)$/u;
/** Bodies that issue under a superior one (the line above): departments, steering committees. */
const SUBORDINATE = /^(SỞ|BAN CHỈ ĐẠO|BAN|CHI CỤC|CỤC|VĂN PHÒNG|TRUNG TÂM)\s+(.+)$/u;
/** Bodies that issue in their own name: ministries, the Government. */
const NATIONAL = /^(?:(BỘ|TỔNG CỤC)\s+(.+)|CHÍNH PHỦ|THỦ TƯỚNG CHÍNH PHỦ)$/u;
/** The national motto's first line, printed beside the authority block and never a body. */
const MOTTO = /^CỘNG HÒA|^CỘNG HOÀ/u;

function sentenceName(caps: string): string {
  // "TÀI CHÍNH" → "Tài chính"; each field of a compound name keeps its capital ("Khoa học và Công
  // nghệ", "Văn hóa, Thể thao và Du lịch"); words with digits or "&" ("57", "KH&CN") stay as printed.
  const words = caps.split(' ');
  return words
    .map((word, i) => {
      if (/[\d&]/.test(word)) return word;
      const before = words[i - 1];
      const starts = i === 0 || before === 'VÀ' || before === '-' || before?.endsWith(',') === true;
      return starts ? titleWords(word) : word.toLocaleLowerCase('vi');
    })
    .join(' ');
}

/** A people's committee or party committee as a whole name ("Ủy ban nhân dân tỉnh Bắc Ninh"), else null. */
function placeBody(caps: string): string | null {
  const party = PARTY.exec(caps);
  if (party?.[1] && party[2]) return `${party[1] === 'TỈNH' ? 'Tỉnh' : 'Thành'} ủy ${titleWords(party[2])}`;
  if (!COMMITTEE.test(caps)) return null;
  const place = PLACE.exec(caps.replace(COMMITTEE, ''));
  if (!place?.[1] || !place[2]) return null;
  const level = place[1].replace(/^TP\.?$/u, 'THÀNH PHỐ').toLocaleLowerCase('vi');
  return `Ủy ban nhân dân ${level} ${titleWords(place[2])}`;
}

/**
 * The issuing body named by the authority block at the top, whole: a people's committee with its
 * place ("ỦY BAN NHÂN DÂN" / "TỈNH BẮC NINH" → "Ủy ban nhân dân tỉnh Bắc Ninh"), a department or a
 * steering committee under its superior ("UBND TỈNH BẮC NINH" / "SỞ TÀI CHÍNH" → "Sở Tài chính tỉnh
 * Bắc Ninh"; "TỈNH ỦY BẮC NINH" / "BAN CHỈ ĐẠO 57" → "Ban Chỉ đạo 57 Tỉnh ủy Bắc Ninh"), a party
 * committee, a ministry or the Government. The lower line is the issuer; the upper one only says
 * whose it is, which is what keeps unit resolution within its scope. Null when no block is found.
 */
function authorityBlock(head: { text: string }[]): string | null {
  const lines = head.slice(0, 12).map((p) => squash(p.text.replace(/\*/g, '')));
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!isCaps(line) || MOTTO.test(line) || DOC_TYPES.test(line)) continue;
    const next = lines[i + 1] ?? '';
    const nextCaps = isCaps(next) && !MOTTO.test(next) && !DOC_TYPES.test(next) ? next : '';
    // "ỦY BAN NHÂN DÂN" alone on its line, the place on the next.
    if (COMMITTEE.test(line) && line.replace(COMMITTEE, '') === '' && nextCaps) return placeBody(`${line} ${nextCaps}`);
    const superior = placeBody(line);
    const national = NATIONAL.exec(line);
    if (superior) {
      const sub = SUBORDINATE.exec(nextCaps);
      if (sub?.[1] && sub[2]) return `${subordinateName(sub[1], sub[2])} ${superiorSuffix(superior)}`;
      return superior;
    }
    if (national) {
      if (national[1] && national[2]) return `${titleWords(national[1])} ${sentenceName(national[2])}`;
      return sentenceName(line);
    }
    const alone = SUBORDINATE.exec(line);
    if (alone?.[1] && alone[2]) return subordinateName(alone[1], alone[2]);
  }
  return null;
}

function subordinateName(kind: string, name: string): string {
  const k = kind === 'BAN CHỈ ĐẠO' ? 'Ban Chỉ đạo' : titleWords(kind.split(' ')[0] ?? kind) + kind.slice(kind.indexOf(' ') < 0 ? kind.length : kind.indexOf(' ')).toLocaleLowerCase('vi');
  return `${k} ${sentenceName(name)}`;
}

/** "Ủy ban nhân dân tỉnh Bắc Ninh" → "tỉnh Bắc Ninh" (a department's place); party committees stay whole. */
function superiorSuffix(superior: string): string {
  return superior.startsWith('Ủy ban nhân dân ') ? superior.slice('Ủy ban nhân dân '.length) : superior;
}

/** The year a plan is about: "năm 2026" in its title, else the year it was issued. */
export function planYearOf(header: PlanHeader): number | null {
  const f = fold(header.plan.title);
  const years = [...f.matchAll(/(?<![/\d])nam\s+(\d{4})(?!\s*[-–]\s*\d)/g)].map((m) => Number(m[1]));
  const inTitle = years.find((y) => y >= 1990 && y <= 2100);
  if (inTitle && !/den nam/.test(f)) return inTitle;
  if (header.plan.issuedOn) return Number(header.plan.issuedOn.slice(0, 4));
  return inTitle ?? null;
}
