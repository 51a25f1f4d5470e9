import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../app-context.ts';
import { createIndicator, createObservations, createUnit } from '../../testing/factories.ts';
import { cliDatabase } from '../../testing/cli-database.ts';
import { runCli } from '../../testing/run-cli.ts';
import { testEngine } from '../../testing/test-database.ts';

/*
 * Treated P_A, P_B rise by 10 from 2026-04, comparison P_C, P_D by 2 (three months before, three after):
 *   P_A 20,21,22 → 31,32,33 (change 11)   P_B 30,30,30 → 40,40,40 (10)
 *   P_C 25,25,25 → 27,27,27 (2)           P_D 35,36,37 → 37,39,38 (2)
 * effect = 10.5 − 2 = 8.5 (the comparison changes agree exactly, the treated ones spread by 0.5).
 */
async function seed(ctx: AppContext): Promise<void> {
  const hn = await createUnit(ctx.db, { code: 'HN', kind: 'city' });
  const ids: Record<string, number> = {};
  for (const code of ['P_A', 'P_B', 'P_C', 'P_D']) ids[code] = (await createUnit(ctx.db, { code, kind: 'commune', parentId: hn.id })).id;
  const indicator = await createIndicator(ctx.db, { code: 'KPI_TG', measure: 'ngày' });
  const series: Record<string, number[]> = { P_A: [20, 21, 22, 31, 32, 33], P_B: [30, 30, 30, 40, 40, 40], P_C: [25, 25, 25, 27, 27, 27], P_D: [35, 36, 37, 37, 39, 38] };
  const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
  await createObservations(ctx.db, Object.entries(series).flatMap(([unit, values]) => values.map((value, i) => ({ indicatorId: indicator.id, unitId: ids[unit]!, period: months[i]!, value }))));
}

describe(`theodoi pilots on ${testEngine}`, { timeout: 600_000 }, () => {
  const db = cliDatabase('theodoi-pilots-cli-');

  beforeAll(async () => {
    await db.open(seed);
  });
  afterAll(async () => {
    await db.close();
  });

  it('creates, lists and prints the effect in Vietnamese; refuses an unknown unit naming it', async () => {
    const base = ['pilots', 'create', '--code', 'TD-02', '--title', 'Rút ngắn thời gian giải quyết', '--indicators', 'KPI_TG', '--treated', 'P_A,P_B', '--start', '2026-04'];
    const bad = await runCli([...base, '--comparison', 'P_C,P_X'], db.target);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('P_X');
    const created = await runCli([...base, '--comparison', 'P_C,P_D', '--json'], db.target);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ code: 'TD-02', treatedUnits: ['P_A', 'P_B'], comparisonUnits: ['P_C', 'P_D'], state: 'planned' });
    const listed = await runCli(['pilots', 'list'], db.target);
    expect(listed.stdout).toContain('TD-02');
    expect(listed.stdout).toContain('Tháng 4/2026');

    const effect = await runCli(['pilots', 'effect', 'TD-02'], db.target);
    expect(effect.code).toBe(0);
    expect(effect.stdout).toContain('Hiệu quả ước lượng: +8,50 ngày');
    expect(effect.stdout).toContain('khoảng tin cậy 90 %');
    expect(effect.stdout).toContain('Đủ số liệu: có');
    // The treated groups' pre-start slopes (1 and 0) against the comparison's (0 and 1) agree: no trend warning.
    expect(effect.stdout).not.toContain('xu hướng khác nhau');
  });
});
