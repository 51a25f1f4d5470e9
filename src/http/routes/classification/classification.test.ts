import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../../app-context.ts';
import { loadBuiltInRegistry } from '../../../registry/hanoi.ts';
import { insertIndicator } from '../../../repositories/indicators.repository.ts';
import { upsertRegistryUnits } from '../../../repositories/units.repository.ts';
import { createTestDatabase, testEngine } from '../../../testing/test-database.ts';
import { importPlan } from '../../../use-cases/plans/import-plan.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';
import { buildServer } from '../../build-server.ts';
import type { App } from '../../route-module.ts';

const demoPlan = readFileSync(new URL('../../../registry/demo-plan.txt', import.meta.url));

describe(`marking items classified over the API on ${testEngine}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let app: App;
  let planId = 0;
  const auth = async (role: string, unit: string) => ({ authorization: `Bearer ${(await createToken(ctx, 'test', { unit, role })).token}` });
  const mark = async (headers: Record<string, string>, kind: string, ref: string, classified = true) =>
    app.inject({ method: 'POST', url: '/api/v1/classification', headers, payload: { kind, ref, classified } });
  const targetCodesSeenBy = async (headers: Record<string, string>) =>
    (await app.inject({ method: 'GET', url: `/api/v1/plans/${planId}`, headers })).json<{ targets: { code: string }[]; tasks: { code: string }[] }>();

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database);
    await ctx.db.transaction().execute((trx) => upsertRegistryUnits(trx, loadBuiltInRegistry()));
    const imported = await importPlan(ctx, { bytes: demoPlan, fileName: 'demo.txt', actor: 'test', publish: true });
    if (imported.dryRun) throw new Error('stored import expected');
    planId = imported.planId;
    await ctx.db.transaction().execute((trx) => insertIndicator(trx, {
      code: 'MAT_CS', name: 'Chỉ số mật', measure: '%', direction: 'up', aggregation: 'mean', numerator: null, denominator: null, frequency: 'monthly', sourceSystem: null, classified: false,
    }));
    app = await buildServer(ctx);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('lets the administrator of the plan\'s ward mark a target; a viewer then no longer sees it; audited once', async () => {
    const viewer = await auth('viewer', 'HN_P_VINH_TUY');
    const before = await targetCodesSeenBy(viewer);
    const target = before.targets[0]!.code;
    expect((await mark(viewer, 'target', target)).statusCode).toBe(403);
    expect((await mark({}, 'target', target)).statusCode).toBe(401);
    const admin = await auth('unit_admin', 'HN_P_VINH_TUY');
    const res = await mark(admin, 'target', target);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ kind: 'target', ref: target, classified: true, changed: 1 });
    expect((await mark(admin, 'target', target)).json()).toMatchObject({ changed: 0 });
    expect((await targetCodesSeenBy(viewer)).targets.map((t) => t.code)).not.toContain(target);
    expect((await targetCodesSeenBy(admin)).targets.map((t) => t.code)).toContain(target);
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'entity']).where('entity', '=', 'target').execute();
    expect(audit).toEqual([{ action: 'classify', entity: 'target' }]);
    expect((await mark(admin, 'target', target, false)).json()).toMatchObject({ classified: false, changed: 1 });
    expect((await targetCodesSeenBy(viewer)).targets.map((t) => t.code)).toContain(target);
  });

  it('marks a section by marking every target and task under it', async () => {
    const section = await ctx.db.selectFrom('targets').select('section_id').where('code', 'like', `${planId}-T%`).where('section_id', 'is not', null).executeTakeFirstOrThrow();
    const under = await ctx.db.selectFrom('targets').select('code').where('section_id', '=', section.section_id).execute();
    const admin = await auth('system_admin', 'HN');
    const res = await mark(admin, 'section', String(section.section_id));
    expect(res.statusCode).toBe(200);
    expect(res.json<{ changed: number }>().changed).toBeGreaterThanOrEqual(under.length);
    const seen = (await targetCodesSeenBy(await auth('viewer', 'HN_P_VINH_TUY'))).targets.map((t) => t.code);
    for (const { code } of under) expect(seen).not.toContain(code);
  });

  it('marks a plan and an indicator; the city\'s administrator only for an indicator', async () => {
    const wardAdmin = await auth('unit_admin', 'HN_P_VINH_TUY');
    expect((await mark(wardAdmin, 'indicator', 'MAT_CS')).statusCode).toBe(403);
    expect((await mark(await auth('system_admin', 'HN'), 'indicator', 'MAT_CS')).json()).toMatchObject({ changed: 1 });
    // The plan's mark is carried by each of its items not yet marked: the plan row plus those items.
    const unmarked = async () => {
      const versions = ctx.db.selectFrom('plan_versions').select('id').where('plan_id', '=', planId);
      const count = async (table: 'targets' | 'tasks') => (await ctx.db.selectFrom(table).select('id').where('plan_version_id', 'in', versions).where('classified', '=', false).execute()).length;
      return (await count('targets')) + (await count('tasks'));
    };
    const before = await unmarked();
    expect(before).toBeGreaterThan(0);
    expect((await mark(wardAdmin, 'plan', String(planId))).json()).toMatchObject({ changed: 1 + before });
    expect(await unmarked()).toBe(0);
    expect((await app.inject({ method: 'GET', url: `/api/v1/plans/${planId}`, headers: await auth('viewer', 'HN_P_VINH_TUY') })).statusCode).toBe(404);
  });

  it("lifting a plan's mark lifts only what the plan gave: an item's own mark stays", async () => {
    const admin = await auth('unit_admin', 'HN_P_VINH_TUY');
    await mark(admin, 'plan', String(planId), false);
    const viewer = await auth('viewer', 'HN_P_VINH_TUY');
    const [own, other] = (await targetCodesSeenBy(viewer)).targets.map((t) => t.code);
    await mark(admin, 'target', own!);
    await mark(admin, 'plan', String(planId));
    await mark(admin, 'plan', String(planId), false);
    const seen = (await targetCodesSeenBy(viewer)).targets.map((t) => t.code);
    expect(seen).not.toContain(own);
    expect(seen).toContain(other);
  });

  it("an item marked while it carries the plan's mark keeps it; a section marked after the plan keeps its items when the plan's mark is lifted", async () => {
    const admin = await auth('unit_admin', 'HN_P_VINH_TUY');
    const system = await auth('system_admin', 'HN');
    const viewer = await auth('viewer', 'HN_P_VINH_TUY');
    const section = await ctx.db.selectFrom('targets').select('section_id').where('code', 'like', `${planId}-T%`).where('section_id', 'is not', null).executeTakeFirstOrThrow();
    await mark(system, 'section', String(section.section_id), false);
    const visible = (await targetCodesSeenBy(viewer)).targets.map((t) => t.code);
    // The section's targets that nothing else hides (an earlier test marked one target on its own).
    const under = (await ctx.db.selectFrom('targets').select('code').where('section_id', '=', section.section_id).execute()).map((r) => r.code).filter((code) => visible.includes(code));
    const outside = visible.find((code) => !under.includes(code))!;
    expect(under.length).toBeGreaterThan(0);
    expect(outside).toBeDefined();

    await mark(admin, 'plan', String(planId));
    // Already hidden by the plan, the target is now marked in its own right: one row changes.
    expect((await mark(admin, 'target', outside)).json()).toMatchObject({ changed: 1 });
    await mark(system, 'section', String(section.section_id));
    await mark(admin, 'plan', String(planId), false);
    const seen = (await targetCodesSeenBy(viewer)).targets.map((t) => t.code);
    expect(seen).not.toContain(outside);
    for (const code of under) expect(seen).not.toContain(code);
    // Lifting the section too shows its items again; the target's own mark stays.
    await mark(system, 'section', String(section.section_id), false);
    const after = (await targetCodesSeenBy(viewer)).targets.map((t) => t.code);
    for (const code of under) expect(after).toContain(code);
    expect(after).not.toContain(outside);
  });

  it('names what is wrong: an unknown kind (422 on kind), an unknown item (404)', async () => {
    const admin = await auth('system_admin', 'HN');
    const kind = await mark(admin, 'chapter', '1');
    expect(kind.statusCode).toBe(422);
    expect(kind.json()).toMatchObject({ errors: [{ field: 'kind' }] });
    expect((await mark(admin, 'target', 'KHONG-CO')).statusCode).toBe(404);
  });
});
