import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME, readDataDirLock } from '../../db/data-dir-lock.ts';
import { runCli, startCliServer } from '../../testing/run-cli.ts';
import { testEngine } from '../../testing/test-database.ts';
import { EXIT_DATA_DIR_LOCKED } from '../cli-context.ts';

// PGlite only: one process per data directory. PostgreSQL (DATABASE_URL) takes no lock.
describe.skipIf(testEngine === 'postgres')('one writer for the embedded database (issue #16)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'theodoi-lock-cli-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('while a server runs on a data directory, a second CLI process refuses and the server keeps working; after it stops, the CLI works', async () => {
    const target = { databaseUrl: null, dataDir: path.join(root, 'running') };
    const server = await startCliServer(target);
    const exited = new Promise<number | null>((resolve) => server.child.on('exit', (code) => resolve(code)));
    try {
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      expect(readDataDirLock(target.dataDir)).toMatchObject({ pid: server.child.pid, hostname: hostname() });

      // A read-only command is no exception: PGlite cannot share the directory.
      const refused = await runCli(['users', 'list'], target);
      expect(refused.code).toBe(EXIT_DATA_DIR_LOCKED);
      // Said in the CLI's language: Vietnamese by default, English with THEODOI_LANG=en, never both.
      expect(refused.stderr).toContain(`Máy chủ Theo Dõi đang chạy trên thư mục dữ liệu ${target.dataDir} (pid ${server.child.pid}`);
      expect(refused.stderr).not.toContain('Stop the server');
      const inEnglish = await runCli(['users', 'list'], target, { env: { THEODOI_LANG: 'en' } });
      expect(inEnglish.code).toBe(EXIT_DATA_DIR_LOCKED);
      expect(inEnglish.stderr).toContain(`A Theo Dõi server is running on the data directory ${target.dataDir} (pid ${server.child.pid}`);
      expect(inEnglish.stderr).toContain('Stop the server');
      expect(inEnglish.stderr).toContain('HTTP API');
      expect(inEnglish.stderr).not.toContain('Máy chủ');
      expect(refused.stdout).toBe('');

      // The server is untouched: it still answers, reads and writes.
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      const units = (await (await fetch(`${server.url}/api/v1/units?kind=city`)).json()) as { units: { code: string }[] };
      expect(units.units.map((u) => u.code)).toContain('HN');
      expect(readDataDirLock(target.dataDir)?.pid).toBe(server.child.pid);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    // Released on close.
    expect(existsSync(path.join(target.dataDir, LOCK_FILE_NAME))).toBe(false);

    const after = await runCli(['users', 'list', '--json'], target);
    expect(after.stderr).not.toContain('Máy chủ Theo Dõi đang chạy');
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout)).toEqual([]);
    expect(existsSync(path.join(target.dataDir, LOCK_FILE_NAME))).toBe(false);
  });

  it('a lock file left by a process that no longer runs is taken over with a warning', async () => {
    const target = { databaseUrl: null, dataDir: path.join(root, 'stale') };
    const first = await runCli(['units', 'list', '--kind', 'city', '--json'], target);
    expect(first.code).toBe(0);
    const pid = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', '']);
      child.on('error', reject);
      child.on('exit', () => resolve(child.pid as number));
    });
    // As a server killed without closing (power cut, SIGKILL) leaves it.
    writeFileSync(path.join(target.dataDir, LOCK_FILE_NAME), JSON.stringify({ pid, hostname: hostname(), startedAt: '2026-01-01T00:00:00.000Z', command: 'serve' }));
    const taken = await runCli(['units', 'list', '--kind', 'city', '--json'], target);
    expect(taken.code).toBe(0);
    expect(taken.stderr).toContain(`pid ${pid}`);
    expect(taken.stderr).toContain('không còn tiến trình giữ, đã tiếp quản');
    expect(JSON.parse(taken.stdout)).toEqual(JSON.parse(first.stdout));
    expect(existsSync(path.join(target.dataDir, LOCK_FILE_NAME))).toBe(false);
  });
});
