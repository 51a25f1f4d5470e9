/**
 * How much the trend's pace fades when projected, chosen per series by a rolling-origin backtest on
 * its own history. A damped trend (the pace fades by 3 % a month) is right for a climb that is
 * slowing — most adoption rates — but a straight climb that does not slow is then forecast short of
 * where it goes: a year out, a damped projection covers about 0.8 of the way a straight one does, and
 * an ordinary indicator climbing at 1.1 times the pace it needs read "at risk". So the series itself
 * decides: from each of its recent months, a line fitted on what came before is projected both ways
 * onto the months that followed, and the straight projection is kept only when it forecast them
 * better. A series too short to judge keeps the damped trend, the cautious default.
 */

/** The damped trend's monthly damping (Gardner), the default. */
export const DAMPED = 0.97;
/** A straight line: the pace is kept. */
export const UNDAMPED = 1;

/** Fewest values before an origin for the line fitted there. */
const MIN_TRAINING = 6;
/** Origins tried: the most recent months with at least one later value. */
const ORIGINS = 12;
/** Longest horizon scored from an origin, in months. */
const MAX_HORIZON = 12;
/** Fewest scored forecasts before the series may overrule the default. */
const MIN_SCORED = 6;

export interface DampingChoice {
  damping: number;
  /** Sum of squared errors of the damped and of the straight projections; null when the series was too short to score. */
  dampedError: number | null;
  straightError: number | null;
}

/**
 * @example
 * chooseDamping(points.map((p) => ({ t: p.t, y: p.y })), 24).damping // 1 for a climb that does not slow
 */
export function chooseDamping(points: readonly { t: number; y: number }[], window: number): DampingChoice {
  const n = points.length;
  let damped = 0;
  let straight = 0;
  let scored = 0;
  for (let i = Math.max(MIN_TRAINING - 1, n - 1 - ORIGINS); i < n - 1; i++) {
    const origin = points[i]!.t;
    const line = fitLine(points, i, origin - window);
    if (!line) continue;
    for (let j = i + 1; j < n; j++) {
      const h = points[j]!.t - origin;
      if (h > MAX_HORIZON) break;
      const y = points[j]!.y;
      damped += (y - (line.level + line.slope * dampedSteps(DAMPED, h))) ** 2;
      straight += (y - (line.level + line.slope * h)) ** 2;
      scored++;
    }
  }
  if (scored < MIN_SCORED) return { damping: DAMPED, dampedError: null, straightError: null };
  return { damping: straight < damped ? UNDAMPED : DAMPED, dampedError: damped, straightError: straight };
}

/** The months a damped trend advances over h months: Σ φ^k for k = 1…h. */
export function dampedSteps(phi: number, h: number): number {
  return phi >= 1 ? h : (phi * (1 - Math.pow(phi, h))) / (1 - phi);
}

/**
 * Least-squares line through the points up to index `last` after time `after`, as the level at the
 * last one's time and a slope per month; null with fewer than MIN_TRAINING points or no spread in time.
 */
function fitLine(points: readonly { t: number; y: number }[], last: number, after: number): { level: number; slope: number } | null {
  const tRef = points[last]!.t;
  let n = 0, st = 0, sy = 0, stt = 0, sty = 0;
  for (let k = last; k >= 0 && points[k]!.t > after; k--) {
    const t = points[k]!.t - tRef;
    const y = points[k]!.y;
    n++; st += t; sy += y; stt += t * t; sty += t * y;
  }
  if (n < MIN_TRAINING) return null;
  const spread = n * stt - st * st;
  if (spread <= 0) return null;
  const slope = (n * sty - st * sy) / spread;
  return { level: (sy - slope * st) / n, slope };
}
