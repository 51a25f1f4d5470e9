/**
 * When a token given `--expires TEXT` stops working. A date alone (`2026-12-31` or `31/12/2026`)
 * means "valid through that day, Hanoi time" (UTC+7), so the token expires at the next midnight there;
 * a full ISO timestamp with a zone is taken as is. Null when the text is not a valid date.
 *
 * @example
 * parseTokenExpiry('31/12/2026')?.toISOString();           // '2026-12-31T17:00:00.000Z'
 * parseTokenExpiry('2026-12-31T08:00:00Z')?.toISOString(); // '2026-12-31T08:00:00.000Z'
 */
export function parseTokenExpiry(text: string): Date | null {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (iso || vn) {
    const [y, m, d] = iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : [Number(vn?.[3]), Number(vn?.[2]), Number(vn?.[1])];
    const day = new Date(Date.UTC(y, m - 1, d));
    if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) return null;
    // Midnight after that day in Hanoi = 17:00 UTC of that day.
    return new Date(Date.UTC(y, m - 1, d, 17));
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) {
    const at = new Date(s);
    return Number.isNaN(at.getTime()) ? null : at;
  }
  return null;
}
