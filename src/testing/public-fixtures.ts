import type { AppContext } from '../app-context.ts';
import { monthCode, monthNumber } from '../domain/forecasting/forecast.ts';
import { insertIndicator } from '../repositories/indicators.repository.ts';
import { ingestObservations } from '../use-cases/observations/ingest-observations.ts';
import { seedDemoPlan } from '../use-cases/plans/seed-demo-plan.ts';
import { seedBuiltInRegistry } from '../use-cases/units/seed-built-in-registry.ts';

// Test support for the public page's API and browser tests: the demo plan published, one target
// measured from monthly figures, and one target and one task marked classified. No use case links a
// plan target to an indicator or marks an item classified yet (both come from later work on the
// plan's document), so the fixture sets those columns directly.

export interface PublicFixture {
  planId: number;
  planCode: string;
  evaluated: { code: string; text: string };
  classifiedTarget: { code: string; text: string };
  classifiedTask: { code: string; title: string };
}

export async function seedPublicFixture(ctx: AppContext): Promise<PublicFixture> {
  await seedBuiltInRegistry(ctx);
  const imported = await seedDemoPlan(ctx);
  if (!imported || imported.dryRun) throw new Error('the demo plan needs the built-in registry');
  const targets = await ctx.db
    .selectFrom('targets as t')
    .innerJoin('units as u', 'u.id', 't.scope_unit_id')
    .select(['t.id', 't.code', 't.text', 't.op', 'u.code as unit'])
    .where('t.plan_version_id', '=', imported.versionId)
    .orderBy('t.id')
    .execute();
  const measured = targets.find((t) => t.op === '>=')!;
  const secret = targets[targets.length - 1]!;
  const indicator = await ctx.db.transaction().execute((trx) => insertIndicator(trx, {
    code: 'PUB_TEST', name: 'Chỉ số thử công khai', measure: '%', direction: 'up', aggregation: 'mean', numerator: null, denominator: null,
    frequency: 'monthly', sourceSystem: 'test', classified: false,
  }));
  const observations = Array.from({ length: 10 }, (_, i) => ({ indicator: 'PUB_TEST', unit: measured.unit, period: monthCode(monthNumber('2026-01') + i), value: 60 + 3 * i }));
  await ingestObservations(ctx, { actor: 'test', origin: 'import', principal: null }, { source: 'test', observations });
  await ctx.db.updateTable('targets').set({ indicator_id: indicator.id }).where('id', '=', measured.id).execute();
  await ctx.db.updateTable('targets').set({ classified: true }).where('id', '=', secret.id).execute();
  const task = await ctx.db.selectFrom('tasks').select(['id', 'code', 'title']).where('plan_version_id', '=', imported.versionId).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  await ctx.db.updateTable('tasks').set({ classified: true }).where('id', '=', task.id).execute();
  const plan = await ctx.db.selectFrom('plans').select(['id', 'code']).where('id', '=', imported.planId).executeTakeFirstOrThrow();
  return {
    planId: plan.id,
    planCode: plan.code ?? String(plan.id),
    evaluated: { code: measured.code, text: measured.text ?? '' },
    classifiedTarget: { code: secret.code, text: secret.text ?? '' },
    classifiedTask: { code: task.code, title: task.title },
  };
}
