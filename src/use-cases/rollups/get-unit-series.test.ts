import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import { InputError } from '../../domain/errors.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { getUnitSeries } from './get-unit-series.ts';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let ctx: AppContext;
const ids: Record<string, number> = {};

async function addUnit(code: string, parent: string | null, validFrom: string | null = null, validTo: string | null = null) {
  const row = await ctx.db
    .insertInto('units')
    .values({ code, name: code, kind: parent === null ? 'city' : 'commune', parent_id: parent ? ids[parent] ?? null : null, valid_from: validFrom, valid_to: validTo })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids[code] = row.id;
}

async function observe(indicator: string, unit: string, period: string, value: number | null, num: number | null = null, den: number | null = null, version = 1) {
  await ctx.db
    .insertInto('observations')
    .values({
      indicator_id: ids[indicator] as number, unit_id: ids[unit] as number, period,
      period_start: `${period}-01`, period_end: `${period}-28`, version, value, numerator: num, denominator: den,
      origin: 'system', source: 'test', actor: 'test',
    })
    .execute();
}

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = contextFor(t);
  await addUnit('HN', null);
  await addUnit('KV_A', 'HN');
  await addUnit('KV_B', 'HN');
  await addUnit('P_OLD', 'KV_A', null, '2026-06-30');
  await addUnit('P_KEEP', 'KV_A');
  await addUnit('P_NEW', 'KV_B');
  await ctx.db.insertInto('unit_successions').values({ predecessor_id: ids.P_OLD as number, successor_id: ids.P_NEW as number, effective_on: '2026-07-01' }).execute();
  for (const [code, aggregation, measure] of [['HS', 'sum', 'hồ sơ'], ['TL', 'ratio', '%']] as const) {
    const row = await ctx.db.insertInto('indicators').values({ code, name: code, measure, aggregation }).returning('id').executeTakeFirstOrThrow();
    ids[code] = row.id;
  }
  for (const month of ['2026-06', '2026-07']) {
    await observe('HS', 'P_OLD', month, 10);
    await observe('HS', 'P_KEEP', month, 1);
    await observe('HS', 'P_NEW', month, 100);
  }
  // A correction is a new version: only the latest counts.
  await observe('HS', 'P_KEEP', '2026-07', 2, null, null, 2);
  await observe('TL', 'P_KEEP', '2026-06', 50, 1, 2);
  await observe('TL', 'P_NEW', '2026-06', 100, 8, 8);
});
afterAll(async () => t.close());

describe(`getUnitSeries (${testEngine})`, () => {
  it('rolls the city up over the tree of each month, with the latest version of each cell', async () => {
    expect(await getUnitSeries(ctx, { indicator: 'HS', unit: 'HN', from: '2026-06', to: '2026-07' })).toEqual([
      { period: '2026-06', value: 111, source: 'rollup', count: 2 },
      // P_NEW's own July figure covers the merged ward, so P_OLD's late report is not added twice.
      { period: '2026-07', value: 102, source: 'rollup', count: 2 },
    ]);
  });

  it('moves a merged ward’s series from its old parent to its successor on the effective date', async () => {
    const oldParent = await getUnitSeries(ctx, { indicator: 'HS', unit: 'KV_A', from: '2026-06', to: '2026-07' });
    expect(oldParent.map((p) => p.value)).toEqual([11, 2]);
    const newParent = await getUnitSeries(ctx, { indicator: 'HS', unit: 'KV_B', from: '2026-06', to: '2026-07' });
    expect(newParent.map((p) => p.value)).toEqual([100, 100]);
  });

  it('rolls a percentage up as a ratio of sums and fills months without data with null', async () => {
    const series = await getUnitSeries(ctx, { indicator: 'TL', unit: 'HN', from: '2026-05', to: '2026-Q3' });
    expect(series).toHaveLength(5);
    expect(series[0]?.value).toBeNull();
    expect(series[1]?.value).toBeCloseTo(90);
    expect(series[2]?.value).toBeNull();
  });

  it('spans the months that have data when no range is given', async () => {
    expect((await getUnitSeries(ctx, { indicator: 'TL', unit: 'P_KEEP' })).map((p) => [p.period, p.value])).toEqual([['2026-06', 50]]);
  });

  it('names the field at fault for an unknown indicator, unit or period', async () => {
    const err = await getUnitSeries(ctx, { indicator: 'NOPE', unit: 'NOWHERE', from: '2026-13' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).problems.map((p) => p.field).sort()).toEqual(['from', 'indicator', 'unit']);
  });
});
