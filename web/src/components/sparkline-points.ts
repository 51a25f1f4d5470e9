/**
 * Screen coordinates of a sparkline: the values (gaps break the line into segments) and the goal
 * scaled together into the box, with a pixel of margin. A flat series sits in the middle.
 *
 * @example
 * sparklinePoints([0, 10], null, 100, 20).points // → [[[1, 19], [99, 1]]]
 */
export function sparklinePoints(values: readonly (number | null)[], goal: number | null, width: number, height: number): { points: [number, number][][]; goalY: number | null } {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const all = goal !== null ? [...known, goal] : known;
  if (all.length === 0) return { points: [], goalY: null };
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const m = 1;
  const y = (v: number) => (hi === lo ? height / 2 : m + (height - 2 * m) * (1 - (v - lo) / (hi - lo)));
  const x = (i: number) => (values.length <= 1 ? width / 2 : m + ((width - 2 * m) * i) / (values.length - 1));
  const points: [number, number][][] = [];
  let segment: [number, number][] = [];
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (segment.length) points.push(segment);
      segment = [];
      return;
    }
    segment.push([round(x(i)), round(y(v))]);
  });
  if (segment.length) points.push(segment);
  return { points, goalY: goal !== null ? round(y(goal)) : null };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
