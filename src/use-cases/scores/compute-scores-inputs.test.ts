// The database path (criterion inputs reduced in SQL) against the reference path (every cell read
// into JS, rolled up and reduced there): every unit's score, groups, rank and explanation must be
// deeply equal, on the demo city with the shipped framework and on a small region built to reach
// every case (each `over`, corrections, cells with only a numerator and denominator, a zero
// denominator, a ward scored on its offices, a ward formed by a merger, a share over schools).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import { seedDemoIfEmpty } from '../demo/seed-demo-if-empty.ts';
import { parseFramework } from '../../domain/scoring/framework.ts';
import { frameworkFromFile, SHIPPED_FRAMEWORK_PATH } from '../../domain/scoring/load-framework.ts';
import { loadUnitTree } from '../../repositories/unit-tree.repository.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { computeScores, type ComputeScoresQuery } from './compute-scores.ts';

const region = parseFramework({
  code: 'Z-ALL', version: '1', name: 'every input case', unitKinds: ['commune', 'agency'],
  groups: [
    { id: 'g1', name: 'measured', criteria: [
      { id: 'S_SUM', name: 'sum', rule: 'steps', indicator: 'Z_SUM', over: 'sum', max: 20, steps: [{ at: 10, points: 5 }, { at: 30, points: 12 }, { at: 60, points: 20 }] },
      { id: 'S_MEAN', name: 'mean', rule: 'ratio', indicator: 'Z_MEAN', over: 'mean', goal: 7.3, max: 10 },
      { id: 'S_LAST', name: 'last', rule: 'ratio', indicator: 'Z_PCT', goal: 90, max: 10 },
      { id: 'S_PMEAN', name: 'pct mean', rule: 'threshold', indicator: 'Z_PCT', over: 'mean', op: '>=', goal: 50, max: 5 },
      { id: 'S_MAX', name: 'max', rule: 'ratio', indicator: 'Z_MEAN', over: 'max', goal: 9, max: 5 },
      { id: 'S_MIN', name: 'min late', rule: 'ratio', indicator: 'Z_LATE', over: 'min', goal: 2, max: 5 },
      { id: 'S_LATE', name: 'late sum', rule: 'steps', indicator: 'Z_LATE', over: 'sum', max: 5, steps: [{ at: 20, points: 5 }, { at: 40, points: 2 }] },
      { id: 'S_NONE', name: 'undeclared', rule: 'ratio', indicator: 'Z_MISSING', goal: 1, max: 3 },
      { id: 'S_AG', name: 'agency only', rule: 'ratio', indicator: 'Z_SUM', over: 'max', goal: 8, max: 4, appliesTo: ['agency'] },
    ] },
    { id: 'g2', name: 'shares and councils', appliesTo: ['commune'], criteria: [
      { id: 'SH', name: 'schools', rule: 'ratio', share: { indicator: 'Z_PCT', op: '>=', goal: 60, kinds: ['school'] }, over: 'mean', goal: 1, max: 10 },
      { id: 'SH2', name: 'schools sum', rule: 'threshold', share: { indicator: 'Z_SUM', op: '>', goal: 15 }, over: 'sum', op: '>=', goal: 0.5, max: 5 },
      { id: 'AS', name: 'council', rule: 'assessed', max: 10 },
    ] },
  ],
});

/** A deterministic value with a ragged fractional part, so that the order of a float sum matters. */
function wobble(seed: number, spread: number): number {
  const x = Math.sin(seed * 12.9898) * 43758.5453;
  return Math.round((x - Math.floor(x)) * spread * 1000) / 1000;
}

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let ctx: AppContext;

async function buildRegion(): Promise<void> {
  const db = ctx.db;
  const ids: Record<string, number> = {};
  const unit = async (code: string, kind: string, parent: string | null, validFrom: string | null = null, validTo: string | null = null) => {
    ids[code] = (await db.insertInto('units').values({ code, name: code, kind, parent_id: parent ? (ids[parent] ?? null) : null, valid_from: validFrom, valid_to: validTo }).returning('id').executeTakeFirstOrThrow()).id;
  };
  await unit('ZZ', 'city', null);
  for (let c = 0; c < 6; c++) await unit(`Z_C${c}`, 'commune', 'ZZ');
  for (let s = 0; s < 3; s++) await unit(`Z_C0_S${s}`, 'school', 'Z_C0');
  await unit('Z_C0_VP', 'office', 'Z_C0');
  await unit('Z_C6', 'commune', 'ZZ'); // scored on its offices (and its own figures some months)
  await unit('Z_C6_A', 'office', 'Z_C6');
  await unit('Z_C6_B', 'office', 'Z_C6');
  await unit('Z_OLD1', 'commune', 'ZZ', null, '2026-03-31');
  await unit('Z_OLD2', 'commune', 'ZZ');
  await unit('Z_C7', 'commune', 'ZZ', '2026-04-01'); // formed by merging Z_OLD1 and Z_OLD2
  await unit('Z_A0', 'agency', 'ZZ');
  await unit('Z_A1', 'agency', 'ZZ');
  await db.insertInto('unit_successions').values([
    { predecessor_id: ids.Z_OLD1 as number, successor_id: ids.Z_C7 as number, effective_on: '2026-04-01' },
    { predecessor_id: ids.Z_OLD2 as number, successor_id: ids.Z_C7 as number, effective_on: '2026-04-01' },
  ]).execute();
  const indicator = async (code: string, aggregation: 'sum' | 'mean' | 'ratio', measure: string, direction: 'up' | 'down' = 'up') => {
    ids[code] = (await db.insertInto('indicators').values({ code, name: code, measure, aggregation, direction }).returning('id').executeTakeFirstOrThrow()).id;
  };
  await indicator('Z_SUM', 'sum', 'tin bài');
  await indicator('Z_MEAN', 'mean', 'điểm');
  await indicator('Z_PCT', 'ratio', '%');
  await indicator('Z_LATE', 'mean', 'hồ sơ', 'down');

  const reporting = ['Z_C0', 'Z_C1', 'Z_C2', 'Z_C3', 'Z_C4', 'Z_C0_S0', 'Z_C0_S1', 'Z_C0_S2', 'Z_C0_VP', 'Z_C6_A', 'Z_C6_B', 'Z_OLD1', 'Z_OLD2', 'Z_A0', 'Z_A1', 'Z_C6', 'Z_C7'];
  const rows = [];
  let seed = 1;
  for (const [u, code] of reporting.entries()) {
    for (const ind of ['Z_SUM', 'Z_MEAN', 'Z_PCT', 'Z_LATE']) {
      for (let m = 1; m <= 12; m++) {
        seed++;
        if ((u + m * 3 + ind.length) % 5 === 0) continue; // gaps
        if (code === 'Z_C6' && m % 3 !== 0) continue; // own figures only some months
        if (code === 'Z_C7' && m < 5) continue;
        if (code === 'Z_OLD1' && m > 3) continue;
        const period = `2026-${String(m).padStart(2, '0')}`;
        const base = { indicator_id: ids[ind] as number, unit_id: ids[code] as number, period, period_start: `${period}-01`, period_end: `${period}-28`, origin: 'system' as const, source: 't', actor: 't' };
        const value = ind === 'Z_PCT' ? wobble(seed, 100) : ind === 'Z_SUM' ? Math.floor(wobble(seed, 9)) : wobble(seed, 10);
        if (ind === 'Z_PCT' && seed % 4 === 0) {
          // Only the parts; every 12th with a zero denominator (no value).
          const den = seed % 3 === 0 ? 0 : 7 + (seed % 11);
          rows.push({ ...base, version: 1, value: null, numerator: Math.floor(wobble(seed, den)), denominator: den });
        } else {
          rows.push({ ...base, version: 1, value, numerator: null, denominator: null });
        }
        if (seed % 7 === 0) rows.push({ ...base, version: 2, value: wobble(seed + 1000, 10), numerator: null, denominator: null }); // a correction
        if (seed % 13 === 0) rows.push({ ...base, version: 3, value: null, numerator: null, denominator: null }); // a withdrawn figure
      }
    }
  }
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('observations').values(rows.slice(i, i + 500)).execute();
  await db.insertInto('score_assessments').values([
    { framework_code: 'Z-ALL', criterion: 'AS', unit_id: ids.Z_C1 as number, period: '2026', kind: 'appraised', points: 7, evidence_url: 'bb.pdf', actor: 't' },
    { framework_code: 'Z-ALL', criterion: 'AS', unit_id: ids.Z_C2 as number, period: '2026', kind: 'self', points: 9, evidence_url: 'bb.pdf', actor: 't' },
  ]).execute();
}

async function bothPaths(query: ComputeScoresQuery) {
  const tree = await loadUnitTree(ctx.db);
  const viaDatabase = await computeScores(ctx, query, { tree });
  const reference = await computeScores(ctx, query, { tree, referenceInputs: true });
  return { viaDatabase, reference };
}

describe(`criterion inputs reduced in SQL give the reference scores on ${testEngine}`, () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    ctx = contextFor(t, () => new Date('2026-11-20T00:00:00Z'));
    await seedDemoIfEmpty(ctx);
    await buildRegion();
  }, 240_000);
  afterAll(async () => t.close());

  it.each(['2026', '2026-H1', '2026-Q2', '2026-11', '2025'])('the region, every case of input, period %s', async (period) => {
    const { viaDatabase, reference } = await bothPaths({ framework: region, period });
    expect(viaDatabase).toEqual(reference);
    const zUnits = reference.ranking.filter((r) => r.unit.startsWith('Z_'));
    expect(zUnits.length).toBeGreaterThanOrEqual(9);
    if (period !== '2025') {
      // The region must really exercise measured inputs, roll-ups and shares, not compare empties.
      const sources = zUnits.flatMap((r) => r.explain.map((e) => JSON.stringify(e)));
      expect(sources.some((s) => s.includes('score.source.own_'))).toBe(true);
      expect(sources.some((s) => s.includes('score.source.rolled_'))).toBe(true);
      expect(zUnits.some((r) => r.score > 0)).toBe(true);
    }
  });

  it('the demo city with the shipped framework, every kind and each kind alone', async () => {
    const framework = frameworkFromFile(SHIPPED_FRAMEWORK_PATH);
    for (const kind of [null, 'commune', 'agency']) {
      const { viaDatabase, reference } = await bothPaths({ framework, period: '2026', kind });
      expect(viaDatabase).toEqual(reference);
      expect(reference.ranking.length).toBeGreaterThan(kind === 'agency' ? 5 : 20);
      expect(reference.ranking.some((r) => r.explain.some((e) => JSON.stringify(e).includes('score.source.own_')))).toBe(true);
    }
  });

  it('a real-time update of a few units gives the same as the reference for those units', async () => {
    const tree = await loadUnitTree(ctx.db);
    const some = new Set(['Z_C0', 'Z_C3', 'Z_C6', 'Z_C7', 'Z_A1'].map((c) => tree.byCode.get(c)?.id as number));
    const { viaDatabase, reference } = await bothPaths({ framework: region, period: '2026', onlyUnits: some });
    expect(viaDatabase).toEqual(reference);
    expect(reference.ranking.map((r) => r.unit).sort()).toEqual(['Z_A1', 'Z_C0', 'Z_C3', 'Z_C6', 'Z_C7']);
    // …and each of them scores as it does in a full recompute (ranks differ: fewer units).
    const full = await computeScores(ctx, { framework: region, period: '2026' }, { tree });
    for (const r of viaDatabase.ranking) {
      const { rank: _rank, ...inFull } = full.ranking.find((f) => f.unit === r.unit) as (typeof full.ranking)[number];
      const { rank: _r, ...partial } = r;
      expect(partial).toEqual(inFull);
    }
  });
});
