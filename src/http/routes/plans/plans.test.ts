import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor } from '../../../app-context.ts';
import { docxFromModel } from '../../../testing/docx-from-model.ts';
import { readTextDocument } from '../../../importers/text/read-text-document.ts';
import { xlsxFromModel } from '../../../testing/xlsx-from-model.ts';
import { loadBuiltInRegistry } from '../../../registry/hanoi.ts';
import { countPlanRows } from '../../../repositories/plans.repository.ts';
import { upsertRegistryUnits } from '../../../repositories/units.repository.ts';
import { createTestDatabase, testEngine } from '../../../testing/test-database.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import type { AppContext } from '../../../app-context.ts';
import cookie from '@fastify/cookie';
import { createToken } from '../../../use-cases/tokens/create-token.ts';
import { authPlugin } from '../../auth/auth-plugin.ts';
import { problemErrorHandler } from '../../problem.ts';
import plans from './index.ts';

const demoPlan = readFileSync(new URL('../../../registry/demo-plan.txt', import.meta.url));

/**
 * The plan routes on a server configured as buildServer configures it (same validator options and
 * problem+json handler), without the other route groups, so this file tests this group alone.
 */
async function buildPlansServer(ctx: AppContext) {
  const app = Fastify({ ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } } }).withTypeProvider<TypeBoxTypeProvider>();
  app.setErrorHandler(problemErrorHandler);
  await app.register(cookie);
  await app.register(authPlugin, { ctx });
  await plans(app, ctx);
  await app.ready();
  return app;
}

/** The city administrator's API token, minted in beforeAll; sent by every request below unless a test says otherwise. */
let adminAuth: Record<string, string> = {};

/** A multipart/form-data body with one file part, as a browser or curl -F sends it. */
function multipart(fileName: string, bytes: Uint8Array, field = 'file', auth: Record<string, string> = adminAuth): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----theodoi-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A multipart body with text fields and the file, in the order given (a field may come after the file). */
function multipartWith(parts: ({ field: string; value: string } | { file: string; bytes: Uint8Array })[], auth: Record<string, string> = adminAuth) {
  const boundary = '----theodoi-test-boundary';
  const chunks = parts.map((p) =>
    'field' in p
      ? Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.field}"\r\n\r\n${p.value}\r\n`)
      : Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${p.file}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
          Buffer.from(p.bytes),
          Buffer.from('\r\n'),
        ]),
  );
  return { payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const AMBIGUOUS = 'Trung tâm Phục vụ hành chính công';

describe(`plans API on ${testEngine}`, () => {
  // Set up in a hook (with the hook's longer timeout): migrating and loading the registry is slow on a busy machine.
  let setup: { database: Awaited<ReturnType<typeof createTestDatabase>>; app: Awaited<ReturnType<typeof buildPlansServer>> };
  beforeAll(async () => {
    const database = await createTestDatabase();
    await database.db.transaction().execute((trx) => upsertRegistryUnits(trx, loadBuiltInRegistry()));
    const ctx = contextFor(database);
    const { token } = await createToken(ctx, 'test', { name: 'admin', unit: 'HN', role: 'system_admin' });
    adminAuth = { authorization: `Bearer ${token}` };
    setup = { database, app: await buildPlansServer(ctx) };
  });
  const ready = () => Promise.resolve(setup);
  afterAll(async () => {
    await setup.app.close();
    await setup.database.close();
  });

  it('a dry-run upload returns the draft and stores nothing', async () => {
    const { app, database } = await ready();
    const before = await countPlanRows(database.db);
    const res = await app.inject({ method: 'POST', url: '/api/v1/plans/import?dryRun=true', ...multipart('demo.txt', demoPlan) });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ draft: { plan: { code: string }; targets: unknown[]; tasks: unknown[] } }>();
    expect(Object.keys(body)).toEqual(['draft', 'corrections']);
    expect(body.draft.plan.code).toBe('12/KH-UBND');
    expect(body.draft.targets).toHaveLength(8);
    expect(body.draft.tasks).toHaveLength(8);
    expect(await countPlanRows(database.db)).toEqual(before);
  });

  it('accepts DOCX and XLSX uploads, recognised by content even under a neutral name', async () => {
    const { app } = await ready();
    const model = readTextDocument(demoPlan.toString('utf8'), 'demo.txt');
    for (const bytes of [await docxFromModel(model), await xlsxFromModel(model)]) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/plans/import?dryRun=true&owner=HN_P_VINH_TUY', ...multipart('upload.bin', bytes) });
      expect(res.statusCode).toBe(200);
      const { draft } = res.json<{ draft: { targets: { lead: { code: string | null }[] }[]; tasks: unknown[] } }>();
      expect(draft.targets).toHaveLength(8);
      expect(draft.tasks).toHaveLength(8);
      expect(draft.targets[0]?.lead[0]?.code).toBe('HN_P_VINH_TUY_VP');
    }
  });

  it('imports, re-imports unchanged, publishes, shows the tree and diffs', async () => {
    const { app } = await ready();
    const first = await app.inject({ method: 'POST', url: '/api/v1/plans/import', ...multipart('demo.txt', demoPlan) });
    expect(first.statusCode).toBe(200);
    const created = first.json<{ planId: number; versionNo: number; status: string; published: boolean }>();
    expect(created).toMatchObject({ versionNo: 1, status: 'created', published: false });

    const again = await app.inject({ method: 'POST', url: '/api/v1/plans/import?publish=true', ...multipart('copy.txt', demoPlan) });
    expect(again.json()).toMatchObject({ planId: created.planId, versionNo: 1, status: 'unchanged', published: true });

    const revised = Buffer.from(demoPlan.toString('utf8').replace('≥ 97%', '≥ 98%'));
    const v2 = await app.inject({ method: 'POST', url: '/api/v1/plans/import', ...multipart('demo-v2.txt', revised) });
    expect(v2.json()).toMatchObject({ planId: created.planId, versionNo: 2, status: 'new_version' });

    const publish = await app.inject({ method: 'POST', url: `/api/v1/plans/${created.planId}/publish`, headers: adminAuth });
    expect(publish.statusCode).toBe(200);
    expect(publish.json()).toMatchObject({ versionNo: 2, changed: true, targets: 8, tasks: 8 });

    const list = await app.inject({ method: 'GET', url: '/api/v1/plans', headers: adminAuth });
    expect(list.json()).toEqual([expect.objectContaining({ id: created.planId, code: '12/KH-UBND', versionCount: 2, publishedVersionNo: 2 })]);

    const byCode = await app.inject({ method: 'GET', url: `/api/v1/plans/${encodeURIComponent('12/KH-UBND')}`, headers: adminAuth });
    expect(byCode.statusCode).toBe(200);
    const plan = byCode.json<{
      owner: { code: string };
      version: { versionNo: number; status: string };
      sections: { title: string; children: { title: string }[] }[];
      targets: { code: string; sectionId: number; lead: { code: string | null }[] }[];
      tasks: { code: string; status: string }[];
    }>();
    expect(plan.owner.code).toBe('HN_P_VINH_TUY');
    expect(plan.version).toMatchObject({ versionNo: 2, status: 'published' });
    const sectionTitles = JSON.stringify(plan.sections);
    expect(sectionTitles).toContain('Kỹ năng số');
    expect(plan.targets.every((t) => t.code.startsWith(`${created.planId}-T`) && t.sectionId > 0)).toBe(true);
    expect(plan.targets[0]?.lead[0]?.code).toBe('HN_P_VINH_TUY_VP');
    expect(plan.tasks.every((t) => t.status === 'not_started')).toBe(true);

    const diff = await app.inject({ method: 'GET', url: `/api/v1/plans/${created.planId}/diff?from=1&to=2`, headers: adminAuth });
    const body = diff.json<{ targets: { changed: { fields: { field: string; from: string; to: string }[] }[] } }>();
    expect(body.targets.changed).toHaveLength(1);
    expect(body.targets.changed[0]?.fields.map((f) => f.field)).toEqual(['text', 'goal']);
    expect(body.targets.changed[0]?.fields[1]).toEqual({ field: 'goal', from: '≥ 97%', to: '≥ 98%' });
  });

  it('answers bad input with problem+json naming the field, and unknown plans with 404', async () => {
    const { app, database } = await ready();
    const before = await countPlanRows(database.db);
    const notMultipart = await app.inject({ method: 'POST', url: '/api/v1/plans/import', payload: { file: 'x' }, headers: adminAuth });
    expect(notMultipart.statusCode).toBe(400);
    expect(notMultipart.json()).toMatchObject({ errors: [{ field: 'file' }] });

    const garbage = await app.inject({ method: 'POST', url: '/api/v1/plans/import', ...multipart('x.docx', new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3])) });
    expect(garbage.statusCode).toBe(422);
    expect(garbage.headers['content-type']).toContain('application/problem+json');
    expect(garbage.json()).toMatchObject({ errors: [{ field: 'file' }] });

    const binary = await app.inject({ method: 'POST', url: '/api/v1/plans/import', ...multipart('x.txt', new Uint8Array([75, 10, 0, 1, 2])) });
    expect(binary.statusCode).toBe(422);
    expect(binary.json()).toMatchObject({ errors: [{ line: 2 }] });

    const owner = await app.inject({ method: 'POST', url: '/api/v1/plans/import?owner=KHONG_CO', ...multipart('demo.txt', demoPlan) });
    expect(owner.statusCode).toBe(422);
    expect(owner.json()).toMatchObject({ errors: [{ field: 'owner' }] });

    const badQuery = await app.inject({ method: 'GET', url: '/api/v1/plans/1/diff?from=abc', headers: adminAuth });
    expect(badQuery.statusCode).toBe(400);
    expect(JSON.stringify(badQuery.json())).toContain('from');

    expect((await app.inject({ method: 'GET', url: '/api/v1/plans/9999', headers: adminAuth })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/api/v1/plans/9999/publish', headers: adminAuth })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/plans/1/diff?from=1&to=7', headers: adminAuth })).statusCode).toBe(422);
    expect(await countPlanRows(database.db)).toEqual(before);
  });

  it('takes unit corrections from the "units" field, before or after the file, and refuses bad ones naming the field', async () => {
    const { app, database } = await ready();
    const before = await countPlanRows(database.db);
    const units = JSON.stringify({ [AMBIGUOUS]: 'HN_P_VINH_TUY_PVHCC' });
    type Preview = { draft: { targets: { lead: { name: string; code: string | null }[] }[]; warnings: { code: string; message: string }[] }; corrections: { name: string; references: number }[] };
    for (const order of [[{ field: 'units', value: units }, { file: 'demo.txt', bytes: demoPlan }], [{ file: 'demo.txt', bytes: demoPlan }, { field: 'units', value: units }]]) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/plans/import?dryRun=true', ...multipartWith(order) });
      expect(res.statusCode).toBe(200);
      const body = res.json<Preview>();
      expect(body.corrections).toEqual([expect.objectContaining({ name: AMBIGUOUS, code: 'HN_P_VINH_TUY_PVHCC' })]);
      expect(body.corrections[0]?.references).toBeGreaterThan(1);
      const leads = body.draft.targets.flatMap((t) => t.lead).filter((u) => u.name === AMBIGUOUS);
      expect(leads.length).toBeGreaterThan(0);
      expect(leads.every((u) => u.code === 'HN_P_VINH_TUY_PVHCC')).toBe(true);
      expect(body.draft.warnings.filter((w) => w.message.includes(AMBIGUOUS))).toEqual([]);
    }
    const bad = async (value: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/plans/import', ...multipartWith([{ file: 'demo.txt', bytes: demoPlan }, { field: 'units', value }]) });
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      return res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
    };
    expect(await bad('{not json')).toEqual(['units']);
    expect(await bad('["a"]')).toEqual(['units']);
    expect(await bad('{"a": 1}')).toEqual(['units']);
    expect(await bad(JSON.stringify({ [AMBIGUOUS]: 'KHONG_CO' }))).toEqual([`units.${AMBIGUOUS}`]);
    expect(await bad(JSON.stringify({ 'Phòng không có trong kế hoạch': 'HN_P_VINH_TUY_PVHCC' }))).toEqual(['units.Phòng không có trong kế hoạch']);
    const twice = await app.inject({ method: 'POST', url: '/api/v1/plans/import', ...multipartWith([{ field: 'units', value: units }, { file: 'demo.txt', bytes: demoPlan }, { field: 'units', value: units }]) });
    expect(twice.statusCode).toBe(422);
    expect(await countPlanRows(database.db)).toEqual(before);
  });

  it('refuses to store or publish a plan without the administer right over its owner', async () => {
    const { app, database } = await ready();
    const before = await countPlanRows(database.db);
    const anonymous = await app.inject({ method: 'POST', url: '/api/v1/plans/import', ...multipart('demo.txt', demoPlan, 'file', {}) });
    expect(anonymous.statusCode).toBe(401);
    const anonymousPreview = await app.inject({ method: 'POST', url: '/api/v1/plans/import?dryRun=true', ...multipart('demo.txt', demoPlan, 'file', {}) });
    expect(anonymousPreview.statusCode).toBe(401);
    // A reporter of the ward may preview a plan but not store one for the ward, nor for the city.
    const { token } = await createToken(contextFor(database), 'test', { name: 'reporter', unit: 'HN_P_VINH_TUY', role: 'reporter' });
    const reporter = { authorization: `Bearer ${token}` };
    expect((await app.inject({ method: 'POST', url: '/api/v1/plans/import?dryRun=true', ...multipart('demo.txt', demoPlan, 'file', reporter) })).statusCode).toBe(200);
    const denied = await app.inject({ method: 'POST', url: '/api/v1/plans/import?owner=HN_P_VINH_TUY', ...multipart('demo.txt', demoPlan, 'file', reporter) });
    expect(denied.statusCode).toBe(403);
    expect(denied.headers['content-type']).toContain('application/problem+json');
    expect((await app.inject({ method: 'POST', url: '/api/v1/plans/import', ...multipart('demo.txt', demoPlan, 'file', reporter) })).statusCode).toBe(403);
    expect(await countPlanRows(database.db)).toEqual(before);
  });

  it('leaves classified items out for readers without the right over the plan', async () => {
    const { app, database } = await ready();
    const created = (await app.inject({ method: 'POST', url: '/api/v1/plans/import?publish=true', ...multipart('demo.txt', demoPlan) })).json<{ planId: number }>();
    const secret = await database.db.selectFrom('targets').select(['id', 'code']).where('code', 'like', `${created.planId}-T%`).orderBy('id').executeTakeFirstOrThrow();
    await database.db.updateTable('targets').set({ classified: true }).where('id', '=', secret.id).execute();
    const codes = (body: { targets: { code: string | null }[] }) => body.targets.map((t) => t.code);
    const { token } = await createToken(contextFor(database), 'test', { name: 'viewer', unit: 'HN_P_VINH_TUY', role: 'viewer' });
    const viewer = { authorization: `Bearer ${token}` };
    const seenByViewer = (await app.inject({ method: 'GET', url: `/api/v1/plans/${created.planId}`, headers: viewer })).json<{ targets: { code: string | null }[] }>();
    expect(codes(seenByViewer)).not.toContain(secret.code);
    expect(seenByViewer.targets.length).toBeGreaterThan(0);
    // Plans are not anonymous, and comparing versions (drafts, classified items included) is for their administrators.
    for (const url of ['/api/v1/plans', `/api/v1/plans/${created.planId}`, `/api/v1/plans/${created.planId}/diff`]) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    }
    expect((await app.inject({ method: 'GET', url: `/api/v1/plans/${created.planId}/diff`, headers: viewer })).statusCode).toBe(403);
    // A plan classified as a whole does not exist for a reader without the right; it does for the administrator.
    await database.db.updateTable('plans').set({ classified: true }).where('id', '=', created.planId).execute();
    expect((await app.inject({ method: 'GET', url: `/api/v1/plans/${created.planId}`, headers: viewer })).statusCode).toBe(404);
    const listed = (await app.inject({ method: 'GET', url: '/api/v1/plans', headers: viewer })).json<{ id: number }[]>();
    expect(listed.map((p) => p.id)).not.toContain(created.planId);
    expect((await app.inject({ method: 'GET', url: '/api/v1/plans', headers: adminAuth })).json<{ id: number }[]>().map((p) => p.id)).toContain(created.planId);
    await database.db.updateTable('plans').set({ classified: false }).where('id', '=', created.planId).execute();
    const admin = (await app.inject({ method: 'GET', url: `/api/v1/plans/${created.planId}`, headers: adminAuth })).json<{ targets: { code: string | null }[] }>();
    expect(codes(admin)).toContain(secret.code);
  });
});
