import type { GoalOp } from '../../importers/draft.ts';
import { fold, squash } from './text-folding.ts';

/** One quantified goal found in a sentence. */
export interface ParsedGoal {
  op: GoalOp;
  value: number | null;
  /** Upper end of a range goal ("15-20%" → value 15, max 20). */
  max?: number;
  /** Measure unit: "%", "lần/năm", "giờ", "doanh nghiệp"…; "% giảm" for reductions. */
  measure: string | null;
  /** The words of the sentence that state the goal, as written. */
  raw: string;
  /** True when a comparator or a percent sign states the goal (not a bare count such as "01 đồng"). */
  explicit?: boolean;
  /** Offsets of `raw` in the input. */
  start: number;
  end: number;
}

// Comparator phrases, longest first so "không ít hơn" wins over "ít hơn". Folded text.
const COMPARATORS: [RegExp, GoalOp][] = [
  [/(?:>=|≥|=>|\\geq|\\ge)\s*$/, '>='],
  [/(?:<=|≤|=<|\\leq|\\le)\s*$/, '<='],
  [/>\s*$/, '>'],
  [/<\s*$/, '<'],
  [/(?:khong it hon|khong thap hon|khong duoi|toi thieu(?: la)?|it nhat(?: la)?|tu)\s*$/, '>='],
  [/(?:khong qua|khong vuot qua|khong cao hon|toi da(?: la)?|khong lon hon)\s*$/, '<='],
  [/(?:cao hon|lon hon|hon|tren)\s*$/, '>'],
  [/(?:duoi|thap hon|it hon|nho hon)\s*$/, '<'],
  [/\b(?:khoang(?: gan)?|xap xi|bang|gan|uoc tinh(?: khoang)?(?: gan)?)\s*$/, '='],
];

const NUMBER = String.raw`\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?`;
const NUMBER_RE = new RegExp(String.raw`(?<![\w/.,-])(${NUMBER})(?:\s*(?:-|–|—|đến|den)\s*(${NUMBER}))?(?![\w/]*\d)`, 'gu');

const SINGLE_WORD_MEASURES = new Set(['bo', 'lan', 'gio', 'ngay', 'nguoi', 'phut', 'thang', 'nam', 'tuyen', 'diem', 'quy', 'km', 'ha', 'trang', 'xa', 'phuong', 'cap', 'lop', 'buoi', 'dot', 'ban', 'cuoc', 'vu', 'ho', 'so', 'con']);
const MULTIPLIERS = new Set(['trieu', 'ty', 'nghin', 'ngan', 'tram']);
// Words after a number that say the number is not a goal (a date, an age, a code, a generation…).
const NON_GOAL_FOLLOWERS =
  /^(?:\/\d|-?[a-z]*\/|\s*(?:tuoi|thang|nam|ngay|gio lam|g\b|khoi\b|lop\b|cap\b|muc do|chieu)|[a-z])/;
const COUNT_VERBS =
  /(?:dat|giam|tang|hinh thanh|dao tao|thu hut|tuyen chon|cong bo|thuc hien|to chuc|xay dung|boi duong|lua chon|ho tro|trien khai|chia se|huy dong|khoi cong|phat trien|thuong mai hoa|chiem|co|rut ngan|tiet kiem|cat giam|mua sam|thi diem|gap|kich hoat)\s*$/;

/** Parses "14,5" / "1.000" / "7,5" the Vietnamese way. */
export function parseVietnameseNumber(text: string): number {
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(text)) return Number(text.replace(/\./g, '').replace(',', '.'));
  return Number(text.replace(',', '.'));
}

function measureAfter(original: string, at: number): { measure: string | null; end: number } {
  const rest = original.slice(at);
  const pct = /^\s*(%(?:\s*\/\s*năm)?)/u.exec(rest);
  if (pct?.[1]) return { measure: pct[1].replace(/\s+/g, ''), end: at + pct[0].length };
  const words = /^\s*([\p{L}]+(?:\/[\p{L}]+)*)(?:\s+([\p{L}]+(?:\/[\p{L}]+)*))?(?:\s+([\p{L}]+(?:\/[\p{L}]+)*))?/u.exec(rest);
  if (!words?.[1]) return { measure: null, end: at };
  const w1 = words[1];
  const w1f = fold(w1);
  let measure = w1;
  const parts = [words[1], words[2], words[3]].filter((w): w is string => !!w);
  if (MULTIPLIERS.has(w1f) && parts[1]) {
    measure = `${w1} ${parts[1]}`;
    if (fold(parts[1]) === 'gio' && parts[2] && /^cong/.test(fold(parts[2]))) measure += ` ${parts[2]}`;
  } else if (!SINGLE_WORD_MEASURES.has(w1f) && parts[1] && !w1.includes('/')) {
    // Vietnamese nouns are mostly two syllables: doanh nghiệp, sản phẩm, mô hình, chiến dịch.
    measure = `${w1} ${parts[1]}`;
    if (parts[1].endsWith('/') && parts[2]) measure += parts[2];
  }
  const perYear = /^\s*\/\s*(năm|tháng|ngày)/u.exec(original.slice(at + rest.indexOf(measure) + measure.length));
  const end = at + rest.indexOf(measure) + measure.length + (perYear ? perYear[0].length : 0);
  if (perYear?.[1] && !measure.includes('/')) measure += `/${perYear[1]}`;
  return { measure, end };
}

function stripParenthesised(folded: string): boolean[] {
  const inside: boolean[] = new Array<boolean>(folded.length).fill(false);
  let depth = 0;
  for (let i = 0; i < folded.length; i++) {
    const c = folded[i];
    if (c === '(') depth++;
    inside[i] = depth > 0;
    if (c === ')' && depth > 0) depth--;
  }
  return inside;
}

/**
 * Every quantified goal stated in a sentence, in order. Numbers inside parentheses, dates, ages,
 * legal references and counts without a comparator or a goal verb are not goals.
 *
 * @example parseGoals('Tỷ lệ hồ sơ đạt tối thiểu 80%; giảm 20-30% chi phí')
 *   // [{op:'>=', value:80, measure:'%'}, {op:'>=', value:20, max:30, measure:'% giảm'}]
 */
export function parseGoals(input: string): ParsedGoal[] {
  const text = input.length > 20000 ? input.slice(0, 20000) : input;
  const folded = fold(text);
  const inParens = stripParenthesised(folded);
  const goals: ParsedGoal[] = [];
  for (const m of text.matchAll(NUMBER_RE)) {
    const start = m.index;
    const numEnd = start + m[0].length;
    if (inParens[start]) continue;
    const lo = parseVietnameseNumber(m[1] ?? '');
    const hi = m[2] !== undefined ? parseVietnameseNumber(m[2]) : undefined;
    if (!Number.isFinite(lo)) continue;
    const before = folded.slice(Math.max(0, start - 40), start);
    const afterFolded = folded.slice(numEnd);
    const isPercent = /^\s*%/.test(afterFolded);
    let op: GoalOp | null = null;
    let opStart = start;
    for (const [re, o] of COMPARATORS) {
      const cm = re.exec(before);
      if (cm) {
        // "từ 3-5" is a range, "từ X trở lên" a minimum; "từ" alone before a date is not a comparator.
        op = o;
        opStart = start - cm[0].length;
        break;
      }
    }
    if (/(?:so voi|nam|ngay|thang|quy|so|muc|thu|giai doan|khoa|lan thu|dieu|khoan|chuong)\s*$/.test(before) && !isPercent) {
      if (!/(?:xep hang|thu hang|thu)\s*$/.test(before) || op) continue;
    }
    const symbolOp = op !== null && /[<>≥≤=]|\\[lg]e/.test(before.slice(-4));
    if (!isPercent && !symbolOp && NON_GOAL_FOLLOWERS.test(afterFolded) && !/^\s*(?:lan|gio|ngay|phut)\b/.test(afterFolded)) {
      // "tháng 6", "15 tuổi", "4G", "24/7": not goals unless a % follows.
      // After a stated minimum or maximum ("tối thiểu 02 lớp tập huấn") "lớp", "cấp", "khối" are counted things.
      const notCounted = op ? /^\s*(?:tuoi|thang|nam|ngay|quy|muc do|chieu)\b/ : /^\s*(?:tuoi|thang|nam|ngay|quy|khoi|lop|cap|muc do|chieu)\b/;
      if (!/^\s+[a-z]/.test(afterFolded) || notCounted.test(afterFolded)) continue;
    }
    if (!isPercent && !op) {
      const leadingZero = /^0\d/.test(m[1] ?? '');
      const thousands = /\./.test(m[1] ?? '') && /^\d{1,3}(?:\.\d{3})+/.test(m[1] ?? '');
      if (!leadingZero && !thousands && !COUNT_VERBS.test(before) && hi === undefined) continue;
      if (hi !== undefined && !leadingZero && !COUNT_VERBS.test(before) && !thousands) continue;
    }
    const { measure: baseMeasure, end } = measureAfter(text, numEnd);
    if (!isPercent && !baseMeasure) continue;
    const clauseStart = Math.max(folded.lastIndexOf(';', start), folded.lastIndexOf(',', start), folded.lastIndexOf('.', start - 2), 0);
    const clause = folded.slice(clauseStart, start);
    let measure = baseMeasure;
    if (/\b(?:giam|cat giam|rut ngan|tiet kiem)\b/.test(clause)) measure = `${baseMeasure ?? ''} giảm`.trim();
    else if (/(?<!\b(?:nen|ha|tang|tang lop|bao|trang)\s)\btang\b(?!\s*cuong)/.test(clause)) measure = `${baseMeasure ?? ''} tăng`.trim();
    const finalOp: GoalOp = op ?? (/(?:khoang|uoc)\s*(?:dat\s*)?$/.test(before) ? '=' : '>=');
    const goal: ParsedGoal = {
      op: finalOp,
      value: lo,
      measure,
      raw: squash(text.slice(opStart, end)),
      explicit: op !== null || isPercent,
      start: opStart,
      end,
    };
    if (hi !== undefined && Number.isFinite(hi)) goal.max = hi;
    // "từ 10 trở lên" / "từ thứ 10 trở lên": a minimum (or a rank).
    goals.push(goal);
  }
  return goals;
}

const RANK_TOP = /(?:thuoc\s+)?(?:nhom|top)\s+(\d+)[^.;]{0,80}?(?:dan dau|hang dau|cao nhat|dung dau)?/;

/**
 * The goal of one target sentence: the first quantified goal, a ranking ("thuộc nhóm 05 … dẫn
 * đầu" → top 5, "đứng đầu cả nước" → top 1, "xếp hạng từ thứ 10 trở lên" → top 10), or
 * qualitative when nothing is quantified ("phổ cập…"). Never throws.
 *
 * @example parseGoal('Tỷ lệ người dùng đạt $\\geq 75\\%$').op // '>='
 */
export function parseGoal(input: string): ParsedGoal {
  try {
    const text = input.replace(/\$/g, '').replace(/\\geq?/g, '≥').replace(/\\leq?/g, '≤').replace(/\\%/g, '%');
    const folded = fold(text);
    const rank = rankGoal(text, folded);
    const goals = parseGoals(text);
    // "01 đồng vốn kích hoạt ≥ 03 đồng": the stated comparator wins over a bare count before it.
    const first = goals[0] && !goals[0].explicit ? (goals.find((g) => g.explicit) ?? goals[0]) : goals[0];
    if (rank && (!first || rank.start <= first.start)) return rank;
    if (first) return first;
    return { op: 'qualitative', value: null, measure: null, raw: squash(text).slice(0, 200), start: 0, end: text.length };
  } catch {
    return { op: 'qualitative', value: null, measure: null, raw: squash(String(input)).slice(0, 200), start: 0, end: 0 };
  }
}

function rankGoal(text: string, folded: string): ParsedGoal | null {
  const top = RANK_TOP.exec(folded);
  if (top?.[1] && /(dan dau|hang dau|top|dung dau)/.test(folded.slice(top.index, top.index + top[0].length + 40))) {
    return {
      op: 'top',
      value: Number(top[1]),
      measure: 'thứ hạng',
      raw: squash(text.slice(top.index, top.index + top[0].length)),
      start: top.index,
      end: top.index + top[0].length,
    };
  }
  const rankFrom = /(?:xep hang|thu hang|dung)\s+(?:tu\s+)?thu\s+(\d+)(?:\s+tro len)?/.exec(folded);
  if (rankFrom?.[1]) {
    return {
      op: 'top',
      value: Number(rankFrom[1]),
      measure: 'thứ hạng',
      raw: squash(text.slice(rankFrom.index, rankFrom.index + rankFrom[0].length)),
      start: rankFrom.index,
      end: rankFrom.index + rankFrom[0].length,
    };
  }
  const first = /(?:dung dau|dan dau|so 1|hang nhat)\s+(?:ca nuoc|toan quoc|ca nuoc ve)/.exec(folded);
  if (first) {
    return { op: 'top', value: 1, measure: 'thứ hạng', raw: squash(text.slice(first.index, first.index + first[0].length)), start: first.index, end: first.index + first[0].length };
  }
  const group = /(?:trong|thuoc)\s+nhom\s+(?:cac\s+)?(?:dan dau|hang dau)/.exec(folded);
  if (group) {
    return { op: 'top', value: null, measure: 'thứ hạng', raw: squash(text.slice(group.index, group.index + group[0].length)), start: group.index, end: group.index + group[0].length };
  }
  return null;
}
