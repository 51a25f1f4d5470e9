/**
 * Numbers and dates the Vietnamese way: "1.234,5" (dot for thousands, comma for decimals) and
 * "dd/mm/yyyy".
 *
 * @example formatNumberVi(1234.5) // '1.234,5'
 */
export function formatNumberVi(value: number, maxFractionDigits = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const negative = value < 0;
  const fixed = Math.abs(value).toFixed(maxFractionDigits);
  const [intPart = '0', fracPart = ''] = fixed.split('.');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const frac = fracPart.replace(/0+$/, '');
  const text = frac ? `${grouped},${frac}` : grouped;
  return negative && text !== '0' ? `-${text}` : text;
}

/**
 * Reads a number written the Vietnamese way ("1.234,5", "95,5", "-12"); null when it is not one.
 *
 * @example parseNumberVi('1.234,5') // 1234.5
 */
export function parseNumberVi(text: string): number | null {
  const t = text.trim();
  if (!/^-?\d{1,3}(?:\.\d{3})*(?:,\d+)?$/.test(t) && !/^-?\d+(?:,\d+)?$/.test(t)) return null;
  return Number(t.replaceAll('.', '').replace(',', '.'));
}

/** "31/03/2026" from an ISO date or a Date (a Date is read in Hà Nội time). */
export function formatDateVi(date: string | Date): string {
  const iso = typeof date === 'string' ? date.slice(0, 10) : new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** "14:05 ngày 31/03/2026": a moment, in Hà Nội time. */
export function formatDateTimeVi(date: Date): string {
  const local = new Date(date.getTime() + 7 * 3600_000).toISOString();
  return `${local.slice(11, 16)} ngày ${formatDateVi(date)}`;
}

/** "ngày 05 tháng 04 năm 2026", as the place-and-date line of an official document writes it. */
export function longDateVi(iso: string): string {
  return `ngày ${iso.slice(8, 10)} tháng ${iso.slice(5, 7)} năm ${iso.slice(0, 4)}`;
}

/** A figure with its measure ("97,5%", "1.250 doanh nghiệp"), or a dash when there is none. */
export function formatFigureVi(value: number | null, measure: string | null): string {
  if (value === null) return '—';
  const n = formatNumberVi(value);
  if (!measure) return n;
  return measure === '%' ? `${n}%` : `${n} ${measure}`;
}

/** Percentage of a 0..1 share, "87,5%". */
export function formatShareVi(share: number | null): string {
  return share === null ? '—' : `${formatNumberVi(share * 100, 1)}%`;
}
