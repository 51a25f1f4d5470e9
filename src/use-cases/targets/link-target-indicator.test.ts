import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import fc from 'fast-check';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import type { AccessPrincipal } from '../../domain/access/authorize.ts';
import { ConflictError, InputError, NotFoundError } from '../../domain/errors.ts';
import { monthCode, monthNumber } from '../../domain/forecasting/forecast.ts';
import { authPlugin } from '../../http/auth/auth-plugin.ts';
import { problemErrorHandler } from '../../http/problem.ts';
import targetLinks from '../../http/routes/target-links/index.ts';
import { LIVE_EVENT_CHANNEL } from '../../realtime/change-feed.ts';
import { startRealtimeEngine } from '../../realtime/realtime-engine.ts';
import { readTargetStatuses } from '../../repositories/snapshots.repository.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { evaluateTargets } from '../evaluation/evaluate-targets.ts';
import { createIndicator } from '../indicators/create-indicator.ts';
import { ingestObservations } from '../observations/ingest-observations.ts';
import { importPlan } from '../plans/import-plan.ts';
import { createToken } from '../tokens/create-token.ts';
import { importRegistryUnits } from '../units/import-units.ts';
import { linkTargetIndicator, linkTargetIndicatorsFromCsv } from './link-target-indicator.ts';
import { parseTargetLink, parseTargetLinkCsv } from './target-link-fields.ts';

const unit = (code: string, name: string, kind: 'city' | 'commune' | 'agency', parent: string | null) =>
  ({ code, name, kind, parent, aliases: [], validFrom: null, validTo: null, successors: [] });

/** An invented ward plan (our own words) in the layout the importer reads: two measurable targets, one qualitative. */
const PLAN = [
  'ỦY BAN NHÂN DÂN', 'PHƯỜNG AN HÒA', '', 'Số: 7/KH-UBND', '', 'An Hòa, ngày 02 tháng 3 năm 2026', '', 'KẾ HOẠCH',
  'Thử nghiệm gắn chỉ tiêu với chỉ số năm 2026', '', 'I. MỤC ĐÍCH', '', '1. Thử nghiệm.', '',
  'Phụ lục 01', 'DANH MỤC CHỈ TIÊU', '',
  'STT\t\tMục tiêu\tĐơn vị chủ trì theo dõi, hướng dẫn, tổng hợp\tĐơn vị chủ trì thực hiện\tĐơn vị phối hợp\tCăn cứ',
  'TT\tChi tiết\t\t\t\t\t',
  '\tI\tDịch vụ công\t\t\t\t',
  '1\t1\tTỷ lệ hồ sơ trực tuyến của phường đạt ≥ 90% trong năm 2026.\tUBND phường An Hòa\tUBND phường An Hòa\t\tThử nghiệm',
  '2\t2\tNâng cao chất lượng phục vụ người dân trên môi trường số.\tUBND phường An Hòa\tUBND phường An Hòa\t\tThử nghiệm',
  '3\t3\tTỷ lệ hồ sơ trễ hạn dưới 5%.\tUBND phường An Hòa\tUBND phường An Hòa\t\tThử nghiệm',
  '',
].join('\n');

/** Monthly values from 2025-01 for `months` months. */
function series(indicator: string, unitCode: string, months: number, f: (i: number) => number) {
  return Array.from({ length: months }, (_, i) => ({ indicator, unit: unitCode, period: monthCode(monthNumber('2025-01') + i), value: Math.round(f(i) * 100) / 100 }));
}

const admin: AccessPrincipal = { kind: 'user', actor: 'test:admin', userId: null, tokenId: null, grants: [{ role: 'system_admin', unitCode: 'HN' }] };

describe(`linking plan targets to indicators (${testEngine})`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let planId = 0;
  const code = (n: number) => `${planId}-T${n}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database, () => new Date('2026-08-05T08:00:00Z'));
    await importRegistryUnits(ctx, [
      unit('HN', 'Thành phố Hà Nội', 'city', null), unit('P_AN_HOA', 'Phường An Hòa', 'commune', 'HN'),
      unit('P_BINH_AN', 'Phường Bình An', 'commune', 'HN'), unit('SO_A', 'Sở A', 'agency', 'HN'),
    ]);
    const imported = await importPlan(ctx, { bytes: new TextEncoder().encode(PLAN), fileName: 'ke-hoach.txt', publish: true, owner: 'P_AN_HOA', actor: 'test' });
    if (imported.dryRun) throw new Error('not stored');
    planId = imported.planId;
    for (const [c, name, direction] of [['ONLINE', 'Tỷ lệ hồ sơ trực tuyến', 'up'], ['LATE', 'Tỷ lệ hồ sơ trễ hạn', 'down'], ['QUALITY', 'Mức hài lòng', 'up']] as const) {
      await createIndicator(ctx, admin, { code: c, name, measure: '%', direction, aggregation: 'mean' });
    }
    await ingestObservations(ctx, { actor: 'test', origin: 'import', principal: null }, {
      source: 'test',
      observations: [
        ...series('ONLINE', 'P_AN_HOA', 19, (i) => 60 + 2 * i),
        ...series('ONLINE', 'P_BINH_AN', 19, (i) => 40 + 0.5 * i),
        ...series('LATE', 'P_AN_HOA', 19, (i) => 9 - 0.1 * i),
        ...series('QUALITY', 'P_AN_HOA', 19, (i) => 70 + i),
      ],
    });
  });
  afterAll(async () => database.close());

  it('publishes the invented plan with unlinked targets that evaluation lists as not linked', async () => {
    const { targets } = await evaluateTargets(ctx, { asOf: '2026-07-31', plan: String(planId) });
    expect(targets.map((t) => t.code)).toEqual([code(1), code(2), code(3)]);
    expect(targets.every((t) => t.status === 'unlinked' && t.reason.includes('Chưa gắn chỉ số'))).toBe(true);
  });

  it('rejects bad links naming the field, storing nothing', async () => {
    const bad = async (request: Parameters<typeof linkTargetIndicator>[1]) => linkTargetIndicator(ctx, request, { actor: 'test' }).catch((e: unknown) => e);
    const unknownIndicator = await bad({ plan: String(planId), target: 'T1', indicator: 'NOPE' });
    expect(unknownIndicator).toBeInstanceOf(InputError);
    expect((unknownIndicator as InputError).problems.map((p) => p.field)).toEqual(['indicator']);
    const unknownUnit = await bad({ plan: String(planId), target: 'T1', indicator: 'ONLINE', unit: 'P_NOWHERE' });
    expect((unknownUnit as InputError).problems.map((p) => p.field)).toEqual(['unit']);
    const badSet = await bad({ plan: String(planId), target: 'T1', indicator: 'ONLINE', unit: '*galaxy' });
    expect((badSet as InputError).problems.map((p) => p.field)).toEqual(['unit']);
    // A qualitative goal needs a measured one.
    const qualitative = await bad({ plan: String(planId), target: 'T2', indicator: 'QUALITY', due: '31/12/2026' });
    expect((qualitative as InputError).problems.map((p) => p.field)).toEqual(['op']);
    const syntax = await bad({ plan: String(planId), target: 'T1', indicator: 'ONLINE', op: '=>', value: 'abc', due: '31/02/2026' });
    expect((syntax as InputError).problems.map((p) => p.field).sort()).toEqual(['due', 'op', 'value']);
    expect(await bad({ plan: String(planId), target: 'T99', indicator: 'ONLINE' })).toBeInstanceOf(NotFoundError);
    expect(await bad({ plan: '999999', target: 'T1', indicator: 'ONLINE' })).toBeInstanceOf(NotFoundError);
    const linked = await ctx.db.selectFrom('targets').select('code').where('indicator_id', 'is not', null).execute();
    expect(linked).toEqual([]);
  });

  it('links a target by plan code and short target code; evaluation then gives it a real status', async () => {
    const result = await linkTargetIndicator(ctx, { plan: '7/KH-UBND', target: 'T1', indicator: 'ONLINE', due: '31/12/2026' }, { actor: 'test:linker' });
    expect(result).toMatchObject({ planId, target: code(1), indicator: 'ONLINE', previousIndicator: null, status: 'linked', unit: 'P_AN_HOA', op: '>=', value: 90, due: '2026-12-31' });
    const { targets } = await evaluateTargets(ctx, { asOf: '2026-07-31', plan: String(planId) });
    const t1 = targets.find((t) => t.code === code(1));
    expect(t1?.status).not.toMatch(/^(no_data|unlinked)$/);
    expect(t1).toMatchObject({ indicator: 'ONLINE', unit: 'P_AN_HOA', goal: 90, due: '2026-12-31' });
    expect(t1?.current).toBe(96); // 60 + 2·18 in 2026-07
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('entity', '=', 'target').where('action', '=', 'link').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor).toBe('test:linker');
    expect(JSON.stringify(audit[0]?.before)).toContain('"indicator":null');
  });

  it('answers "unchanged" for the same link and refuses another indicator without replace, keeping the previous in the audit', async () => {
    const again = await linkTargetIndicator(ctx, { plan: String(planId), target: code(1), indicator: 'ONLINE' }, { actor: 'test' });
    expect(again.status).toBe('unchanged');
    const refused = await linkTargetIndicator(ctx, { plan: String(planId), target: 'T1', indicator: 'QUALITY' }, { actor: 'test' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    const goalChange = await linkTargetIndicator(ctx, { plan: String(planId), target: 'T1', indicator: 'ONLINE', value: 95 }, { actor: 'test' }).catch((e: unknown) => e);
    expect(goalChange).toBeInstanceOf(ConflictError);
    const replaced = await linkTargetIndicator(ctx, { plan: String(planId), target: 'T1', indicator: 'QUALITY', op: '>=', value: 85, replace: true }, { actor: 'test' });
    expect(replaced).toMatchObject({ status: 'replaced', indicator: 'QUALITY', previousIndicator: 'ONLINE', value: 85 });
    const entry = await ctx.db.selectFrom('audit_log').select(['before', 'after']).where('entity', '=', 'target').where('action', '=', 'relink').executeTakeFirstOrThrow();
    expect(entry.before).toMatchObject({ indicator: 'ONLINE', value: 90 });
    expect(entry.after).toMatchObject({ indicator: 'QUALITY', value: 85 });
    // Back to the plan's own indicator for what follows.
    await linkTargetIndicator(ctx, { plan: String(planId), target: 'T1', indicator: 'ONLINE', op: '>=', value: 90, replace: true }, { actor: 'test' });
  });

  it('refuses to change a due date the plan sets, and hides classified targets from those who may not link them', async () => {
    await ctx.db.updateTable('targets').set({ due_on: '2026-12-31' }).where('code', '=', code(3)).execute();
    const changedDue = await linkTargetIndicator(ctx, { plan: String(planId), target: 'T3', indicator: 'LATE', due: '30/06/2026' }, { actor: 'test' }).catch((e: unknown) => e);
    expect((changedDue as InputError).problems.map((p) => p.field)).toEqual(['due']);
    await ctx.db.updateTable('targets').set({ classified: true }).where('code', '=', code(3)).execute();
    const hidden = await linkTargetIndicator(ctx, { plan: String(planId), target: 'T3', indicator: 'LATE' }, { actor: 'test', mayLinkClassified: false }).catch((e: unknown) => e);
    expect(hidden).toBeInstanceOf(NotFoundError);
    await ctx.db.updateTable('targets').set({ classified: false, due_on: null }).where('code', '=', code(3)).execute();
  });

  it('links a qualitative target to a set of wards: each ward gets its own target, the plan target is the city roll-up', async () => {
    // The set's importance weight is each member's (the behind ranking weighs the members).
    await ctx.db.updateTable('targets').set({ weight: 2.5 }).where('code', '=', code(2)).execute();
    const result = await linkTargetIndicator(ctx, { plan: String(planId), target: 'T2', indicator: 'ONLINE', unit: '*commune', op: '>=', value: 70, due: '31/12/2026' }, { actor: 'test' });
    expect(result.unit).toBe('*commune');
    expect(result.members).toEqual([`${code(2)}.P_AN_HOA`, `${code(2)}.P_BINH_AN`]);
    const { targets } = await evaluateTargets(ctx, { asOf: '2026-07-31' });
    const byCode = new Map(targets.map((t) => [t.code, t]));
    expect(byCode.get(code(2))).toMatchObject({ scopeKind: 'set:commune', unit: 'HN', goal: 70 });
    expect(byCode.get(code(2))?.status).not.toMatch(/^(no_data|unlinked)$/);
    expect(byCode.get(`${code(2)}.P_BINH_AN`)?.current).toBe(49); // 40 + 0.5·18
    expect(byCode.get(`${code(2)}.P_BINH_AN`)?.weight).toBe(2.5);
    expect(byCode.get(`${code(2)}.P_AN_HOA`)?.weight).toBe(2.5);
    // Narrowing the set to one ward (replace) removes the members it no longer has.
    await linkTargetIndicator(ctx, { plan: String(planId), target: 'T2', indicator: 'ONLINE', unit: 'P_BINH_AN', op: '>=', value: 70, replace: true }, { actor: 'test' });
    const left = await ctx.db.selectFrom('targets').select('code').where('code', 'like', `${code(2)}.%`).execute();
    expect(left).toEqual([]);
  });

  it('keeps a link\'s decisions — indicator, unit, goal and due date the plan did not state — when a new version of the plan is published', async () => {
    const revised = PLAN.replace('1. Thử nghiệm.', '1. Thử nghiệm, bản sửa đổi.');
    const imported = await importPlan(ctx, { bytes: new TextEncoder().encode(revised), fileName: 'ke-hoach-sua.txt', publish: true, owner: 'P_AN_HOA', actor: 'test' });
    expect(imported.dryRun ? null : imported.status).toBe('new_version');
    const row = await ctx.db
      .selectFrom('targets as t')
      .innerJoin('indicators as i', 'i.id', 't.indicator_id')
      .innerJoin('units as u', 'u.id', 't.scope_unit_id')
      .select(['i.code as indicator', 'u.code as unit', 't.op', 't.value', 't.due_on as due'])
      .where('t.code', '=', code(2))
      .executeTakeFirstOrThrow();
    expect({ ...row, value: Number(row.value) }).toEqual({ indicator: 'ONLINE', unit: 'P_BINH_AN', op: '>=', value: 70, due: '2026-12-31' });
    // The goal the plan states itself still comes from the plan.
    const stated = await ctx.db.selectFrom('targets').select(['op', 'value']).where('code', '=', code(1)).executeTakeFirstOrThrow();
    expect({ op: stated.op, value: Number(stated.value) }).toEqual({ op: '>=', value: 90 });
  });

  it('links from a CSV all or nothing, naming line and field', async () => {
    const bad = [
      'plan,target,indicator,unit,op,value,due',
      `${planId},T3,LATE,,,,31/12/2026`,
      `${planId},T3,LATE,,,,31/12/2026`,
      `${planId},T9,LATE,,,,`,
      `${planId},T1,QUALITY,,,,`,
      `${planId},T2,LATE,P_ZZZ,<=,x,`,
    ].join('\n');
    const error = await linkTargetIndicatorsFromCsv(ctx, bad, { actor: 'test' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems.map((p) => `${p.line}:${p.field}`)).toEqual(['3:target', '4:target', '5:indicator', '6:value']);
    const half = ['plan,target,indicator,unit,op,value,due', `${planId},T3,LATE,,,,31/12/2026`, `${planId},T9,LATE,,,,`].join('\n');
    await expect(linkTargetIndicatorsFromCsv(ctx, half, { actor: 'test' })).rejects.toBeInstanceOf(InputError);
    const t3 = await ctx.db.selectFrom('targets').select('indicator_id').where('code', '=', code(3)).executeTakeFirstOrThrow();
    expect(t3.indicator_id).toBeNull();

    const good = ['plan,target,indicator,unit,op,value,due', `7/KH-UBND,T3,LATE,,,,31/12/2026`, `${planId},${code(1)},ONLINE,,,,`].join('\n');
    const summary = await linkTargetIndicatorsFromCsv(ctx, good, { actor: 'test' });
    expect(summary).toMatchObject({ linked: 1, replaced: 0, unchanged: 1 });
    const { targets } = await evaluateTargets(ctx, { asOf: '2026-07-31', plan: String(planId) });
    const t3ev = targets.find((t) => t.code === code(3));
    expect(t3ev).toMatchObject({ indicator: 'LATE', op: '<', goal: 5 });
    expect(t3ev?.status).not.toMatch(/^(no_data|unlinked)$/);
  });

  it('announces a link so a running realtime engine evaluates the newly linked target at once', async () => {
    await ctx.db.updateTable('targets').set({ indicator_id: null }).where('code', '=', code(3)).execute();
    const engine = await startRealtimeEngine(ctx);
    const heard: string[] = [];
    const unlisten = await ctx.database.listen(LIVE_EVENT_CHANNEL, (payload) => heard.push(payload));
    try {
      const target = await ctx.db.selectFrom('targets').select('id').where('code', '=', code(3)).executeTakeFirstOrThrow();
      await ctx.db.deleteFrom('target_status_current').where('target_id', '=', target.id).execute();
      await linkTargetIndicator(ctx, { plan: String(planId), target: 'T3', indicator: 'LATE', due: '31/12/2026' }, { actor: 'test' });
      for (let i = 0; i < 100 && (await readTargetStatuses(ctx.db, [target.id])).length === 0; i++) {
        await engine.idle();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const [status] = await readTargetStatuses(ctx.db, [target.id]);
      expect(status?.status).toBeDefined();
      expect(status?.status).not.toMatch(/^(no_data|unlinked)$/);
    } finally {
      await unlisten();
      await engine.stop();
    }
  });

  it('links over HTTP for administrators of the plan\'s owner only, with 401/403/404/409/422 as problem+json', async () => {
    const app = Fastify({ ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } } }).withTypeProvider<TypeBoxTypeProvider>();
    app.setErrorHandler(problemErrorHandler);
    await app.register(cookie);
    await app.register(authPlugin, { ctx });
    await targetLinks(app, ctx);
    await app.ready();
    try {
      const bearer = async (unitCode: string, role: 'unit_admin' | 'reporter') => ({ authorization: `Bearer ${(await createToken(ctx, 'test', { unit: unitCode, role, name: `${role} ${unitCode}` })).token}` });
      const owner = await bearer('P_AN_HOA', 'unit_admin');
      const url = (target: string) => `/api/v1/plans/${planId}/targets/${target}/link`;
      const post = (target: string, payload: object, headers: Record<string, string> = owner) => app.inject({ method: 'POST', url: url(target), payload, headers });
      expect((await post('T2', { indicator: 'LATE' }, {})).statusCode).toBe(401);
      expect((await post('T2', { indicator: 'LATE' }, await bearer('P_BINH_AN', 'unit_admin'))).statusCode).toBe(403);
      expect((await post('T2', { indicator: 'LATE' }, await bearer('P_AN_HOA', 'reporter'))).statusCode).toBe(403);
      expect((await post('T99', { indicator: 'LATE' })).statusCode).toBe(404);
      const unknown = await post('T2', { indicator: 'NOPE' });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.headers['content-type']).toContain('application/problem+json');
      expect(unknown.body).toContain('indicator');
      expect((await post('T2', { indicator: 'LATE', op: '<=', value: 5 })).statusCode).toBe(409);
      const replaced = await post('T2', { indicator: 'LATE', unit: 'P_AN_HOA', op: '<=', value: '5', replace: true });
      expect(replaced.statusCode).toBe(200);
      expect(replaced.json()).toMatchObject({ target: code(2), status: 'replaced', indicator: 'LATE', previousIndicator: 'ONLINE', unit: 'P_AN_HOA', op: '<=', value: 5 });
      expect((await post(code(2), { indicator: 'LATE' })).json()).toMatchObject({ status: 'unchanged' });
    } finally {
      await app.close();
    }
  });
});

describe('target link fields', () => {
  it('accepts what people write and rejects the rest, field by field', () => {
    expect(parseTargetLink({ plan: '3', target: 'T4', indicator: 'DVC', op: '≥', value: '97,5%', due: '1/7/2026', unit: '*commune' }).link)
      .toEqual({ plan: '3', target: 'T4', indicator: 'DVC', unit: { kind: 'commune' }, op: '>=', value: 97.5, due: '2026-07-01', replace: false });
    expect(parseTargetLink({ plan: '', target: 'T 4', indicator: '', unit: '*x' }).problems.map((p) => p.field)).toEqual(['plan', 'target', 'indicator', 'unit']);
  });

  it('never throws, and every problem names a field and the line it came from (property)', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 8 }), { maxLength: 6 }), (cells) => {
      const csv = ['plan,target,indicator,unit,op,value,due', ...cells.map((row) => row.map((c) => `"${c.replace(/"/g, '""')}"`).join(','))].join('\n');
      const { rows, problems } = parseTargetLinkCsv(csv);
      for (const p of problems) expect(p.line).toBeGreaterThanOrEqual(1);
      for (const r of rows) {
        expect(r.link.plan.length).toBeGreaterThan(0);
        if (r.link.value !== null) expect(Number.isFinite(r.link.value)).toBe(true);
        if (r.link.due !== null) expect(r.link.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }));
  });

  it('round-trips well-formed links through CSV (property)', () => {
    const codeArb = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,10}$/);
    fc.assert(fc.property(fc.uniqueArray(codeArb, { minLength: 1, maxLength: 5 }), codeArb, fc.constantFrom('>=', '<=', '<', '>', '='), fc.integer({ min: 0, max: 1000 }), (targets, indicator, op, value) => {
      const csv = ['plan,target,indicator,unit,op,value,due', ...targets.map((t) => `12/KH-UBND,${t},${indicator},*commune,${op},${value},31/12/2026`)].join('\n');
      const { rows, problems } = parseTargetLinkCsv(csv);
      expect(problems).toEqual([]);
      expect(rows.map((r) => r.link.target)).toEqual(targets);
      expect(rows.every((r) => r.link.op === op && r.link.value === value && r.link.due === '2026-12-31' && r.link.plan === '12/KH-UBND')).toBe(true);
    }));
  });
});
