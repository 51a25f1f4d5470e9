import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

/**
 * The CLI as compiled before the suite (test/build-cli.global-setup.ts), or the source entry when
 * this module runs outside vitest's global setup.
 */
export const CLI_ENTRY = (() => {
  try {
    return inject('cliEntry');
  } catch {
    return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/theodoi.js');
  }
})();

/**
 * Where a spawned CLI keeps its data: the test's own PostgreSQL database when the suite runs on
 * PostgreSQL (never the server's default database), or a PGlite directory otherwise.
 */
export interface CliTarget {
  /** The test database URL from `createTestDatabase()` (null on PGlite). */
  databaseUrl: string | null;
  /** PGlite data directory, used when `databaseUrl` is null. */
  dataDir: string;
}

function cliEnv(target: CliTarget, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra, LOG_LEVEL: extra.LOG_LEVEL ?? 'warn' };
  if (target.databaseUrl) env.DATABASE_URL = target.databaseUrl;
  else delete env.DATABASE_URL;
  return env;
}

/** Runs `theodoi <args>` to completion and returns what it printed and its exit code. */
export function runCli(
  args: string[],
  target: CliTarget,
  options: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_ENTRY, '--data-dir', target.dataDir, ...args], { env: cliEnv(target, options.env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Starts `theodoi serve --port 0` and resolves once it listens, with its URL and the child process. */
export function startCliServer(
  target: CliTarget,
  extraArgs: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_ENTRY, '--data-dir', target.dataDir, 'serve', '--port', '0', ...extraArgs], {
      env: cliEnv(target, { LOG_LEVEL: 'info', ...env }),
    });
    let output = '';
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) resolve({ url: m[1] as string, child, output: () => output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}
