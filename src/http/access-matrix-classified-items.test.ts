/**
 * The second half of the access walk: items of a plan marked classified ("có yếu tố mật") — a whole
 * plan, a section, one target, one task — read by a city viewer who lacks the classified right. Every
 * GET operation of the OpenAPI document is called, its path parameters filled with the ids and codes
 * of those items, and generated files are read as text: DOCX and XLSX unpacked, PDF through pdf.js. The live event
 * stream is listened to while the classified targets' figures change. A cleared reader sees each
 * item, so the traces are real; the plain viewer must see none of them anywhere.
 */
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../app-context.ts';
import { eventBusFor } from '../realtime/event-bus.ts';
import { createPlan } from '../testing/factories.ts';
import { pdfText } from '../testing/pdf-text.ts';
import { chromiumExecutable } from '../reports/pdf-report.ts';
import { openApiOperations, type ApiOperation } from '../testing/openapi-operations.ts';
import { createTestDatabase, testEngine } from '../testing/test-database.ts';
import { setClassification } from '../use-cases/classification/set-classification.ts';
import { seedObservationFixtures } from '../testing/observation-fixtures.ts';
import { applyChanges } from '../use-cases/realtime/apply-changes.ts';
import { createToken } from '../use-cases/tokens/create-token.ts';
import { buildServer } from './build-server.ts';
import type { App } from './route-module.ts';

// Each classified item carries a word found nowhere else, in its text and in its code.
const TRACES = {
  plan: 'kehoachmatrieng',
  planTarget: 'chitieutrongkehoachmat',
  planTask: 'nhiemvutrongkehoachmat',
  section: 'mucmatrieng',
  sectionTarget: 'chitieutrongmucmat',
  target: 'chitieumatrieng',
  task: 'nhiemvumatrieng',
};
// The open items beside them: what the plain viewer must still see (the walk is not vacuous).
const OPEN_TARGET = 'chitieucongkhai';

describe(`classified plans, sections, targets and tasks over every read on ${testEngine}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let app: App;
  let operations: ApiOperation[];
  let plain: Record<string, string>;
  let cleared: Record<string, string>;
  const ids = { openPlan: 0, secretPlan: 0 };

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database);
    await seedObservationFixtures(ctx);
    const unit = async (code: string) => (await ctx.db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    const ward = await unit('P_VT');
    const indicator = (await ctx.db.selectFrom('indicators').select('id').where('code', '=', 'DVC_TT').executeTakeFirstOrThrow()).id;
    const linked = (code: string) => ({ code, text: `Chỉ tiêu ${code}`, indicatorId: indicator, op: '>=' as const, value: 95, measure: '%', dueOn: '2026-12-31', scopeUnitId: ward, leadUnitId: ward });

    const open = await createPlan(ctx.db, {
      code: '7/KH-UBND', title: 'Kế hoạch chuyển đổi số phường', ownerUnitId: ward,
      targets: [linked(OPEN_TARGET), linked(TRACES.target), linked(TRACES.sectionTarget)],
      tasks: [
        { code: 'nhiemvucongkhai', title: 'Nhiệm vụ công khai', dueEnd: '2026-06-30', leadUnitId: ward },
        { code: TRACES.task, title: `Nhiệm vụ ${TRACES.task}`, dueEnd: '2026-06-30', leadUnitId: ward },
      ],
    });
    ids.openPlan = open.planId;
    const section = await ctx.db.insertInto('plan_sections')
      .values({ plan_version_id: open.versionId, parent_id: null, number: 'II', title: `Mục ${TRACES.section}`, position: 2 })
      .returning('id').executeTakeFirstOrThrow();
    await ctx.db.updateTable('targets').set({ section_id: section.id }).where('code', '=', TRACES.sectionTarget).execute();

    const secret = await createPlan(ctx.db, {
      code: `${TRACES.plan}/KH-UBND`, title: `Kế hoạch ${TRACES.plan}`, ownerUnitId: ward,
      targets: [linked(TRACES.planTarget)],
      tasks: [{ code: TRACES.planTask, title: `Nhiệm vụ ${TRACES.planTask}`, dueEnd: '2026-06-30', leadUnitId: ward }],
    });
    ids.secretPlan = secret.planId;

    // Marked as an administrator would: through the one use-case the API and the CLI call.
    await setClassification(ctx, 'test', { kind: 'plan', id: secret.planId, ref: String(secret.planId), classified: true });
    await setClassification(ctx, 'test', { kind: 'section', id: section.id, ref: String(section.id), classified: true });
    const targetId = (code: string) => ctx.db.selectFrom('targets').select('id').where('code', '=', code).executeTakeFirstOrThrow();
    await setClassification(ctx, 'test', { kind: 'target', id: (await targetId(TRACES.target)).id, ref: TRACES.target, classified: true });
    const taskId = await ctx.db.selectFrom('tasks').select('id').where('code', '=', TRACES.task).executeTakeFirstOrThrow();
    await setClassification(ctx, 'test', { kind: 'task', id: taskId.id, ref: TRACES.task, classified: true });

    app = await buildServer(ctx);
    await app.ready();
    operations = openApiOperations(app);
    const admin = { authorization: `Bearer ${(await createToken(ctx, 'test', { unit: 'HN', role: 'system_admin' })).token}` };
    // Monthly figures behind every target, below the path: statuses, forecasts and alerts exist.
    const observations = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'].map((period, i) => ({ indicator: 'DVC_TT', unit: 'P_VT', period, value: 40 + i }));
    const stored = await app.inject({ method: 'POST', url: '/api/v1/observations', headers: admin, payload: { source: 'kiem-thu', observations } });
    expect(stored.statusCode).toBe(200);
    await app.inject({ method: 'POST', url: '/api/v1/alerts/refresh', headers: admin });
    plain = { authorization: `Bearer ${(await createToken(ctx, 'test', { unit: 'HN', role: 'viewer' })).token}` };
    cleared = { authorization: `Bearer ${(await createToken(ctx, 'test', { unit: 'HN', role: 'viewer', scopes: ['read', 'classified'] })).token}` };
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** Values tried for each path parameter: the items' own ids and codes, and the ward they belong to. */
  const candidates = (name: string): string[] => {
    if (name === 'id' || name === 'planId') return [String(ids.secretPlan), String(ids.openPlan)];
    if (name === 'code') return [TRACES.target, TRACES.planTarget, TRACES.sectionTarget, 'DVC_TT', 'P_VT'];
    if (name === 'unit') return ['P_VT', 'HN'];
    // PDFs are printed by Chromium: asked for wherever Chromium is installed (the CI image has it).
    if (name === 'file') return ['2026-06.docx', '2026-06.xlsx', '2026.docx', '2026-06.json', '2026-06.csv', ...(chromiumExecutable() ? ['2026-06.pdf', '2026.pdf'] : [])];
    if (name === 'period') return ['2026-06'];
    if (name === 'username') return ['khong-co'];
    return ['1'];
  };
  const urlsOf = (op: ApiOperation): string[] => {
    let urls = [op.path];
    for (const [, name] of op.path.matchAll(/\{([^}]+)\}/g)) urls = urls.flatMap((u) => candidates(name as string).map((v) => u.replace(`{${name}}`, encodeURIComponent(v))));
    const queries = [''];
    if (op.queryParams.includes('unit')) queries.push('?unit=P_VT');
    if (op.queryParams.includes('plan')) queries.push(`?plan=${ids.secretPlan}`, `?plan=${ids.openPlan}`);
    if (op.queryParams.includes('target')) queries.push(`?target=${TRACES.target}`, `?target=${TRACES.planTarget}`);
    return urls.flatMap((u) => queries.map((q) => `${u}${q}`));
  };
  /** A response as text: JSON and CSV as they are, DOCX and XLSX unpacked to their XML, PDF's text through pdf.js. */
  const textOf = async (body: Buffer, type: string): Promise<string> => {
    if (/application\/pdf/.test(type)) return pdfText(body);
    if (!/officedocument|zip/.test(type)) return body.toString('utf8');
    try {
      return Object.values(unzipSync(new Uint8Array(body))).map((bytes) => strFromU8(bytes)).join('\n');
    } catch {
      return body.toString('utf8');
    }
  };
  const readAll = async (headers: Record<string, string>) => {
    const seen: { url: string; status: number; type: string; text: string }[] = [];
    for (const op of operations.filter((o) => o.method === 'GET' && o.path !== '/api/v1/events')) {
      for (const url of urlsOf(op)) {
        const res = await app.inject({ method: 'GET', url, headers });
        const type = String(res.headers['content-type'] ?? '');
        seen.push({ url, status: res.statusCode, type, text: await textOf(res.rawPayload, type) });
      }
    }
    return seen;
  };

  it('shows every classified item to a reader with the classified right (the traces are real)', async () => {
    const answers = await readAll(cleared);
    const seen = answers.filter((r) => r.status < 400).map((r) => r.text).join('\n');
    for (const trace of Object.values(TRACES)) expect(seen, trace).toContain(trace);
    // The PDFs are read, not passed over: the cleared reader's show classified items.
    if (chromiumExecutable()) {
      const pdfs = answers.filter((r) => r.status === 200 && r.type.startsWith('application/pdf'));
      expect(pdfs.map((r) => r.url)).toEqual(expect.arrayContaining([expect.stringMatching(/\.pdf/)]));
      expect(pdfs.some((r) => Object.values(TRACES).some((t) => r.text.includes(t))), pdfs.map((r) => r.url).join(', ')).toBe(true);
    }
  }, 240_000);

  it('shows a city viewer without the classified right none of them, on any read or generated file, and never fails', async () => {
    const answers = await readAll(plain);
    expect(answers.filter((r) => r.status >= 500).map((r) => `${r.url} → ${r.status} ${r.text.slice(0, 300)}`)).toEqual([]);
    const leaks = answers.flatMap((r) => r.status < 400 ? Object.values(TRACES).filter((t) => r.text.includes(t)).map((t) => `${r.url} shows ${t}`) : []);
    expect(leaks).toEqual([]);
    expect(answers.some((r) => r.status < 400 && r.text.includes(OPEN_TARGET))).toBe(true);
  }, 240_000);

  it('sends a city viewer without the classified right no live event about a classified target', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const streams = await Promise.all([plain, cleared].map(async (headers) => {
      const controller = new AbortController();
      const res = await fetch(`${address}/api/v1/events?types=target_status`, { headers, signal: controller.signal });
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      await reader.read(); // the opening comment: subscribed
      return { controller, reader, text: '' };
    }));
    // A figure arrives: every target on the indicator is re-evaluated and announced.
    const bus = eventBusFor(ctx.database);
    await applyChanges(ctx, { observations: [{ indicator: 'DVC_TT', unit: 'P_VT', period: '2026-07' }] }, (e) => bus.publish(e));
    // The cleared reader hears the classified targets; by then the plain one has heard all it will.
    const decoder = new TextDecoder();
    const [plainStream, clearedStream] = streams as [typeof streams[0], typeof streams[0]];
    while (!(clearedStream.text.includes(TRACES.target) && clearedStream.text.includes(TRACES.planTarget) && clearedStream.text.includes(TRACES.sectionTarget))) {
      const chunk = await clearedStream.reader.read();
      if (chunk.done) break;
      clearedStream.text += decoder.decode(chunk.value);
    }
    while (!plainStream.text.includes(OPEN_TARGET)) {
      const chunk = await plainStream.reader.read();
      if (chunk.done) break;
      plainStream.text += decoder.decode(chunk.value);
    }
    for (const s of streams) s.controller.abort();
    expect(plainStream.text).toContain(OPEN_TARGET);
    expect(Object.values(TRACES).filter((t) => plainStream.text.includes(t))).toEqual([]);
  }, 60_000);
});
