/**
 * Levenshtein distance between two strings, giving up (returning `limit + 1`) as soon as the
 * distance must exceed `limit` — resolution only cares about near misses, so most comparisons stop
 * after a few rows.
 *
 * @example
 * editDistance('vp hond va ubnd', 'vp hdnd va ubnd') // → 1
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Two reusable rows: resolution calls this thousands of times per name.
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length * 2 + 2);
    rowB = new Int32Array(b.length * 2 + 2);
  }
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length] as number;
}

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** 1 for equal strings, falling linearly with the edit distance relative to the longer string. */
export function similarity(a: string, b: string, minimum = 0): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  const limit = Math.floor((1 - minimum) * longest);
  const d = editDistance(a, b, limit);
  return d > limit ? 0 : 1 - d / longest;
}

const BINS = 38;

/**
 * Letter counts of a folded string (a–z, 0–9, space, other). Half the L1 distance between two
 * profiles is a lower bound of the edit distance, cheap enough to skip most hopeless comparisons.
 */
export function letterProfile(text: string): Uint8Array {
  const profile = new Uint8Array(BINS);
  for (let i = 0; i < text.length; i++) {
    const bin = binOf(text.charCodeAt(i));
    if ((profile[bin] as number) < 255) profile[bin] = (profile[bin] as number) + 1;
  }
  return profile;
}

/** True when the two profiles prove the similarity of their strings is below `minimum`. */
export function provablyDissimilar(a: Uint8Array, aLength: number, b: Uint8Array, bLength: number, minimum: number): boolean {
  const limit = Math.floor((1 - minimum) * Math.max(aLength, bLength));
  if (Math.abs(aLength - bLength) > limit) return true;
  let l1 = 0;
  for (let i = 0; i < BINS; i++) l1 += Math.abs((a[i] as number) - (b[i] as number));
  return Math.ceil(l1 / 2) > limit;
}

function binOf(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 48 && code <= 57) return 26 + code - 48;
  if (code === 32) return 36;
  return 37;
}
