/**
 * Diacritics- and case-insensitive folding for matching Vietnamese labels ("Đơn vị chủ trì" and
 * "DON VI CHU TRI" fold to the same key). Positions are preserved: every input code unit of an NFC
 * Vietnamese letter maps to exactly one output character, so indexes found in the folded text
 * point into the original.
 *
 * @example fold('Đơn vị Chủ trì') // 'don vi chu tri'
 */
export function fold(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 128) {
      out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
      continue;
    }
    let mapped = FOLDED.get(ch);
    if (mapped === undefined) {
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      const lower = base === 'đ' || base === 'Đ' ? 'd' : base.toLowerCase();
      // Keep one output character per input code unit so offsets stay aligned.
      mapped = lower.length === ch.length ? lower : ch.length === 1 ? (lower[0] ?? ch) : ch;
      if (FOLDED.size < 10000) FOLDED.set(ch, mapped);
    }
    out += mapped;
  }
  return out;
}

// Folding is called on every line many times; characters repeat, so their folds are kept.
const FOLDED = new Map<string, string>();

/** Collapses runs of whitespace and trims. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
