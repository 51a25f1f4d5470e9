import { describe, expect, it } from 'vitest';
import { casesFromCity, runBacktest } from './backtest.ts';
import { generateCity, generatedUnits } from './generate-city.ts';
import { logisticCases } from '../testing/logistic-generator.ts';

// A third of the generated city keeps the run short; `theodoi warn backtest` runs the whole of it.
const units = generatedUnits('hanoi').filter((_, i) => i % 3 === 0);

describe('simulator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateCity({ seed: 11, units });
    const b = generateCity({ seed: 11, units });
    const c = generateCity({ seed: 12, units });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a.observations)).not.toBe(JSON.stringify(c.observations));
  });

  it('makes a city with ≥ 2 years of monthly series, late and missing reports, and ground truth', () => {
    const city = generateCity({ seed: 3 });
    expect(city.units.filter((u) => u.kind === 'commune')).toHaveLength(126);
    const periods = new Set(city.observations.map((o) => o.period));
    expect(periods.size).toBeGreaterThanOrEqual(24);
    // Late reports: some arrive after the 25th of the month after their period.
    expect(city.observations.some((o) => o.reportedOn > `${o.period}-31` && o.reportedOn.slice(0, 7) > nextMonth(o.period))).toBe(true);
    // Missing reports: fewer observations than cells × months.
    const cells = new Set(city.observations.map((o) => `${o.indicator}|${o.unit}`));
    expect(city.observations.length).toBeLessThan(cells.size * periods.size);
    const missed = city.truth.filter((t) => t.missed).length;
    expect(missed / city.truth.length).toBeGreaterThan(0.15);
    expect(missed / city.truth.length).toBeLessThan(0.6);
    expect(new Set(city.truth.map((t) => t.archetype))).toEqual(new Set(['steady', 'saturating', 'stall', 'recover', 'shift']));
  });

  it('drops the reports that arrive after a cut-off but keeps the truth', () => {
    const full = generateCity({ seed: 4, units });
    const cut = generateCity({ seed: 4, units, cutoff: '2026-06-30' });
    expect(cut.observations.every((o) => o.reportedOn <= '2026-06-30')).toBe(true);
    expect(cut.truth).toEqual(full.truth);
  });
});

describe('early-warning backtest', () => {
  it('on the simulator: recall ≥ 0.90, precision ≥ 0.70, median lead ≥ 60 days', () => {
    const result = runBacktest(casesFromCity(generateCity({ seed: 1, units })));
    expect(result.missed).toBeGreaterThan(30);
    expect(result.recall).toBeGreaterThanOrEqual(0.9);
    expect(result.precision).toBeGreaterThanOrEqual(0.7);
    expect(result.medianLeadDays).toBeGreaterThanOrEqual(60);
  }, 240_000);

  it('on a structurally different generator (logistic adoption, AR(1) noise, shocks): sensible floors', () => {
    const result = runBacktest(logisticCases(1, 240));
    expect(result.missed).toBeGreaterThan(30);
    expect(result.recall).toBeGreaterThanOrEqual(0.85);
    expect(result.precision).toBeGreaterThanOrEqual(0.7);
    expect(result.medianLeadDays).toBeGreaterThanOrEqual(60);
  }, 240_000);
});

function nextMonth(period: string): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
