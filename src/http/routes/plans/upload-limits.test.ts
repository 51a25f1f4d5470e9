import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxBomb, xlsxBomb } from '../../../testing/zip-bombs.testkit.ts';
import { loadBuiltInRegistry } from '../../../registry/hanoi.ts';
import { countPlanRows } from '../../../repositories/plans.repository.ts';
import { upsertRegistryUnits } from '../../../repositories/units.repository.ts';
import { testEngine } from '../../../testing/test-database.ts';
import { startTestServer, type TestServer } from '../../../testing/test-server.ts';
import { createToken } from '../../../use-cases/tokens/create-token.ts';

/** A plan upload as a browser sends it. */
function upload(url: string, token: string, fileName: string, bytes: Uint8Array): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(bytes)]), fileName);
  return fetch(url, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
}

describe(`decompression bombs against a running server on ${testEngine}`, () => {
  let server: TestServer;
  let token = '';
  beforeAll(async () => {
    server = await startTestServer((ctx) => ctx.db.transaction().execute((trx) => upsertRegistryUnits(trx, loadBuiltInRegistry())).then(() => undefined));
    ({ token } = await createToken(server.ctx, 'test', { name: 'reporter', unit: 'HN', role: 'reporter' }));
  });
  afterAll(() => server.close());

  it.each([
    ['DOCX, 300 MB of text in one run', 'bom.docx', () => docxBomb(300)],
    ['XLSX, 450 MB of sheet XML', 'bom.xlsx', () => xlsxBomb(450)],
  ])('refuses a %s with 413 naming the limit, stores nothing and keeps serving', async (_label, fileName, make) => {
    const before = await countPlanRows(server.ctx.db);
    const [bomb, health] = await Promise.all([
      upload(`${server.url}/api/v1/plans/import?dryRun=true`, token, fileName, make()),
      fetch(`${server.url}/api/health`),
    ]);
    expect(bomb.status).toBe(413);
    const problem = (await bomb.json()) as { errors: { field: string; message: string }[] };
    expect(problem.errors[0]?.field).toBe('file');
    expect(problem.errors[0]?.message).toMatch(/maxUnpackedBytes|maxRatio/);
    expect(health.status).toBe(200);
    // Still alive and still answering after the refusal, with nothing stored.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(await countPlanRows(server.ctx.db)).toEqual(before);
  });

  it('answers a file over the size limit with 413, and a multipart body cut short with 400, never a 500', async () => {
    const before = await countPlanRows(server.ctx.db);
    const big = await upload(`${server.url}/api/v1/plans/import?dryRun=true`, token, 'lon.txt', new Uint8Array(25 * 1024 * 1024).fill(0x41));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('file');
    // 100 MB sent without the closing boundary: refused early, the server keeps answering.
    const boundary = 'ranh-gioi';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n`);
    const cut = await fetch(`${server.url}/api/v1/plans/import?dryRun=true`, {
      method: 'POST', body: Buffer.concat([head, Buffer.alloc(100 * 1024 * 1024, 0x41)]),
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect([400, 413]).toContain(cut.status);
    const short = await fetch(`${server.url}/api/v1/plans/import?dryRun=true`, {
      method: 'POST', body: Buffer.concat([head, Buffer.from('KẾ HOẠCH')]),
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(short.status).toBe(400);
    expect(((await short.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('file');
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(await countPlanRows(server.ctx.db)).toEqual(before);
  }, 120_000);
});
