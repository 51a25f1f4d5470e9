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
