import { afterAll, describe, expect, it } from 'vitest';
import { contextFor } from '../../../app-context.ts';
import { createTestDatabase, testEngine } from '../../../testing/test-database.ts';
import { seedBuiltInRegistry } from '../../../use-cases/units/seed-built-in-registry.ts';
import { buildServer } from '../../build-server.ts';

describe(`units API on ${testEngine}`, () => {
  const ready = (async () => {
    const database = await createTestDatabase();
    const ctx = contextFor(database);
    await seedBuiltInRegistry(ctx);
    return { database, app: await buildServer(ctx) };
  })();
  afterAll(async () => {
    const { app, database } = await ready;
    await app.close();
    await database.close();
  });

  it('lists the Hanoi registry, filtered by kind, parent, date and an unaccented search', async () => {
    const { app } = await ready;
    const all = (await app.inject({ method: 'GET', url: '/api/v1/units' })).json<{ units: { code: string; parent: string | null }[] }>();
    expect(all.units).toContainEqual({ code: 'HN', name: 'Thành phố Hà Nội', kind: 'city', parent: null });
    expect(all.units.length).toBeGreaterThan(150);

    const communes = (await app.inject({ method: 'GET', url: '/api/v1/units?kind=commune&asOf=2026-03-01' })).json<{ units: unknown[] }>();
    expect(communes.units).toHaveLength(126);

    const search = await app.inject({ method: 'GET', url: `/api/v1/units?q=${encodeURIComponent('so khoa hoc')}` });
    expect(search.json<{ units: { code: string }[] }>().units.map((u) => u.code)).toEqual(['HN_SO_KHCN']);

    const wardOffices = (await app.inject({ method: 'GET', url: '/api/v1/units?parent=HN_P_VINH_TUY&kind=office' })).json<{ units: { parent: string }[] }>();
    expect(wardOffices.units.length).toBeGreaterThan(3);
    expect(wardOffices.units.every((u) => u.parent === 'HN_P_VINH_TUY')).toBe(true);
  });

  it('rejects a bad filter with problem+json naming the field', async () => {
    const { app } = await ready;
    const res = await app.inject({ method: 'GET', url: '/api/v1/units?asOf=01/07/2025' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(res.json())).toContain('asOf');
  });

  it('shows one unit with its aliases, parent, children and merger history', async () => {
    const { app } = await ready;
    const res = await app.inject({ method: 'GET', url: '/api/v1/units/HN_SO_KHCN' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ aliases: string[]; parentUnit: { code: string }; predecessors: { code: string; effectiveOn: string }[]; successors: unknown[] }>();
    expect(body.aliases).toContain('Sở KH&CN');
    expect(body.parentUnit.code).toBe('HN');
    expect(body.predecessors).toContainEqual(expect.objectContaining({ code: 'HN_SO_TTTT', effectiveOn: '2025-03-01' }));
    expect(body.successors).toEqual([]);

    const old = (await app.inject({ method: 'GET', url: '/api/v1/units/HN_Q_HAI_BA_TRUNG' })).json<{ validTo: string; successors: { code: string }[]; children: { code: string }[] }>();
    expect(old.validTo).toBe('2025-06-30');
    expect(old.successors.map((s) => s.code)).toContain('HN_P_VINH_TUY');
    expect(old.children.map((c) => c.code)).toEqual(['HN_Q_HBT_P_VINH_TUY']);
  });

  it('answers an unknown code with a 404 problem naming the code', async () => {
    const { app } = await ready;
    const res = await app.inject({ method: 'GET', url: '/api/v1/units/KHONG_CO' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json<{ detail: string }>().detail).toContain('KHONG_CO');
  });

  it('resolves names, collective ones included', async () => {
    const { app } = await ready;
    const url = (q: string) => `/api/v1/units/resolve?${new URLSearchParams({ name: q }).toString()}`;
    const khcn = (await app.inject({ method: 'GET', url: url('so khoa hoc va cong nghe') })).json<{ matches: { code: string; score: number }[] }>();
    expect(khcn.matches[0]).toMatchObject({ code: 'HN_SO_KHCN', score: 1 });
    const collective = (await app.inject({ method: 'GET', url: url('Sở, ban, ngành') })).json<{ collective: boolean }>();
    expect(collective.collective).toBe(true);
  });

  it('documents the endpoints in the OpenAPI document', async () => {
    const { app } = await ready;
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/units', '/api/v1/units/{code}', '/api/v1/units/resolve']));
  });
});
