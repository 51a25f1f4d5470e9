import type { DraftDue } from '../../importers/draft.ts';
import { fold, squash } from './text-folding.ts';

/** A parsed deadline; `inherited` says where it came from when the item states none. */
export type ParsedDue = DraftDue & { inherited?: 'section' | 'plan' };

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
function validDate(y: number, m: number, d: number): boolean {
  return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m);
}
function validYear(y: number): boolean {
  return y >= 1900 && y <= 2200;
}

interface Window {
  start: string | null;
  end: string | null;
  kind: 'date' | 'range';
  at: number;
  length: number;
}

/** The first period named in folded text: quarter, month, half-year, date, year span or year. */
function findWindow(f: string, planYear: number | null): Window | null {
  const found: Window[] = [];
  const push = (w: Window | null): void => {
    if (w) found.push(w);
  };
  // "Quí" is an older spelling of "Quý"; both are written with "/", "-" or "năm" before the year.
  for (const m of f.matchAll(/qu[yi]\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:\/|nam|-)\s*(\d{4}))?/g)) {
    const q = ROMAN[m[1] ?? ''] ?? 0;
    const y = m[2] ? Number(m[2]) : planYear;
    if (!q || y === null || !validYear(y)) continue;
    push({ start: iso(y, q * 3 - 2, 1), end: iso(y, q * 3, lastDay(y, q * 3)), kind: 'date', at: m.index, length: m[0].length });
  }
  for (const m of f.matchAll(/(\d)\s+thang\s+(dau|cuoi)\s+nam\s*(\d{4})?/g)) {
    const y = m[3] ? Number(m[3]) : planYear;
    const n = Number(m[1]);
    if (y === null || !validYear(y) || n < 1 || n > 12) continue;
    const first = m[2] === 'dau';
    push({
      start: first ? iso(y, 1, 1) : iso(y, 13 - n, 1),
      end: first ? iso(y, n, lastDay(y, n)) : iso(y, 12, 31),
      kind: 'date',
      at: m.index,
      length: m[0].length,
    });
  }
  for (const m of f.matchAll(/(?<!\d[/.-]?)(?:ngay\s+)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/g)) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validDate(y, mo, d)) continue;
    push({ start: iso(y, mo, d), end: iso(y, mo, d), kind: 'date', at: m.index, length: m[0].length });
  }
  for (const m of f.matchAll(/thang\s+(\d{1,2})((?:\s*,\s*\d{1,2})*)\s*(?:\/|nam|-)\s*(\d{4})/g)) {
    const [mo, y] = [Number(m[1]), Number(m[3])];
    const lastListed = Number(/(\d{1,2})\s*$/.exec(m[2] ?? '')?.[1] ?? mo);
    const moEnd = lastListed >= mo && lastListed <= 12 ? lastListed : mo;
    if (!validDate(y, mo, 1)) continue;
    push({ start: iso(y, mo, 1), end: iso(y, moEnd, lastDay(y, moEnd)), kind: 'date', at: m.index, length: m[0].length });
  }
  // A month written bare, as deadline columns do ("6/2025", "03/2025"); not a day's date, not a document number.
  for (const m of f.matchAll(/(?<![\d/.-])(\d{1,2})\s*\/\s*(\d{4})(?![\d/])/g)) {
    const [mo, y] = [Number(m[1]), Number(m[2])];
    if (!validDate(y, mo, 1) || /\bso\s*$/.test(f.slice(Math.max(0, m.index - 4), m.index))) continue;
    push({ start: iso(y, mo, 1), end: iso(y, mo, lastDay(y, mo)), kind: 'date', at: m.index, length: m[0].length });
  }
  // A bare year is the whole deadline ("2026" in a deadline column): that year.
  const bareYear = /^\s*(\d{4})\s*\.?\s*$/.exec(f);
  if (bareYear && validYear(Number(bareYear[1]))) {
    const y = Number(bareYear[1]);
    push({ start: iso(y, 1, 1), end: iso(y, 12, 31), kind: 'date', at: bareYear.index, length: bareYear[0].length });
  }
  for (const m of f.matchAll(/(?:nam|giai doan|tu|den)?\s*(\d{4})\s*(?:-|–|—|den)\s*(?:nam\s*)?(\d{4})/g)) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (!validYear(a) || !validYear(b) || b < a || b - a > 50) continue;
    if (/\d[/.]\s*$/.test(f.slice(0, m.index + m[0].indexOf(m[1] ?? '')))) continue;
    push({ start: iso(a, 1, 1), end: iso(b, 12, 31), kind: 'range', at: m.index, length: m[0].length });
  }
  for (const m of f.matchAll(/(?:(den\s+(?:het\s+)?(?:nam\s+)?)|(?:trong\s+)?nam\s+)(\d{4})(?!\s*(?:-|–|den)\s*\d{4})/g)) {
    const y = Number(m[2]);
    if (!validYear(y)) continue;
    const before = f.slice(Math.max(0, m.index - 10), m.index);
    if (/(?:so voi|tu)\s*$/.test(before)) continue;
    push({ start: m[1] ? null : iso(y, 1, 1), end: iso(y, 12, 31), kind: 'date', at: m.index, length: m[0].length });
  }
  if (!found.length) return null;
  found.sort((a, b) => a.at - b.at || b.length - a.length);
  const first = found[0] ?? null;
  // Two periods joined by a dash or "đến" ("Quý IV/2025 - Quý II/2026") are one span, first to last.
  const next = first && found.find((w) => w.at >= first.at + first.length);
  if (first && next && /^\s*(?:-|–|—|den)\s*$/.test(f.slice(first.at + first.length, next.at))) {
    return { start: first.start, end: next.end, kind: 'range', at: first.at, length: next.at + next.length - first.at };
  }
  return first;
}

function dayBefore(isoDay: string): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Parses a deadline as officials write it. Returns null when the text names no deadline (the
 * caller then inherits one). Never throws.
 *
 * | written                                  | kind         | start – end                |
 * |------------------------------------------|--------------|----------------------------|
 * | Quý II/2026, Hoàn thành trong Quý II/2026 | date         | 2026-04-01 – 2026-06-30    |
 * | Tháng 6/2026, chậm nhất trong tháng 6/2026 | date        | 2026-06-01 – 2026-06-30    |
 * | Năm 2026                                 | date         | 2026-01-01 – 2026-12-31    |
 * | Đến năm 2025                             | date         | null – 2025-12-31          |
 * | Năm 2026-2030, Giai đoạn 2026-2027       | range        | 2026-01-01 – 2030-12-31    |
 * | Thường xuyên, hằng năm                   | recurring    | null – null                |
 * | Theo yêu cầu của …                       | on_request   | null – null                |
 * | Sau khi … được ban hành                  | conditional  | null – null                |
 * | Từ Quý II/2026, tính từ 01/10/2026       | range        | 2026-04-01 – null          |
 * | Trước tháng 12/2026 (before a period)    | date         | null – 2026-11-30          |
 * | 2026 · 6/2025 · Quí IV-2025              | date         | the year · month · quarter |
 * | Quý IV/2025 - Quý II/2026                | range        | 2025-10-01 – 2026-06-30    |
 *
 * @example parseDeadline('Quý II/2026') // {kind:'date', start:'2026-04-01', end:'2026-06-30', raw:'Quý II/2026'}
 */
export function parseDeadline(input: string | null | undefined, options: { planYear?: number | null } = {}): ParsedDue | null {
  try {
    if (input === null || input === undefined) return null;
    const raw = squash(input.length > 2000 ? input.slice(0, 2000) : input);
    if (!raw) return null;
    const f = fold(raw);
    const planYear = options.planYear ?? null;
    const window = findWindow(f, planYear);
    if (/^(?:nhiem vu\s+)?(?:thuong xuyen|hang nam|hang thang|hang quy|dinh ky|lien tuc)/.test(f) || (!window && /\b(?:thuong xuyen|hang nam|dinh ky)\b/.test(f))) {
      return { raw, kind: 'recurring', start: null, end: null };
    }
    if (/^theo\s+(?:yeu cau|chi dao|de nghi)/.test(f) || (!window && /theo yeu cau/.test(f))) {
      return { raw, kind: 'on_request', start: null, end: null };
    }
    if (/^(?:sau khi|ngay sau khi|khi)\b/.test(f) || (!window && /\bsau khi\b/.test(f))) {
      return { raw, kind: 'conditional', start: null, end: null };
    }
    if (!window) return null;
    if (/(?:^|\s)(?:tinh tu|bat dau tu|ke tu|tu)\s*(?:ngay\s*)?$/.test(f.slice(Math.max(0, window.at - 14), window.at)) || /^(?:tu|tinh tu)\s/.test(f.slice(window.at))) {
      return { raw, kind: 'range', start: window.start, end: null };
    }
    const before = f.slice(Math.max(0, window.at - 16), window.at);
    if (/(?:truoc|cham nhat(?: la)?|han chot)\s*(?:ngay\s*)?$/.test(before) && window.start === window.end) {
      return { raw, kind: 'date', start: null, end: window.end };
    }
    // "Trước tháng 12/2026" is done by the end of November; likewise before a quarter or a year.
    if (/\btruoc\s*$/.test(before) && window.start !== null && window.start !== window.end) {
      return { raw, kind: 'date', start: null, end: dayBefore(window.start) };
    }
    return { raw, kind: window.kind, start: window.start, end: window.end };
  } catch {
    return null;
  }
}

/**
 * Finds a deadline stated inside a longer sentence ("… Hoàn thành trong Quý I/2026.",
 * "… tính từ 01/10/2026", "… giai đoạn 2026-2030"), ignoring baselines ("so với năm 2025") and
 * dates of cited documents ("Nghị quyết số 57 ngày 22/12/2024"). Never throws.
 */
export function findDeadlineInText(input: string, options: { planYear?: number | null } = {}): ParsedDue | null {
  try {
    const text = input.length > 5000 ? input.slice(0, 5000) : input;
    const f = fold(text);
    const cues: RegExp[] = [
      /(?:hoan thanh|ban hanh|cham nhat|xong)[^.;]{0,20}?(?:trong|truoc|vao)?\s*(?:quy\s+(?:iv|iii|ii|i|[1-4])\s*\/\s*\d{4}|thang\s+\d{1,2}\s*\/\s*\d{4}|ngay\s+\d{1,2}\/\d{1,2}\/\d{4}|nam\s+\d{4})/,
      /(?:tinh tu|ke tu|bat dau tu)\s+(?:ngay\s+)?(?:\d{1,2}\/\d{1,2}\/\d{4}|quy\s+(?:iv|iii|ii|i)\s*\/\s*\d{4}|thang\s+\d{1,2}\/\d{4})/,
      /(?:trong|truoc|tu|vao|den)\s+(?:quy\s+(?:iv|iii|ii|i)\s*\/\s*\d{4}|thang\s+\d{1,2}\s*\/\s*\d{4})/,
      /(?:tinh tai thoi diem|tai thoi diem)\s+thang\s+\d{1,2}(?:\s*,\s*\d{1,2})*\s*\/\s*\d{4}/,
      /quy\s+(?:iv|iii|ii|i)\s*\/\s*\d{4}/,
      /(?:den\s+(?:het\s+)?(?:nam\s+)?\d{4})/,
      /giai doan\s+\d{4}\s*(?:-|–)\s*\d{4}/,
    ];
    for (const cue of cues) {
      const m = cue.exec(f);
      if (!m) continue;
      const before = f.slice(Math.max(0, m.index - 30), m.index);
      // A date that belongs to a cited document ("Nghị quyết số 57 ngày 22/12/2024") is no deadline.
      if (/(?:\bso\s+\d[\w/.-]*|\bngay)\s*$/.test(before) && !/hoan thanh|tinh tu/.test(m[0])) continue;
      // A period inside quotation marks is part of a cited name (Đề án “… giai đoạn 2020-2025”).
      if (insideQuotes(text, m.index)) continue;
      // So is the period of an issued document: one named with its number in the same clause
      // ("Nghị quyết số 15-NQ/TW … về phát triển Thủ đô đến năm 2030") or said to be approved or
      // carried out under one ("Chương trình … đến năm 2025 đã được … phê duyệt", "… giai đoạn
      // 2021-2025 theo Kế hoạch số 174"). A plan still to be written keeps its period as the deadline.
      if (!/hoan thanh|ban hanh|cham nhat|xong/.test(m[0])) {
        const clause = f.slice(0, m.index).split(/[.;:()]/).pop() ?? '';
        const after = f.slice(m.index + m[0].length, m.index + m[0].length + 80);
        if (NUMBERED_DOCUMENT.test(clause) || ISSUED_AFTER.test(after)) continue;
      }
      const due = parseDeadline(text.slice(m.index, m.index + m[0].length), options);
      if (due) return due;
    }
    return null;
  } catch {
    return null;
  }
}

const DOCUMENT = String.raw`(?:nghi quyet|nghi dinh|quyet dinh|ke hoach|chuong trinh|de an|chi thi|thong tu|chien luoc|quy hoach|luat)`;
const NUMBERED_DOCUMENT = new RegExp(String.raw`\b${DOCUMENT}\s+so\s+\d`);
const ISSUED_AFTER = new RegExp(String.raw`^\s*,?\s*(?:(?:da\s+)?duoc\s[^.;]{0,40}phe duyet|(?:theo|tai)\s+${DOCUMENT}\s+so\s+\d)`);

/** Whether position `at` of `text` lies between an opening and a closing quotation mark. */
function insideQuotes(text: string, at: number): boolean {
  const head = text.slice(0, at);
  const curly = (head.match(/“/g)?.length ?? 0) - (head.match(/”/g)?.length ?? 0);
  return curly > 0 || (head.match(/"/g)?.length ?? 0) % 2 === 1;
}

/** Merges an item's own "from" date with the deadline it inherits ("tính từ 01/10/2026" under "đến hết năm 2026"). */
export function combineDue(own: ParsedDue | null, inherited: ParsedDue | null): ParsedDue | null {
  if (own && own.kind === 'range' && own.end === null && inherited && inherited.end) {
    return { ...own, end: inherited.end };
  }
  return own ?? inherited;
}
