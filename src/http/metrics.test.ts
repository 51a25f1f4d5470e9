import { afterAll, describe, expect, it } from 'vitest';
import { seedObservationFixtures } from '../testing/observation-fixtures.ts';
import { createToken } from '../use-cases/tokens/create-token.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { testEngine } from '../testing/test-database.ts';

describe(`/metrics on ${testEngine}`, () => {
  let server: TestServer;
  const ready = (async () => {
    server = await startTestServer(seedObservationFixtures);
    const bearer = async (unit: string, role: string) => ({ authorization: `Bearer ${(await createToken(server.ctx, 'test', { unit, role })).token}` });
    return { admin: await bearer('HN', 'system_admin'), wardAdmin: await bearer('P_VT', 'unit_admin') };
  })();
  afterAll(async () => server.close());

  const metric = (text: string, line: RegExp) => Number(text.split('\n').find((l) => line.test(l))?.split(' ').at(-1));

  it('is for system administrators only', async () => {
    const { wardAdmin } = await ready;
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: wardAdmin })).status).toBe(403);
  });

  it('counts requests by route pattern, observation batches, open live connections, jobs and the listener', async () => {
    const { admin } = await ready;
    for (let i = 0; i < 3; i++) expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const batch = await fetch(`${server.url}/api/v1/observations`, {
      method: 'POST', headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'kiem-thu', observations: [{ indicator: 'DVC_TT', unit: 'P_VT', period: '2026-01', value: 80 }] }),
    });
    expect(batch.status).toBe(200);
    const events = new AbortController();
    const stream = await fetch(`${server.url}/api/v1/events`, { headers: admin, signal: events.signal });
    expect(stream.status).toBe(200);

    const res = await fetch(`${server.url}/metrics`, { headers: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(metric(text, /^theodoi_http_requests_total\{method="GET",route="\/api\/health",status="200"\}/)).toBeGreaterThanOrEqual(3);
    expect(metric(text, /^theodoi_http_request_duration_seconds_count\{method="GET",route="\/api\/health"\}/)).toBeGreaterThanOrEqual(3);
    expect(metric(text, /^theodoi_observation_batches_total\{outcome="2xx"\}/)).toBe(1);
    expect(metric(text, /^theodoi_sse_clients /)).toBe(1);
    expect(metric(text, /^theodoi_realtime_listening /)).toBe(1);
    expect(text).toContain('theodoi_process_resident_memory_bytes');
    expect(text).toContain('# TYPE theodoi_jobs gauge');

    events.abort();
    await stream.body?.cancel().catch(() => undefined);
    let after = 1;
    for (let i = 0; i < 50 && after !== 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      after = metric(await (await fetch(`${server.url}/metrics`, { headers: admin })).text(), /^theodoi_sse_clients /);
    }
    expect(after).toBe(0);
  });
});
