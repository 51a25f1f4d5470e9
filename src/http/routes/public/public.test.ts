import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../../app-context.ts';
import { createTestDatabase, testEngine } from '../../../testing/test-database.ts';
import { pillarOf, type PublicPlanProgress } from '../../../use-cases/public/get-public-plan-progress.ts';
import { seedPublicFixture, type PublicFixture } from '../../../testing/public-fixtures.ts';
import { asciiOf } from '../../../use-cases/public/export-open-data.ts';
import { buildServer } from '../../build-server.ts';
import type { App } from '../../route-module.ts';

describe(`public plan progress and open data on ${testEngine}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let app: App;
  let fixture: PublicFixture;
  const planRef = () => encodeURIComponent(fixture.planCode);

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database, () => new Date('2026-11-15T08:00:00Z'));
    fixture = await seedPublicFixture(ctx);
    app = await buildServer(ctx);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('lists published plans to an anonymous reader, cacheable', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/public/plans' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.json()).toEqual([expect.objectContaining({ id: fixture.planId, code: fixture.planCode, publishedVersionNo: 1 })]);
    const openapi = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(Object.keys(openapi.json<{ paths: Record<string, unknown> }>().paths)).toEqual(expect.arrayContaining([
      '/api/v1/public/plans', '/api/v1/public/plans/{id}', '/api/v1/public/plans/{id}/open-data.csv', '/api/v1/public/plans/{id}/open-data.xlsx',
    ]));
  });

  it('answers a plan\'s non-classified progress without session or token, by code or id', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/public/plans/${planRef()}?asOf=2026-10-31` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    const body = res.json<PublicPlanProgress>();
    expect(body.asOf).toBe('2026-10-31');
    expect(body.plan).toMatchObject({ id: fixture.planId, code: fixture.planCode, versionNo: 1 });
    const codes = body.targets.map((t) => t.code);
    expect(codes).not.toContain(fixture.classifiedTarget.code);
    expect(body.tasks.map((t) => t.code)).not.toContain(fixture.classifiedTask.code);
    expect(res.body).not.toContain(fixture.classifiedTarget.text);
    expect(res.body).not.toContain(fixture.classifiedTask.title);
    // 8 targets and 8 tasks in the demo plan, one of each classified.
    expect(body.summary).toMatchObject({ targets: 7, tasks: 7 });
    const measured = body.targets.find((t) => t.code === fixture.evaluated.code)!;
    expect(measured).toMatchObject({ currentPeriod: '2026-10', current: 87, goal: { op: '>=' } });
    expect(['on_track', 'at_risk']).toContain(measured.status);
    expect(measured.progress).toBeGreaterThan(0);
    expect(measured.responsibleUnit).toBeTruthy();
    // Pillars are the plan's sections, not the appendix headings around them, and sum to the whole.
    expect(body.pillars.length).toBeGreaterThan(1);
    expect(body.pillars.every((p) => p.title === null || !/^phụ lục/i.test(p.title))).toBe(true);
    expect(body.pillars.reduce((n, p) => n + p.targets, 0)).toBe(7);
    expect(body.pillars.reduce((n, p) => n + p.byStatus.no_data + p.byStatus.unlinked + p.byStatus.on_track + p.byStatus.at_risk + p.byStatus.met + p.byStatus.missed, 0)).toBe(7);
    // Tasks whose deadline passed before the as-of date, not done, are overdue.
    expect(body.tasks.filter((t) => t.overdue).every((t) => t.due !== null && t.due < '2026-10-31')).toBe(true);
    const byId = await app.inject({ method: 'GET', url: `/api/v1/public/plans/${fixture.planId}` });
    expect(byId.statusCode).toBe(200);
    expect(byId.json<PublicPlanProgress>().asOf).toBe('2026-11-15');
  });

  it('serves CSV with a BOM and Vietnamese headers, one row per public target', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/public/plans/${planRef()}/open-data.csv` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="du-lieu-mo-12-KH-UBND-v1\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('dữ-liệu-mở-12-KH-UBND-v1.csv');
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(raw.toString('utf8').slice(1));
    expect(rows[0]!.slice(0, 4)).toEqual(['Mã chỉ tiêu', 'Lĩnh vực (trụ cột)', 'Mục', 'Chỉ tiêu']);
    expect(rows).toHaveLength(1 + 7);
    expect(rows.map((r) => r[0])).toContain(fixture.evaluated.code);
    expect(rows.map((r) => r[0])).not.toContain(fixture.classifiedTarget.code);
    expect(raw.toString('utf8')).not.toContain(fixture.classifiedTarget.text);
  });

  it('serves the JSON file as the progress answer, without classified items', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/public/plans/${planRef()}/open-data.json?asOf=2026-10-31` });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain('filename="du-lieu-mo-12-KH-UBND-v1.json"');
    const body = JSON.parse(res.body) as PublicPlanProgress;
    expect(body.asOf).toBe('2026-10-31');
    expect(body.plan.versionNo).toBe(1);
    expect(body.targets.map((t) => t.code)).toContain(fixture.evaluated.code);
    expect(res.body).not.toContain(fixture.classifiedTarget.code);
    expect(res.body).not.toContain(fixture.classifiedTask.title);
  });

  it('serves an XLSX workbook with a targets sheet and a tasks sheet, bold frozen headers', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/public/plans/${planRef()}/open-data.xlsx?asOf=2026-10-31` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const targets = workbook.getWorksheet('Chỉ tiêu')!;
    const tasks = workbook.getWorksheet('Nhiệm vụ')!;
    expect(targets.getRow(1).getCell(1).value).toBe('Mã chỉ tiêu');
    expect(targets.getRow(1).font?.bold).toBe(true);
    expect(targets.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const targetCodes = targets.getColumn(1).values.slice(2);
    expect(targetCodes).toHaveLength(7);
    expect(targetCodes).toContain(fixture.evaluated.code);
    expect(targetCodes).not.toContain(fixture.classifiedTarget.code);
    expect(tasks.getRow(1).font?.bold).toBe(true);
    const taskCodes = tasks.getColumn(1).values.slice(2);
    expect(taskCodes).toHaveLength(7);
    expect(taskCodes).not.toContain(fixture.classifiedTask.code);
    const everything: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => everything.push(cell.text))));
    expect(everything.join('\n')).not.toContain(fixture.classifiedTarget.text);
    expect(everything.join('\n')).not.toContain(fixture.classifiedTask.title);
    // Deadlines are real dates shown dd/mm/yyyy.
    const dueColumn = (targets.getRow(1).values as unknown[]).indexOf('Hạn hoàn thành');
    expect(targets.getRow(2).getCell(dueColumn).value).toBeInstanceOf(Date);
    expect(targets.getRow(2).getCell(dueColumn).numFmt).toBe('dd/mm/yyyy');
  });

  it('answers 404 problem+json for an unknown or unpublished plan, 422 for a bad date', async () => {
    for (const url of ['/api/v1/public/plans/9999', '/api/v1/public/plans/KHONG-CO', '/api/v1/public/plans/9999/open-data.csv', '/api/v1/public/plans/9999/open-data.xlsx']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    await ctx.db.insertInto('plans').values({ code: '99/KH-NHAP', title: 'Nháp', issuer: null, issued_on: null }).execute();
    expect((await app.inject({ method: 'GET', url: `/api/v1/public/plans/${encodeURIComponent('99/KH-NHAP')}` })).statusCode).toBe(404);
    const bad = await app.inject({ method: 'GET', url: `/api/v1/public/plans/${planRef()}?asOf=2026-13-01` });
    expect(bad.statusCode).toBe(422);
  });

  it('takes the pillar past appendix headings', () => {
    expect(pillarOf(['Phụ lục 01', 'Dữ liệu và báo cáo'])).toBe('Dữ liệu và báo cáo');
    expect(pillarOf(['PHỤ LỤC II', 'Hạ tầng số', 'Mạng'])).toBe('Hạ tầng số');
    expect(pillarOf(['Hạ tầng số'])).toBe('Hạ tầng số');
    expect(pillarOf(['Phụ lục 01'])).toBe('Phụ lục 01');
    expect(pillarOf([])).toBeNull();
    expect(asciiOf('dữ-liệu-mở-Đông')).toBe('du-lieu-mo-Dong');
  });

  it('does not reveal a plan classified as a whole: not listed, and its pages answer as an unknown plan', async () => {
    await ctx.db.updateTable('plans').set({ classified: true }).where('id', '=', fixture.planId).execute();
    try {
      const list = await app.inject({ method: 'GET', url: '/api/v1/public/plans' });
      expect(list.json<{ id: number }[]>().map((p) => p.id)).not.toContain(fixture.planId);
      for (const url of [`/api/v1/public/plans/${fixture.planId}`, `/api/v1/public/plans/${planRef()}/open-data.csv`, `/api/v1/public/plans/${fixture.planId}/open-data.json`]) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(404);
        expect(res.body).not.toContain(fixture.evaluated.code);
      }
    } finally {
      await ctx.db.updateTable('plans').set({ classified: false }).where('id', '=', fixture.planId).execute();
    }
  });
});
