import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor } from '../../app-context.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { createToken } from '../../use-cases/tokens/create-token.ts';
import { buildServer } from '../build-server.ts';
import type { App } from '../route-module.ts';

/** The structured (pino) lines the server writes, parsed. */
const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});

describe(`request logs name the actor (${testEngine})`, () => {
  const database = createTestDatabase();
  let app: App;
  let token = '';
  let tokenId = 0;

  beforeAll(async () => {
    const t = await database;
    const ctx = contextFor(t);
    await ctx.db.insertInto('units').values({ code: 'HN', name: 'Hà Nội', kind: 'city', parent_id: null }).execute();
    const created = await createToken(ctx, 'test', { unit: 'HN', role: 'viewer', scopes: [] });
    token = created.token;
    tokenId = created.id;
    app = await buildServer(ctx, { logger: { level: 'info', stream: sink } });
  });
  afterAll(async () => {
    await app.close();
    await (await database).close();
  });

  it('a token’s request completes with a log line carrying the token as actor', async () => {
    lines.length = 0;
    const res = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    const done = lines.filter((l) => l.msg === 'request completed');
    expect(done, JSON.stringify(lines)).toHaveLength(1);
    expect(done[0]!.actor).toBe(`token:${tokenId}`);
  });

  it('a request without credentials is logged as anonymous, not as the previous caller', async () => {
    lines.length = 0;
    const res = await app.inject({ method: 'GET', url: '/api/v1/units' });
    expect(res.statusCode).toBe(200);
    const done = lines.filter((l) => l.msg === 'request completed');
    expect(done).toHaveLength(1);
    expect(done[0]!.actor).toBe('anonymous');
  });
});
