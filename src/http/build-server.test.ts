import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { contextFor } from '../app-context.ts';
import { createTestDatabase, testEngine } from '../testing/test-database.ts';
import { buildServer } from './build-server.ts';
import { WEB_DIST } from './web/serve-web-app.ts';

describe(`API server on ${testEngine}`, () => {
  const ready = (async () => {
    const database = await createTestDatabase();
    return { database, app: await buildServer(contextFor(database)) };
  })();
  afterAll(async () => {
    const { app, database } = await ready;
    await app.close();
    await database.close();
  });

  it('answers health with the engine in use', async () => {
    const { app } = await ready;
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', engine: testEngine, realtime: { listener: 'listening', lastSequence: null, lastGap: null } });
  });

  it('publishes an OpenAPI document and the docs page', async () => {
    const { app } = await ready;
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toContain('/api/health');
    const docs = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('documents the credentials every plan operation needs, and lists the public ones without', async () => {
    const { app } = await ready;
    const paths = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, { security?: unknown[] }>> }>().paths;
    const planOps = Object.entries(paths).filter(([p]) => p.startsWith('/api/v1/plans')).flatMap(([p, ops]) => Object.entries(ops).map(([m, op]) => ({ at: `${m} ${p}`, security: op.security })));
    expect(planOps.map((o) => o.at)).toEqual(expect.arrayContaining(['post /api/v1/plans/import', 'post /api/v1/plans/{id}/publish', 'get /api/v1/plans/{id}/diff']));
    for (const op of planOps) expect(op.security, op.at).toEqual([{ bearer: [] }]);
    expect(paths['/api/v1/public/plans']?.get?.security).toBeUndefined();
  });

  it('answers unknown routes with problem+json', async () => {
    const { app } = await ready;
    const res = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('sends security headers', async () => {
    const { app } = await ready;
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the dashboard\'s pages under a strict Content Security Policy: no inline or foreign script', async () => {
    const { app } = await ready;
    for (const url of ['/', '/targets/T1', '/login']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      const csp = String(res.headers['content-security-policy']);
      const script = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
      expect(script, url).toBe("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      // The page itself carries no inline script for the policy to forbid.
      expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
  });

  it('compresses API answers as the client accepts, and answers 304 to a client that has the same ETag', async () => {
    const { app } = await ready;
    const plain = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(plain.body);
    expect(br.rawPayload.byteLength).toBeLessThan(plain.rawPayload.byteLength / 3);
    const gz = await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(plain.body);
    const etag = String(plain.headers.etag);
    expect(etag).toMatch(/^W\//);
    const again = await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('sends the dashboard\'s scripts precompressed at build time, cached for good', async () => {
    const { app } = await ready;
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8'))?.[1];
    expect(script).toBeTruthy();
    const onDisk = path.join(WEB_DIST, `${script!.slice(1)}.br`);
    expect(existsSync(onDisk)).toBe(true);
    const res = await app.inject({ method: 'GET', url: script!, headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.rawPayload.equals(readFileSync(onDisk))).toBe(true);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
