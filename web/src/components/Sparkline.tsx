import { sparklinePoints } from './sparkline-points.ts';

/**
 * A small line of a unit's recent values (no axes): small multiples read side by side in a table,
 * so the shape matters, not the scale. The goal, when given, is drawn as a dashed line on the same
 * scale. The label says in words what the line shows, for screen readers.
 */
export function Sparkline({ values, goal, label, width = 120, height = 28 }: { values: readonly (number | null)[]; goal?: number | null; label: string; width?: number; height?: number }) {
  const { points, goalY } = sparklinePoints(values, goal ?? null, width, height);
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      {goalY !== null && <line x1={0} x2={width} y1={goalY} y2={goalY} className="sparkline-goal" />}
      {points.map((segment, i) => <polyline key={i} points={segment.map(([x, y]) => `${x},${y}`).join(' ')} className="sparkline-line" />)}
    </svg>
  );
}
