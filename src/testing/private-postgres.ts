import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A PostgreSQL server of our own in a temporary directory, for tests that stop and restart it. */
export interface PrivatePostgres {
  /** A URL to its `postgres` database as the superuser `theodoi`. */
  url: string;
  /** `pg_ctl restart -m fast`: every connection is cut, the server is back when this resolves. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it (immediately) and deletes its directory. */
  close(): Promise<void>;
}

/** The newest installed PostgreSQL's bin directory (Debian layout, as .ci/run looks for it), or null. */
export function findPostgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'pg_ctl')) && existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(a) - Number(b));
  const newest = versions.at(-1);
  return newest ? path.join(root, newest, 'bin') : null;
}

/**
 * Starts a private PostgreSQL on a free loopback port, the way .ci/run does: trust authentication,
 * no fsync, run as the `postgres` user when we are root (PostgreSQL refuses root). Null when no
 * PostgreSQL binaries are installed.
 *
 * @example
 * const pg = await startPrivatePostgres();
 * if (pg) { await pg.restart(); await pg.close(); }
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres | null> {
  const bin = findPostgresBin();
  if (!bin) return null;
  const dir = mkdtempSync(path.join(tmpdir(), 'theodoi-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const exec = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]) : run(path.join(bin, tool), args);
  const port = await freePort();
  const data = path.join(dir, 'data');
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c max_connections=50`;
  await exec('initdb', ['-D', data, '-U', 'theodoi', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const start = async () => {
    await exec('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', options, 'start']);
  };
  await start();
  return {
    url: `postgres://theodoi@127.0.0.1:${port}/postgres`,
    start,
    async restart() {
      await exec('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-m', 'fast', '-o', options, 'restart']);
    },
    async stop() {
      await exec('pg_ctl', ['-D', data, '-w', '-m', 'fast', 'stop']);
    },
    async close() {
      await exec('pg_ctl', ['-D', data, '-w', '-m', 'immediate', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
