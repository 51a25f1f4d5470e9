import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startCliServer } from '../../testing/run-cli.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';

describe(`theodoi serve on ${testEngine}`, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'theodoi-serve-'));
  const database = createTestDatabase();
  afterAll(async () => {
    await (await database).close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers health, then shuts down gracefully on SIGTERM', async () => {
    const target = { databaseUrl: (await database).url, dataDir };
    const server = await startCliServer(target);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', engine: testEngine, realtime: { listener: 'listening' } });
    const exited = new Promise<number | null>((resolve) => server.child.on('exit', (code) => resolve(code)));
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(server.output()).toContain('shutting down');
  });

  it('on a fresh database answers the built-in registry, as `units list` does (it loads on first use by any command)', async () => {
    const fresh = mkdtempSync(path.join(tmpdir(), 'theodoi-serve-fresh-'));
    const target = testEngine === 'postgres' ? await createTestDatabase() : null;
    try {
      const server = await startCliServer({ databaseUrl: target?.url ?? null, dataDir: path.join(fresh, 'data') });
      const exited = new Promise<void>((resolve) => server.child.on('exit', () => resolve()));
      try {
        const body = (await (await fetch(`${server.url}/api/v1/units`)).json()) as { units: { code: string; kind: string }[] };
        expect(body.units.length).toBeGreaterThan(100);
        expect(body.units.filter((u) => u.kind === 'city').map((u) => u.code)).toEqual(['HN']);
        expect(body.units.map((u) => u.code)).toContain('HN_P_VINH_TUY');
      } finally {
        server.child.kill('SIGTERM');
        await exited;
      }
    } finally {
      await target?.close();
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('a second server on a port already in use says so and exits, instead of lingering with its jobs', async () => {
    const target = { databaseUrl: (await database).url, dataDir };
    const first = await startCliServer(target);
    const port = new URL(first.url).port;
    // On PGlite the second process gets its own data directory: one directory has one writer.
    const otherDir = mkdtempSync(path.join(tmpdir(), 'theodoi-serve-2-'));
    try {
      const second = await runCli(['serve', '--port', port], { ...target, dataDir: otherDir });
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(new RegExp(`Không khởi động được máy chủ: cổng \\S+:${port} đang được dùng`));
      expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
    } finally {
      const exited = new Promise<void>((resolve) => first.child.on('exit', () => resolve()));
      first.child.kill('SIGTERM');
      await exited;
      rmSync(otherDir, { recursive: true, force: true });
    }
  });
});
