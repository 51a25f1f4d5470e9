import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../../app-context.ts';
import { monthCode, monthNumber } from '../../../domain/forecasting/forecast.ts';
import { insertIndicator } from '../../../repositories/indicators.repository.ts';
import { createTestDatabase, testEngine } from '../../../testing/test-database.ts';
import { setClassification } from '../../../use-cases/classification/set-classification.ts';
import { ingestObservations } from '../../../use-cases/observations/ingest-observations.ts';
import { importTargets } from '../../../use-cases/targets/import-targets.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';
import { importRegistryUnits } from '../../../use-cases/units/import-units.ts';
import { buildServer } from '../../build-server.ts';
import type { App } from '../../route-module.ts';

const unit = (code: string, name: string, kind: 'city' | 'commune', parent: string | null) =>
  ({ code, name, kind, parent, aliases: [], validFrom: null, validTo: null, successors: [] });

async function sheetOf(body: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: string[][] = [];
  const width = sheet.getRow(1).cellCount;
  sheet.eachRow((row) => rows.push(Array.from({ length: width }, (_, i) => {
    const v = row.getCell(i + 1).value;
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  })));
  return rows;
}

describe(`XLSX exports built on the server, ${testEngine}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let app: App;
  const auth: Record<'city' | 'wardA' | 'cityClassified', { authorization: string }> = {} as never;

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database, () => new Date('2026-08-05T08:00:00Z'));
    await importRegistryUnits(ctx, [unit('HN', 'Thành phố thử', 'city', null), unit('P_A', 'Phường Một', 'commune', 'HN'), unit('P_B', 'Phường Hai', 'commune', 'HN')]);
    await ctx.db.transaction().execute((trx) => insertIndicator(trx, {
      code: 'DVC', name: 'Tỷ lệ hồ sơ trực tuyến (thử)', measure: '%', direction: 'up', aggregation: 'mean', numerator: null, denominator: null,
      frequency: 'monthly', sourceSystem: 'dvc', classified: false,
    }));
    const series = (u: string, f: (i: number) => number) => Array.from({ length: 19 }, (_, i) => ({ indicator: 'DVC', unit: u, period: monthCode(monthNumber('2025-01') + i), value: Math.round(f(i) * 10) / 10 }));
    await ingestObservations(ctx, { actor: 'test', origin: 'import', principal: null }, { source: 'test', observations: [...series('P_A', (i) => 50 + 2 * i), ...series('P_B', (i) => 50 + 0.5 * i)] });
    await importTargets(ctx, ['code,indicator,unit,op,value,due', 'X-A1,DVC,P_A,>=,90,31/12/2026', 'X-B1,DVC,P_B,>=,90,31/12/2026', 'X-B2,DVC,P_B,>=,60,31/12/2026'].join('\n'), 'test');
    const { id } = await ctx.db.selectFrom('targets').select('id').where('code', '=', 'X-B2').executeTakeFirstOrThrow();
    await setClassification(ctx, 'test', { kind: 'target', id, ref: 'X-B2', classified: true });
    const bearer = async (u: string, scopes: string[] = []) => ({ authorization: `Bearer ${(await createToken(ctx, 'test', { unit: u, role: 'viewer', scopes })).token}` });
    auth.city = await bearer('HN');
    auth.wardA = await bearer('P_A');
    auth.cityClassified = await bearer('HN', ['read', 'classified']);
    app = await buildServer(ctx);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('writes the targets a viewer may read, never a classified one without the right', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/exports/targets.xlsx?unit=HN', headers: auth.city });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[A-Za-z0-9._-]+\.xlsx"; filename\*=UTF-8''/);
    const rows = await sheetOf(res.rawPayload);
    expect(rows[0]!.slice(0, 5)).toEqual(['Mã', 'Chỉ tiêu', 'Đơn vị', 'Trụ cột', 'Tình trạng']);
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(['X-A1', 'X-B1']);
    // Names, not codes: the unit column carries the registry's name.
    expect(rows.find((r) => r[0] === 'X-A1')![2]).toBe('Phường Một');
    expect(res.rawPayload.toString('latin1')).not.toContain('X-B2');

    const granted = await sheetOf((await app.inject({ method: 'GET', url: '/api/v1/exports/targets.xlsx?unit=HN', headers: auth.cityClassified })).rawPayload);
    expect(granted.slice(1).map((r) => r[0]).sort()).toEqual(['X-A1', 'X-B1', 'X-B2']);
  });

  it("keeps a ward's viewer to their ward, filters by status as the list does, and refuses another unit", async () => {
    const own = await sheetOf((await app.inject({ method: 'GET', url: '/api/v1/exports/targets.xlsx?unit=P_A', headers: auth.wardA })).rawPayload);
    expect(own.slice(1).map((r) => r[0])).toEqual(['X-A1']);
    expect((await app.inject({ method: 'GET', url: '/api/v1/exports/targets.xlsx?unit=HN', headers: auth.wardA })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/exports/targets.xlsx?unit=HN' })).statusCode).toBe(401);

    const list = (await app.inject({ method: 'GET', url: '/api/v1/overview/targets?unit=HN&limit=500', headers: auth.city })).json<{ total: number; targets: { code: string; status: string; unitName: string | null }[] }>();
    expect(list.total).toBe(2);
    const status = list.targets.find((t) => t.code === 'X-B1')!.status;
    const filtered = await sheetOf((await app.inject({ method: 'GET', url: `/api/v1/exports/targets.xlsx?unit=HN&status=${status}`, headers: auth.city })).rawPayload);
    expect(filtered.slice(1).map((r) => r[0])).toEqual(list.targets.filter((t) => t.status === status).map((t) => t.code));
    const bad = await app.inject({ method: 'GET', url: '/api/v1/exports/targets.xlsx?unit=HN&status=late', headers: auth.city });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('status');
  });

  it('writes a shown table back as XLSX with its formulas made harmless, anonymous callers included', async () => {
    const res = await app.inject({
      method: 'POST', url: '/api/v1/exports/table.xlsx',
      payload: { fileName: 'Xếp hạng: xã/phường', sheetName: 'Xếp hạng', columns: [{ header: 'Hạng' }, { header: 'Đơn vị', width: 30 }], rows: [[1, 'Phường Một'], [2, '=HYPERLINK("http://x")'], [3]] },
    });
    expect(res.statusCode).toBe(200);
    expect(decodeURIComponent(res.headers['content-disposition'] as string)).toContain("UTF-8''Xếp hạng- xã-phường.xlsx");
    const rows = await sheetOf(res.rawPayload);
    expect(rows).toEqual([['Hạng', 'Đơn vị'], ['1', 'Phường Một'], ['2', '\'=HYPERLINK("http://x")'], ['3', '']]);
    const tooWide = await app.inject({ method: 'POST', url: '/api/v1/exports/table.xlsx', payload: { fileName: 'x', sheetName: 'x', columns: [], rows: [] } });
    expect(tooWide.statusCode).toBe(400);
    expect(tooWide.body).toContain('columns');
  });
});
