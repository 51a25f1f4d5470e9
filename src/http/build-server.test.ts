import { afterAll, describe, expect, it } from 'vitest';
import { contextFor } from '../app-context.ts';
import { createTestDatabase, testEngine } from '../testing/test-database.ts';
import { buildServer } from './build-server.ts';

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
    expect(res.json()).toEqual({ status: 'ok', engine: testEngine });
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
});
