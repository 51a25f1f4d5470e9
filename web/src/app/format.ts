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

/** Lower-case, without diacritics: "Sở Khoa học" and "so khoa hoc" compare equal. */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}
