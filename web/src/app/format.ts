/**
 * Vietnamese formats: 1.234,5 for numbers, dd/mm/yyyy for dates. English uses its own conventions
 * for numbers but keeps dd/mm/yyyy dates, as Vietnamese documents do.
 */
export function formatNumber(value: number | null | undefined, lang: 'vi' | 'en' = 'vi', digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits }).format(value);
}

export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const iso = typeof value === 'string' ? value : value.toISOString();
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/**
 * A goal's comparison as printed in plans: "≥ 95", "≤ 2".
 *
 * @example
 * formatOp('>=') // → '≥'
 */
export function formatOp(op: string): string {
  return op === '>=' ? '≥' : op === '<=' ? '≤' : op;
}

/**
 * A monthly period as officials name it: "2026-10" → "Tháng 10/2026" ("10/2026" in English); any
 * other period code is shown as it is.
 *
 * @example
 * formatMonth('2026-03', 'vi') // → 'Tháng 3/2026'
 */
export function formatMonth(period: string | null | undefined, lang: 'vi' | 'en' = 'vi'): string {
  if (!period) return '—';
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return period;
  const month = String(Number(m[2]));
  return lang === 'vi' ? `Tháng ${month}/${m[1]}` : `${m[2]}/${m[1]}`;
}

/** Lower-case, without diacritics: "Sở Khoa học" and "so khoa hoc" compare equal. */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

/**
 * A number as a person types it in the language of the page. Vietnamese: "," is the decimal mark and
 * "." groups thousands ("50,5" → 50.5, "1.234,5" → 1234.5, "1.234" → 1234); a single "." not followed
 * by a group of three ("95.5") is still read as a decimal point. English: "," groups, "." is decimal.
 * NaN when the text is not a number.
 *
 * @example parseLocaleNumber('1.234,5', 'vi') // → 1234.5
 */
export function parseLocaleNumber(text: string, lang: 'vi' | 'en' = 'vi'): number {
  const s = text.trim().replace(/[\s\u00a0]/g, '');
  if (!s || !/^[-+]?[\d.,]+$/.test(s)) return Number.NaN;
  if (lang === 'en') return /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) || !s.includes(',') ? Number(s.replace(/,/g, '')) : Number.NaN;
  if (s.includes(',')) {
    const [whole = '', fraction, extra] = s.split(',');
    if (extra !== undefined || (whole.includes('.') && !/^[-+]?[1-9]\d{0,2}(\.\d{3})+$/.test(whole))) return Number.NaN;
    return Number(`${whole.replace(/\./g, '')}.${fraction ?? ''}`);
  }
  // "0.125" cannot be a grouped thousand: it is a decimal.
  if (/^[-+]?[1-9]\d{0,2}(\.\d{3})+$/.test(s)) return Number(s.replace(/\./g, ''));
  return (s.match(/\./g) ?? []).length > 1 ? Number.NaN : Number(s);
}

/** A number as it is typed back in the language of the page, all its decimals kept: 1234.5 → "1.234,5". */
export function formatTypedNumber(value: number, lang: 'vi' | 'en' = 'vi'): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 10 }).format(value);
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/**
 * Any period code as officials name it: "2026-10" → "tháng 10/2026" (en "10/2026"), "2026-Q2" →
 * "Quý II/2026" (en "Q2 2026"), "2026-H1" → "6 tháng đầu năm 2026", "2026" → "Năm 2026"; an
 * unknown code is shown as it is. Lower-case "tháng" reads within a sentence; `capital` starts it.
 *
 * @example
 * formatPeriod('2026-Q2', 'vi') // → 'Quý II/2026'
 */
export function formatPeriod(period: string | null | undefined, lang: 'vi' | 'en' = 'vi', capital = false): string {
  if (!period) return '—';
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return lang === 'vi' ? `${capital ? 'Tháng' : 'tháng'} ${Number(month[2])}/${month[1]}` : `${month[2]}/${month[1]}`;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return lang === 'vi' ? `Quý ${ROMAN[Number(quarter[2]) - 1]}/${quarter[1]}` : `Q${quarter[2]} ${quarter[1]}`;
  const half = /^(\d{4})-H([12])$/.exec(period);
  if (half) {
    if (lang === 'en') return `${half[2] === '1' ? 'First' : 'Second'} half of ${half[1]}`;
    return `6 tháng ${half[2] === '1' ? 'đầu' : 'cuối'} năm ${half[1]}`;
  }
  if (/^\d{4}$/.test(period)) return lang === 'vi' ? `Năm ${period}` : period;
  return period;
}

/**
 * A percentage (0–100), the one way every screen writes one: the language's decimal mark and the
 * sign right after the number in both languages, as Vietnamese documents write it ("19,75%") and
 * as the server's reasons do — never "60 %" beside "5%" on one page.
 *
 * @example
 * formatPercent(19.75, 'vi', 2) // → '19,75%'
 */
export function formatPercent(value: number | null | undefined, lang: 'vi' | 'en' = 'vi', digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${formatNumber(value, lang, digits)}%`;
}

/**
 * A share (0–1) as a percentage: a probability, a coverage, a progress ratio.
 *
 * @example
 * formatShare(0.05, 'vi') // → '5%'
 */
export function formatShare(share: number | null | undefined, lang: 'vi' | 'en' = 'vi', digits = 0): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  return formatPercent(share * 100, lang, digits);
}

/**
 * A value in its target's measure: a percentage through `formatPercent`, another unit after a space
 * ("12 doanh nghiệp"), a bare number without one.
 *
 * @example
 * formatMeasured(60.1, '%', 'vi') // → '60,1%'
 */
export function formatMeasured(value: number | null | undefined, measure: string | null | undefined, lang: 'vi' | 'en' = 'vi', digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (measure === '%') return formatPercent(value, lang, digits);
  const n = formatNumber(value, lang, digits);
  return measure ? `${n} ${measure}` : n;
}
