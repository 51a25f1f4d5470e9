import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import { monthCode, monthNumber } from '../../domain/forecasting/forecast.ts';
import { insertIndicator } from '../../repositories/indicators.repository.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { evaluateTargets } from '../evaluation/evaluate-targets.ts';
import { ingestObservations } from '../observations/ingest-observations.ts';
import { seedBuiltInRegistry } from '../units/seed-built-in-registry.ts';
import { linkDemoPlanTargets, seedDemoPlan } from './seed-demo-plan.ts';

describe(`demo plan targets linked to the demo indicators (${testEngine})`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let planId = 0;
  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database, () => new Date('2026-08-05T08:00:00Z'));
    await seedBuiltInRegistry(ctx);
    const plan = await seedDemoPlan(ctx);
    if (!plan || plan.dryRun) throw new Error('the demo plan was not stored');
    planId = plan.planId;
  });
  afterAll(async () => database.close());

  it('does nothing before the demo indicators exist', async () => {
    expect(await linkDemoPlanTargets(ctx)).toBeNull();
  });

  it('links the on-time target so the plan shows it evaluated; a second run changes nothing', async () => {
    await ctx.db.transaction().execute((trx) => insertIndicator(trx, {
      code: 'DEMO_HS_DUNG_HAN', name: 'Tỷ lệ hồ sơ giải quyết đúng hạn', measure: '%', direction: 'up', aggregation: 'mean', numerator: null,
      denominator: null, frequency: 'monthly', sourceSystem: 'dvc', classified: false,
    }));
    await ingestObservations(ctx, { actor: 'test', origin: 'import', principal: null }, {
      source: 'test',
      observations: Array.from({ length: 19 }, (_, i) => ({ indicator: 'DEMO_HS_DUNG_HAN', unit: 'HN_P_VINH_TUY', period: monthCode(monthNumber('2025-01') + i), value: 90 + i * 0.3 })),
    });
    expect(await linkDemoPlanTargets(ctx)).toMatchObject({ linked: 1, unchanged: 0 });
    expect(await linkDemoPlanTargets(ctx)).toMatchObject({ linked: 0, unchanged: 1 });
    const { targets } = await evaluateTargets(ctx, { asOf: '2026-07-31', plan: String(planId) });
    const onTime = targets.find((t) => t.code === `${planId}-T4`);
    expect(onTime).toMatchObject({ indicator: 'DEMO_HS_DUNG_HAN', unit: 'HN_P_VINH_TUY', op: '>=', goal: 97 });
    expect(onTime?.status).not.toMatch(/^(no_data|unlinked)$/);
    // The others no indicator measures: "not linked", not missing data.
    expect(targets.filter((t) => t.status === 'unlinked').length).toBe(targets.length - 1);
  });
});
