import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../../app-context.ts';
import { seedDemoIfEmpty } from '../../../use-cases/demo/seed-demo-if-empty.ts';
import { frameworkFromFile, SHIPPED_FRAMEWORK_PATH } from '../../../domain/scoring/load-framework.ts';
import { createTestDatabase, testEngine } from '../../../testing/test-database.ts';
import { setClassification } from '../../../use-cases/classification/set-classification.ts';
import type { Overview } from '../../../use-cases/overview/get-overview.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';
import { buildServer } from '../../build-server.ts';
import type { App } from '../../route-module.ts';

const WARD = 'HN_P_VINH_TUY';

describe(`GET /api/v1/overview and the paged /evaluation on the demo city, ${testEngine}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let app: App;
  const headers: Record<'leader' | 'ward' | 'wardClassified', { authorization: string }> = {} as never;
  let otherWard: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database);
    await seedDemoIfEmpty(ctx);
    const bearer = async (unit: string, scopes: string[] = []) => ({ authorization: `Bearer ${(await createToken(ctx, 'test', { unit, role: 'viewer', scopes })).token}` });
    headers.leader = await bearer('HN');
    headers.ward = await bearer(WARD);
    headers.wardClassified = await bearer(WARD, ['read', 'classified']);
    // Another ward that has targets of its own, so that a 403 is not an empty subtree's answer.
    const other = await ctx.db.selectFrom('targets as t').innerJoin('units as u', 'u.id', 't.scope_unit_id')
      .select('u.code').where('u.kind', '=', 'commune').where('u.code', '!=', WARD).limit(1).executeTakeFirstOrThrow();
    otherWard = other.code;
    app = await buildServer(ctx);
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const get = (url: string, who: keyof typeof headers, extra: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers: { ...headers[who], ...extra } });

  it("answers the city leader's first screen in a few kilobytes, agreeing with /evaluation, with ETag/304", async () => {
    const res = await get('/api/v1/overview?unit=HN', 'leader');
    expect(res.statusCode).toBe(200);
    expect(Buffer.byteLength(res.body)).toBeLessThan(8 * 1024);
    const o = res.json<Overview>();
    const evaluation = (await get(`/api/v1/evaluation?unit=HN&asOf=${o.asOf}`, 'leader')).json<{ total: number; targets: { code: string; status: string; pMiss: number }[] }>();
    expect(o.targets.total).toBe(evaluation.total);
    expect(o.targets.total).toBeGreaterThan(100);
    const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    expect(sum(o.targets.counts)).toBe(o.targets.total);
    expect(o.groups.reduce((a, g) => a + g.total, 0)).toBe(o.targets.total);
    for (const g of o.groups) expect(sum(g.counts)).toBe(g.total);
    expect(o.targets.counts.at_risk).toBe(evaluation.targets.filter((t) => t.status === 'at_risk').length);
    // Risks: the open targets most likely to miss, with the same pMiss as the evaluation list.
    expect(o.risks.length).toBeGreaterThan(0);
    expect(o.risks.length).toBeLessThanOrEqual(10);
    const pMissOf = new Map(evaluation.targets.map((t) => [t.code, t.pMiss]));
    for (const r of o.risks) {
      expect(['on_track', 'at_risk', 'missed']).toContain(r.status);
      expect(r.pMiss).toBeCloseTo(pMissOf.get(r.code)!, 3);
    }
    expect(o.risks.map((r) => r.pMiss)).toEqual([...o.risks.map((r) => r.pMiss)].sort((a, b) => b - a));
    // The demo scores the city's wards: a top and a bottom five with their coverage.
    expect(o.ranking).not.toBeNull();
    expect(o.ranking!.top.length).toBe(5);
    expect(o.ranking!.bottom.length).toBe(5);
    expect(o.ranking!.top[0]!.rank).toBeLessThanOrEqual(o.ranking!.bottom[0]!.rank);
    expect(o.ranking!.top[0]!.coverage.withData + o.ranking!.top[0]!.coverage.missing).toBeGreaterThan(0);
    expect(o.lateReports.lateCount).toBe(o.lateReports.late + o.lateReports.missing);
    expect(o.lateReports.due).toBeGreaterThanOrEqual(o.lateReports.lateCount);

    const etag = res.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await get('/api/v1/overview?unit=HN', 'leader', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it("groups the targets under the framework's pillars, and each figure opens a list of as many targets", async () => {
    const o = (await get('/api/v1/overview?unit=HN', 'leader')).json<Overview>();
    const framework = frameworkFromFile(SHIPPED_FRAMEWORK_PATH);
    expect(o.pillars.framework?.code).toBe(framework.code);
    const names = new Map(framework.groups.map((g) => [g.id, g.name]));
    // The cards are the framework's groups, in its order — never a plan's appendix heading or an indicator's name.
    expect(o.pillars.groups.length).toBeGreaterThan(1);
    for (const g of o.pillars.groups) expect(names.get(g.id)).toBe(g.name);
    const order = framework.groups.map((g) => g.id);
    expect(o.pillars.groups.map((g) => order.indexOf(g.id))).toEqual([...o.pillars.groups.map((g) => order.indexOf(g.id))].sort((a, b) => a - b));
    expect(o.pillars.groups.reduce((a, g) => a + g.total, 0) + o.pillars.ungrouped.total).toBe(o.targets.total);

    type Page = { total: number; targets: { code: string; status: string; unitName: string | null; pillar: { id: string } | null }[] };
    const list = async (query: string) => (await get(`/api/v1/overview/targets?unit=HN&asOf=${o.asOf}&${query}`, 'leader')).json<Page>();
    const card = o.pillars.groups[0]!;
    const pillarPage = await list(`pillar=${card.id}&limit=500`);
    expect(pillarPage.total).toBe(card.total);
    for (const t of pillarPage.targets) expect(t.pillar?.id).toBe(card.id);
    const atRisk = await list('status=at_risk&limit=20');
    expect(atRisk.total).toBe(o.targets.counts.at_risk);
    expect(atRisk.targets.length).toBe(Math.min(20, atRisk.total));
    for (const t of atRisk.targets) expect(t.status).toBe('at_risk');
    expect(atRisk.targets.every((t) => t.unitName !== null)).toBe(true);
    const next = await list('status=at_risk&limit=20&offset=20');
    expect(next.targets[0]?.code).not.toBe(atRisk.targets[0]?.code);
    const both = await list(`status=at_risk&pillar=${card.id}&limit=1`);
    expect(both.total).toBe(card.counts.at_risk);
    if (o.pillars.ungrouped.total > 0) expect((await list('pillar=none&limit=1')).total).toBe(o.pillars.ungrouped.total);
    const unknown = await get('/api/v1/overview/targets?unit=HN&pillar=khong_co', 'leader');
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('pillar');

    // Alert counts agree with the alert list a leader opens from them.
    const open = (await get('/api/v1/alerts?unit=HN&open=true&limit=1', 'leader')).json<{ total: number }>();
    expect(o.alerts.open).toBe(open.total);
    const critical = (await get('/api/v1/alerts?unit=HN&open=true&severity=critical&limit=1', 'leader')).json<{ total: number }>();
    expect(o.alerts.critical).toBe(critical.total);
    expect(o.alerts.critical + o.alerts.warning + o.alerts.info).toBe(o.alerts.open);
  });

  it("is scoped: a ward's viewer gets their ward only, another ward or the city is a 403", async () => {
    const res = await get(`/api/v1/overview?unit=${WARD}`, 'ward');
    expect(res.statusCode).toBe(200);
    const o = res.json<Overview>();
    const own = (await get(`/api/v1/evaluation?unit=${WARD}&asOf=${o.asOf}`, 'ward')).json<{ total: number; targets: { unit: string }[] }>();
    expect(o.targets.total).toBe(own.total);
    expect(new Set(own.targets.map((t) => t.unit))).toEqual(new Set([WARD]));
    for (const r of o.risks) expect(r.unit).toBe(WARD);
    for (const row of [...(o.ranking?.top ?? []), ...(o.ranking?.bottom ?? [])]) expect(row.unit).toBe(WARD);
    for (const u of o.lateReports.units) expect(u.code.startsWith(WARD)).toBe(true);
    for (const unit of [otherWard, 'HN']) {
      const denied = await get(`/api/v1/overview?unit=${unit}`, 'ward');
      expect(denied.statusCode, unit).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: `/api/v1/overview?unit=${WARD}` })).statusCode).toBe(401);
  });

  it('leaves classified targets out without the classified right', async () => {
    const before = (await get(`/api/v1/overview?unit=${WARD}`, 'ward')).json<Overview>();
    const secret = before.risks[0];
    expect(secret).toBeDefined();
    const { id } = await ctx.db.selectFrom('targets').select('id').where('code', '=', secret!.code).executeTakeFirstOrThrow();
    await setClassification(ctx, 'test', { kind: 'target', id, ref: secret!.code, classified: true });
    try {
      const hidden = await get(`/api/v1/overview?unit=${WARD}`, 'ward');
      const o = hidden.json<Overview>();
      expect(o.targets.total).toBe(before.targets.total - 1);
      expect(hidden.body).not.toContain(`"${secret!.code}"`);
      const list = await get(`/api/v1/evaluation?unit=${WARD}`, 'ward');
      expect(list.body).not.toContain(`"${secret!.code}"`);
      const granted = (await get(`/api/v1/overview?unit=${WARD}`, 'wardClassified')).json<Overview>();
      expect(granted.targets.total).toBe(before.targets.total);
      expect(granted.risks.map((r) => r.code)).toContain(secret!.code);
      // Identical requests in flight share one answer, but only between callers who may read the same.
      const together = await Promise.all([get(`/api/v1/overview?unit=${WARD}`, 'wardClassified'), get(`/api/v1/overview?unit=${WARD}`, 'ward'), get(`/api/v1/overview?unit=${WARD}`, 'ward')]);
      expect(together.map((r) => r.json<Overview>().targets.total)).toEqual([before.targets.total, before.targets.total - 1, before.targets.total - 1]);
      expect(together[1].body).not.toContain(`"${secret!.code}"`);
    } finally {
      await setClassification(ctx, 'test', { kind: 'target', id, ref: secret!.code, classified: false });
    }
  });

  it('pages and filters /evaluation on the server; without paging it answers everything, as before', async () => {
    const all = (await get('/api/v1/evaluation?unit=HN', 'leader')).json<{ asOf: string; total: number; targets: { code: string; status: string }[] }>();
    expect(all.total).toBe(all.targets.length);
    const atRisk = all.targets.filter((t) => t.status === 'at_risk' || t.status === 'missed').map((t) => t.code);
    const pages: string[] = [];
    for (let offset = 0; offset < atRisk.length + 7; offset += 7) {
      const page = (await get(`/api/v1/evaluation?unit=HN&asOf=${all.asOf}&status=at_risk,missed&limit=7&offset=${offset}`, 'leader')).json<{ total: number; targets: { code: string }[] }>();
      expect(page.total).toBe(atRisk.length);
      expect(page.targets.length).toBeLessThanOrEqual(7);
      pages.push(...page.targets.map((t) => t.code));
      if (atRisk.length > 30 && offset > 21) break; // a few pages are enough to show they join up
    }
    expect(pages).toEqual(atRisk.slice(0, pages.length));
    for (const url of ['/api/v1/evaluation?status=late', '/api/v1/evaluation?limit=0', '/api/v1/evaluation?offset=-1']) {
      expect((await get(url, 'leader')).statusCode, url).toBe(400);
    }
  });
});
