/**
 * A benchmark compares our code with a baseline measured in the same process and run, and reports
 * the ratio: absolute times on shared machines are noise, ratios are not.
 */
export interface BenchResult {
  /** What was measured, e.g. "unit name resolution". */
  name: string;
  /** Our figure and its unit, e.g. 52_000 "names/s". */
  value: number;
  unit: string;
  /** The baseline measured in the same run, in the same unit. */
  baselineName: string;
  baselineValue: number;
  /** Whether a larger value is better (throughput) or smaller (latency). */
  higherIsBetter: boolean;
  /** Extra figures worth printing (p50, p95, sizes…). */
  notes?: Record<string, string | number>;
}

export interface Benchmark {
  title: string;
  run(): Promise<BenchResult[]>;
}

/** Calls `fn` repeatedly for at least `minMs` and returns calls per second. */
export async function opsPerSecond(fn: () => unknown, minMs = 1000): Promise<number> {
  for (let i = 0; i < 3; i++) await fn(); // warm up
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    await fn();
    calls++;
    elapsed = performance.now() - start;
  }
  return (calls * 1000) / elapsed;
}

/** Runs `fn` `n` times and returns each duration in milliseconds. */
export async function durations(fn: () => unknown, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn();
    out.push(performance.now() - start);
  }
  return out;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Ours relative to the baseline, so that > 1 always means "ours does more / takes longer". */
export function ratio(result: BenchResult): number {
  return result.value / result.baselineValue;
}
