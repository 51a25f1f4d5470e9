import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { contextFor, type AppContext } from '../../../app-context.ts';
import { parseFramework } from '../../../domain/scoring/framework.ts';
import { SHIPPED_FRAMEWORK_PATH } from '../../../domain/scoring/load-framework.ts';
import { saveFramework } from '../../../repositories/scores.repository.ts';
import { createTestDatabase, testEngine } from '../../../testing/test-database.ts';
import { buildServer } from '../../build-server.ts';
import type { App } from '../../route-module.ts';

interface Listing {
  code: string; version: string; name: string; unitKinds: string[]; stored: boolean; criterionCount: number; maxByKind: Record<string, number>;
  groups: { id: string; name: string; max: number; maxByKind: Record<string, number>; criterionCount: number }[];
}
interface CriterionLine {
  id: string; group: string; groupName: string; name: string; rule: string; max: number; unitKinds: string[]; goal: string | null;
  source: { kind: string; indicator?: string; indicatorName?: string | null; over?: string; op?: string; goal?: number; evidence?: string | null; verifier?: string | null };
}

/** Criteria of the shipped YAML counted straight from the file, not through the code under test. */
function shippedCriteria(): { group: string; max: number }[] {
  const raw = YAML.parse(readFileSync(SHIPPED_FRAMEWORK_PATH, 'utf8')) as { groups: RawGroup[] };
  interface RawGroup { id: string; criteria?: { max: number }[]; groups?: RawGroup[] }
  const out: { group: string; max: number }[] = [];
  const walk = (g: RawGroup, top: string) => {
    for (const c of g.criteria ?? []) out.push({ group: top, max: c.max });
    for (const s of g.groups ?? []) walk(s, top);
  };
  for (const g of raw.groups) walk(g, g.id);
  return out;
}

const TEST_FRAMEWORK = {
  code: 'TEST-CQ', name: 'Bộ chỉ số thử nghiệm', unitKinds: ['agency', 'commune'],
  groups: [
    {
      id: 'g1', name: 'Nhóm một',
      criteria: [
        { id: 'c1', name: 'Tỷ lệ hồ sơ trực tuyến', rule: 'threshold', indicator: 'TL', op: '>=', goal: 90, max: 10 },
        { id: 'c2', name: 'Chỉ cho xã', rule: 'assessed', max: 5, appliesTo: ['commune'], evidence: 'Biên bản', verifier: 'SO_NV' },
      ],
      groups: [{ id: 'g1a', name: 'Nhóm con', appliesTo: ['commune'], criteria: [{ id: 'c3', name: 'Xã đạt', rule: 'ratio', share: { indicator: 'TL', op: '>=', goal: 80, kinds: ['commune'] }, goal: 100, max: 4 }] }],
    },
  ],
};

describe(`GET /api/v1/scores/frameworks (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let app: App;
  const get = async <T>(url: string) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    ctx = contextFor(t, () => new Date('2026-11-22T09:00:00Z'));
    app = await buildServer(ctx);
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it('lists the shipped framework before anything was scored, with groups, points and criterion counts', async () => {
    const { frameworks } = await get<{ frameworks: Listing[] }>('/api/v1/scores/frameworks');
    expect(frameworks.map((f) => [f.code, f.stored])).toEqual([['HN-DTI', false]]);
    const [dti] = frameworks;
    const expected = shippedCriteria();
    expect(dti?.criterionCount).toBe(expected.length);
    expect(dti?.unitKinds).toEqual(['agency', 'commune']);
    for (const g of dti?.groups ?? []) {
      const mine = expected.filter((c) => c.group === g.id);
      expect(g.criterionCount, g.id).toBe(mine.length);
      expect(g.max, g.id).toBe(mine.reduce((s, c) => s + c.max, 0));
      // No kind can reach more than the group's full points.
      for (const kind of dti?.unitKinds ?? []) expect(g.maxByKind[kind]).toBeLessThanOrEqual(g.max);
    }
    expect(dti?.groups.map((g) => g.name)).toContain('Nhận thức số');
  });

  it('shows each criterion with its group, rule, points, unit kinds and data source', async () => {
    const dti = await get<Listing & { criteria: CriterionLine[] }>('/api/v1/scores/frameworks/HN-DTI');
    expect(dti.criteria.length).toBe(shippedCriteria().length);
    const nt2 = dti.criteria.find((c) => c.id === 'NT2');
    expect(nt2).toMatchObject({ group: 'nhan_thuc_so', groupName: 'Nhận thức số', rule: 'steps', max: 20, goal: '12 → 10; 24 → 15; 48 → 20' });
    expect(nt2?.source).toMatchObject({ kind: 'indicator', indicator: 'DTI_TIN_BAI_CDS', over: 'sum' });
    expect(nt2?.source.indicatorName).toEqual(expect.any(String));
    expect(dti.criteria.find((c) => c.id === 'NT1')?.source).toMatchObject({ kind: 'assessed' });
    expect(dti.criteria.find((c) => c.id === 'HT1')?.unitKinds).toEqual(['agency']);
    expect((await app.inject({ method: 'GET', url: '/api/v1/scores/frameworks/KHONG-CO' })).statusCode).toBe(404);
  });

  it('reads stored frameworks at their latest version, kinds narrowed by group and criterion', async () => {
    await saveFramework(t.db, parseFramework({ ...TEST_FRAMEWORK, version: '1' }));
    await saveFramework(t.db, parseFramework({ ...TEST_FRAMEWORK, version: '2' }));
    const { frameworks } = await get<{ frameworks: Listing[] }>('/api/v1/scores/frameworks');
    expect(frameworks.map((f) => [f.code, f.version, f.stored])).toEqual([['HN-DTI', '2026.1', false], ['TEST-CQ', '2', true]]);
    const test = frameworks[1];
    expect(test?.groups).toEqual([{ id: 'g1', name: 'Nhóm một', max: 19, maxByKind: { agency: 10, commune: 19 }, criterionCount: 3 }]);
    expect(test?.maxByKind).toEqual({ agency: 10, commune: 19 });

    const detail = await get<Listing & { criteria: CriterionLine[] }>('/api/v1/scores/frameworks/TEST-CQ');
    expect(detail.criteria.map((c) => [c.id, c.group, c.rule, c.goal, c.unitKinds])).toEqual([
      ['c1', 'g1', 'threshold', '>= 90', ['agency', 'commune']],
      ['c2', 'g1', 'assessed', null, ['commune']],
      ['c3', 'g1', 'ratio', '100', ['commune']],
    ]);
    expect(detail.criteria[1]?.source).toEqual({ kind: 'assessed', evidence: 'Biên bản', verifier: 'SO_NV' });
    expect(detail.criteria[2]?.source).toMatchObject({ kind: 'share', indicator: 'TL', op: '>=', goal: 80, unitKinds: ['commune'] });
  });
});
