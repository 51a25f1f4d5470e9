/**
 * deploy/compose.yaml's topology without Docker (no Docker engine runs on our machines): the same
 * deploy/Caddyfile, run by Debian's Caddy, in front of two API instances on one PostgreSQL. Only the
 * upstream host names and the listening port are rewritten (compose's service names do not resolve
 * here); every directive the proxy applies is the file's own. What a browser behind the proxy relies
 * on is checked through it: health, sign-in with the cookie, compression, live events arriving while
 * they happen, and the service surviving the loss of one instance.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { contextFor } from '../src/app-context.ts';
import { connectDatabase, type DatabaseHandle } from '../src/db/connect-database.ts';
import { buildServer } from '../src/http/build-server.ts';
import type { App } from '../src/http/route-module.ts';
import { seedObservationFixtures } from '../src/testing/observation-fixtures.ts';
import { sseClient } from '../src/testing/sse-client.ts';
import { createTestDatabase, testEngine } from '../src/testing/test-database.ts';
import { createToken } from '../src/use-cases/tokens/create-token.ts';
import { createUser } from '../src/use-cases/users/create-user.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function caddyInstalled(): boolean {
  try {
    execFileSync('caddy', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const hasCaddy = caddyInstalled();
// CI installs Caddy (.ci/run); a developer machine without it skips with a message.
if (!hasCaddy && process.env.CI) throw new Error('compose-proxy.test.ts needs Caddy (Debian package caddy): .ci/run installs it');
if (!hasCaddy) console.info('compose-proxy.test.ts: skipped, Caddy is not installed (apt-get install caddy)');
if (testEngine !== 'postgres') console.info('compose-proxy.test.ts: skipped on PGlite (two instances need one PostgreSQL); run with DATABASE_URL');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** deploy/Caddyfile with compose's service names replaced by this machine's addresses. */
function localCaddyfile(proxyPort: number, upstreams: string[]): string {
  const file = readFileSync(path.join(root, 'deploy/Caddyfile'), 'utf8');
  expect(file, 'the Caddyfile proxies api-1 and api-2 on :8080, as compose.yaml names them').toMatch(/:8080 \{[\s\S]*api-1:3000 api-2:3000/);
  // Caddy's admin endpoint is fixed at :2019 by default: off, so parallel runs cannot collide.
  return `{\n\tadmin off\n}\n` + file.replace(':8080 {', `:${proxyPort} {`).replace('api-1:3000 api-2:3000', upstreams.join(' '));
}

describe.skipIf(testEngine !== 'postgres' || !hasCaddy)('the compose topology: Caddy in front of two instances on one PostgreSQL', () => {
  let first: Awaited<ReturnType<typeof createTestDatabase>>;
  let second: DatabaseHandle;
  const apps: App[] = [];
  let caddy: ChildProcess;
  let caddyLog = '';
  let proxy: string;
  const upstreams: string[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'theodoi-caddy-'));
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    // As compose.yaml sets them on the APIs: the proxy serves plain HTTP and is the one hop to trust.
    const api = (parse(readFileSync(path.join(root, 'deploy/compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, { environment: Record<string, string> }> }).services['api-1']!.environment;
    process.env.THEODOI_INSECURE_COOKIES = api.THEODOI_INSECURE_COOKIES;
    process.env.THEODOI_TRUST_PROXY = api.THEODOI_TRUST_PROXY;
    process.env.THEODOI_SSE_HEARTBEAT_MS = '500';
    first = await createTestDatabase();
    second = await connectDatabase({ url: first.url! });
    await seedObservationFixtures(contextFor(first));
    await createUser(contextFor(first), 'test', { username: 'lanhdao.proxy', displayName: 'Lãnh đạo thử', password: 'mat-khau-du-dai-1', unit: 'HN', role: 'viewer' });
    for (const handle of [first, second]) {
      const app = await buildServer(contextFor(handle));
      await app.listen({ port: 0, host: '127.0.0.1' });
      apps.push(app);
      upstreams.push(`127.0.0.1:${(app.server.address() as AddressInfo).port}`);
    }
    const port = await freePort();
    proxy = `http://127.0.0.1:${port}`;
    writeFileSync(path.join(dir, 'Caddyfile'), localCaddyfile(port, upstreams));
    caddy = spawn('caddy', ['run', '--config', path.join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], {
      env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
    });
    caddy.stderr!.on('data', (chunk: Buffer) => (caddyLog += chunk.toString()));
    for (let i = 0; ; i++) {
      const ok = await fetch(`${proxy}/api/health`).then((r) => r.ok, () => false);
      if (ok) break;
      if (i > 100) throw new Error(`Caddy did not start:\n${caddyLog}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  afterAll(async () => {
    caddy?.kill();
    for (const app of apps) await app.close().catch(() => undefined);
    await second?.close();
    await first?.close();
    rmSync(dir, { recursive: true, force: true });
    for (const name of ['THEODOI_INSECURE_COOKIES', 'THEODOI_TRUST_PROXY', 'THEODOI_SSE_HEARTBEAT_MS']) {
      if (savedEnv[name] === undefined) delete process.env[name];
      else process.env[name] = savedEnv[name];
    }
  });

  it('signs a person in through the proxy, and the session cookie works on the next request', async () => {
    const login = await fetch(`${proxy}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'lanhdao.proxy', password: 'mat-khau-du-dai-1' }),
    });
    expect(login.status, await login.clone().text()).toBe(200);
    const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    expect(cookies).not.toBe('');
    // Round robin: successive requests land on both instances, and the session is in the shared database.
    for (let i = 0; i < 4; i++) {
      const me = await fetch(`${proxy}/api/v1/auth/me`, { headers: { cookie: cookies } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ kind: 'user', user: { displayName: 'Lãnh đạo thử' } });
    }
  });

  it("counts one person's failed sign-ins against that person's address, not against everyone behind the proxy", async () => {
    // Two clients on different loopback addresses; the proxy forwards each one's address.
    const failedLogin = (from: string) => new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({ username: 'lanhdao.proxy', password: 'sai-mat-khau-roi' });
      const req = request(`${proxy}/api/v1/auth/login`, { method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      });
      req.on('error', reject);
      req.end(body);
    });
    const attacker: number[] = [];
    for (let i = 0; i < 12; i++) attacker.push(await failedLogin('127.0.0.2'));
    expect(attacker.slice(0, 10).every((status) => status === 401), attacker.join(',')).toBe(true);
    expect(attacker.at(-1), 'the eleventh attempt from one address is refused').toBe(429);
    expect(await failedLogin('127.0.0.3'), 'another person behind the same proxy may still try').toBe(401);
  });

  it('compresses what it serves', async () => {
    const res = await fetch(`${proxy}/api/openapi.json`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding'), `content-type ${res.headers.get('content-type')}, length ${res.headers.get('content-length')}`).toMatch(/gzip|br/);
  });

  it('delivers a live event through the proxy while it happens, written through the proxy too', async () => {
    const ctx = contextFor(first);
    const viewer = (await createToken(ctx, 'test', { unit: 'HN', role: 'viewer', scopes: [] })).token;
    const reporter = (await createToken(ctx, 'test', { unit: 'P_VT', role: 'reporter', scopes: [] })).token;
    const client = await sseClient(`${proxy}/api/v1/events`, viewer);
    try {
      const heard = client.next((e) => e.type === 'observation' && e.unit === 'P_VT');
      const written = await fetch(`${proxy}/api/v1/observations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${reporter}`, 'content-type': 'application/json' },
        body: JSON.stringify({ source: 'dvc', observations: [{ indicator: 'DVC_TT', unit: 'P_VT', period: '2026-04', numerator: 43, denominator: 50 }] }),
      });
      expect(written.status, await written.clone().text()).toBeLessThan(300);
      // A buffering proxy holds events until the stream ends: the event must arrive on its own.
      const event = await Promise.race([heard, new Promise((_, reject) => setTimeout(() => reject(new Error('no live event through the proxy within 10 s')), 10_000))]);
      expect(event).toMatchObject({ type: 'observation', unit: 'P_VT' });
    } finally {
      client.close();
    }
    // The browser went away: the instance's stream must go too, or every closed tab stays subscribed.
    // Caddy (2.6) notices a gone client only when a write to it fails, so the release comes with the
    // stream's heartbeats (here every 500 ms instead of 15 s, set below).
    const admin = { authorization: `Bearer ${(await createToken(ctx, 'test', { unit: 'HN', role: 'system_admin', scopes: [] })).token}` };
    const openStreams = async () => {
      let total = 0;
      for (const upstream of upstreams) {
        const text = await (await fetch(`http://${upstream}/metrics`, { headers: admin })).text();
        total += Number(text.split('\n').find((l) => l.startsWith('theodoi_sse_clients '))?.split(' ').at(-1));
      }
      return total;
    };
    let open = await openStreams();
    for (let i = 0; i < 50 && open !== 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      open = await openStreams();
    }
    expect(open, 'live-event streams still open on the instances after the client left').toBe(0);
  });

  it('keeps answering when one instance goes down', async () => {
    await apps[0]!.close();
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${proxy}/api/health`);
      expect(res.status, `request ${i + 1} after instance 1 stopped`).toBe(200);
    }
  });
});
