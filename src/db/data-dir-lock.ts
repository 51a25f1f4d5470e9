import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { cliLang, message, renderMessage } from '../domain/messages/message.ts';

/** The lock's file inside the PGlite data directory (PGlite ignores files it does not know). */
export const LOCK_FILE_NAME = 'theodoi.lock';

/** Who holds a data directory: written into the lock file as JSON. */
export interface LockOwner {
  pid: number;
  hostname: string;
  /** ISO time the holder took the lock. */
  startedAt: string;
  /** The holder's command line after `theodoi` (e.g. `serve --demo`), to say who it is. */
  command: string;
}

/**
 * Another process holds the embedded database's data directory. PGlite is one process per directory:
 * a second one would corrupt or lose writes, so every command refuses (reads included).
 */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  readonly dataDir: string;
  readonly owner: LockOwner | null;
  constructor(dataDir: string, owner: LockOwner | null) {
    super(lockedMessage(dataDir, owner));
    this.dataDir = dataDir;
    this.owner = owner;
  }
}

/** A held lock; `release()` removes the file (only if it is still ours) and is safe to call twice. */
export interface DataDirLock {
  readonly file: string;
  release(): void;
}

const held = new Set<DataDirLock>();
let exitHooksInstalled = false;

/**
 * Takes the lock on a PGlite data directory, creating the directory if needed. The lock file is
 * created atomically (`wx`); one left by a process that no longer runs on this host is taken over
 * with a warning on stderr. Throws `DataDirLockedError` when a live process holds it.
 *
 * @example
 * const lock = acquireDataDirLock('./data');
 * try { ... } finally { lock.release(); }
 */
export function acquireDataDirLock(dataDir: string, options: { warn?: (message: string) => void } = {}): DataDirLock {
  const warn = options.warn ?? ((m: string) => process.stderr.write(`${m}\n`));
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE_NAME);
  const me: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString(), command: commandLine() };
  // A few rounds at most: one may find a stale lock and remove it; failing again means another
  // process took it over in between, and that process is alive.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      try {
        writeSync(fd, `${JSON.stringify(me)}\n`);
      } finally {
        closeSync(fd);
      }
      return track(file, me);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(file);
    if (owner === undefined) continue; // vanished between open and read: try again
    if (owner && !isStale(owner)) throw new DataDirLockedError(dataDir, owner);
    if (owner === null && !isOldUnreadable(file)) {
      // Unreadable or half-written: its holder may be writing it right now. Treat as held.
      throw new DataDirLockedError(dataDir, null);
    }
    // Another process may have taken the stale lock over since we read it: remove only what we judged.
    if (!sameOwner(readOwner(file), owner)) continue;
    // Said to whoever runs the command or server, in the CLI's language (THEODOI_LANG).
    const said = owner
      ? message('db.stale_lock_taken_over', { dir: dataDir, pid: String(owner.pid), host: owner.hostname, since: owner.startedAt })
      : message('db.unreadable_lock_taken_over', { dir: dataDir });
    warn(renderMessage(said, cliLang()));
    try {
      unlinkSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new DataDirLockedError(dataDir, readOwner(file) ?? null);
}

/** The holder recorded in `dataDir`'s lock file; null when there is none or it cannot be read. */
export function readDataDirLock(dataDir: string): LockOwner | null {
  return readOwner(path.join(dataDir, LOCK_FILE_NAME)) ?? null;
}

/** undefined: no file; null: a file that is not a lock we can read. */
function readOwner(file: string): LockOwner | null | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid !== 'number' || typeof value.hostname !== 'string') return null;
    return { pid: value.pid, hostname: value.hostname, startedAt: String(value.startedAt ?? ''), command: String(value.command ?? '') };
  } catch {
    return null;
  }
}

function sameOwner(a: LockOwner | null | undefined, b: LockOwner | null): boolean {
  if (!a || !b) return a === b;
  return a.pid === b.pid && a.hostname === b.hostname && a.startedAt === b.startedAt;
}

/** An unreadable lock file more than a few seconds old was left by a crash while it was being written. */
function isOldUnreadable(file: string): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs > 10_000;
  } catch {
    return true;
  }
}

/** Stale: on this host and its process no longer runs. A lock from another host is never stale here. */
function isStale(owner: LockOwner): boolean {
  if (owner.hostname !== hostname()) return false;
  if (owner.pid === process.pid) return false;
  return !processIsAlive(owner.pid);
}

function processIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function track(file: string, me: LockOwner): DataDirLock {
  const lock: DataDirLock = {
    file,
    release() {
      if (!held.delete(lock)) return;
      const owner = readOwner(file);
      if (owner && !sameOwner(owner, me)) return; // not ours any more: leave it
      try {
        unlinkSync(file);
      } catch {
        // Already gone: nothing to release.
      }
    },
  };
  held.add(lock);
  installExitHooks();
  return lock;
}

/**
 * Releases every held lock when the process ends: on a normal exit, and on SIGINT/SIGTERM when no one
 * else handles the signal (`serve` does, and releases the lock as it closes the database).
 */
function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', releaseAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      if (process.listenerCount(signal) > 1) return; // someone else shuts down, and closes the database
      releaseAll();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

function releaseAll(): void {
  for (const lock of [...held]) lock.release();
}

function commandLine(): string {
  const args = process.argv.slice(2);
  return args.join(' ');
}

/**
 * The refusal in the CLI's language (THEODOI_LANG, Vietnamese unless English is asked): who holds
 * the directory and what to do instead.
 */
function lockedMessage(dataDir: string, owner: LockOwner | null): string {
  const lang = cliLang();
  if (!owner) return renderMessage(message('db.data_dir_held_unknown', { dir: dataDir }), lang);
  const who = { dir: dataDir, pid: String(owner.pid), host: owner.hostname, since: owner.startedAt || '?' };
  const isServer = /(^|\s)serve(\s|$)/.test(owner.command);
  return isServer
    ? renderMessage(message('db.data_dir_held_by_server', who), lang)
    : renderMessage(message('db.data_dir_held_by_process', { ...who, command: owner.command }), lang);
}
