/** Number and date formatting for reasons: Vietnamese separators and dd/mm/yyyy, with English twins. */

const VI = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
const EN = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

export function formatNumber(value: number, lang: 'vi' | 'en', measure?: string | null): string {
  const text = (lang === 'vi' ? VI : EN).format(value);
  if (!measure) return text;
  return measure === '%' ? `${text}%` : `${text} ${measure}`;
}

/** "2026-12-31" → "31/12/2026" (both languages: the UI writes dates this way). */
export function formatDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

export function formatShare(p: number, lang: 'vi' | 'en'): string {
  return formatNumber(Math.round(p * 100), lang, '%');
}
