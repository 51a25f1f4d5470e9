import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE_NAME, readDataDirLock } from './data-dir-lock.ts';

/** The pid of a process that has run and ended (so no process has it now, barring reuse). */
function deadPid(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '']);
    child.on('error', reject);
    child.on('exit', () => resolve(child.pid as number));
  });
}

describe('the lock on a PGlite data directory', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'theodoi-lock-')), 'data');
    dirs.push(path.dirname(dir));
    mkdirSync(dir);
    return dir;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('writes pid, host and start time atomically, refuses a second holder, and is gone once released', () => {
    const dir = fresh();
    const lock = acquireDataDirLock(dir);
    const owner = readDataDirLock(dir);
    expect(owner).toMatchObject({ pid: process.pid, hostname: hostname() });
    expect(Number.isNaN(Date.parse(owner?.startedAt ?? ''))).toBe(false);
    // This very process is alive: a second open of the same directory is refused too.
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    lock.release();
    lock.release(); // twice is harmless
    expect(existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
    acquireDataDirLock(dir).release();
  });

  it('refuses a live holder with a message naming its pid and what to do, in the CLI\'s language (Vietnamese unless THEODOI_LANG=en)', () => {
    const dir = fresh();
    // The parent process of this test is alive and is not us.
    writeFileSync(path.join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: process.ppid, hostname: hostname(), startedAt: '2026-01-01T00:00:00.000Z', command: 'serve --demo' }));
    const refusal = (): string => {
      try {
        acquireDataDirLock(dir);
      } catch (e) {
        expect(e).toBeInstanceOf(DataDirLockedError);
        return (e as Error).message;
      }
      throw new Error('not refused');
    };
    const vi = refusal();
    expect(vi).toContain(`Máy chủ Theo Dõi đang chạy trên thư mục dữ liệu ${dir} (pid ${process.ppid}`);
    expect(vi).toContain('dừng máy chủ');
    expect(vi).not.toMatch(/HTTP API|Stop the server/);
    const before = process.env.THEODOI_LANG;
    process.env.THEODOI_LANG = 'en';
    try {
      const en = refusal();
      expect(en).toContain(`A Theo Dõi server is running on the data directory ${dir} (pid ${process.ppid}`);
      expect(en).toContain('HTTP API');
      expect(en).not.toContain('dừng máy chủ');
    } finally {
      if (before === undefined) delete process.env.THEODOI_LANG;
      else process.env.THEODOI_LANG = before;
    }
    // The holder's file is untouched.
    expect(readDataDirLock(dir)?.pid).toBe(process.ppid);
  });

  it('takes over a stale lock (its pid no longer runs on this host) with a warning', async () => {
    const dir = fresh();
    const pid = await deadPid();
    writeFileSync(path.join(dir, LOCK_FILE_NAME), JSON.stringify({ pid, hostname: hostname(), startedAt: '2026-01-01T00:00:00.000Z', command: 'serve' }));
    const warnings: string[] = [];
    const lock = acquireDataDirLock(dir, { warn: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`pid ${pid}`);
    expect(warnings[0]).toContain('khoá cũ của thư mục dữ liệu');
    expect(readDataDirLock(dir)?.pid).toBe(process.pid);
    lock.release();
  });

  it('never takes over a lock held from another host, nor a lock file being written right now', async () => {
    const dir = fresh();
    const file = path.join(dir, LOCK_FILE_NAME);
    writeFileSync(file, JSON.stringify({ pid: await deadPid(), hostname: `not-${hostname()}`, startedAt: '2026-01-01T00:00:00.000Z', command: 'serve' }));
    expect(() => acquireDataDirLock(dir)).toThrow(/trên máy not-/);
    writeFileSync(file, '{"pid": 12');
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    expect(readFileSync(file, 'utf8')).toBe('{"pid": 12');
    // Still unreadable long after: a crash while writing it; taken over.
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    const warnings: string[] = [];
    acquireDataDirLock(dir, { warn: (m) => warnings.push(m) }).release();
    expect(warnings[0]).toContain('khoá không đọc được');
  });
});
