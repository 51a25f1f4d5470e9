/**
 * The installation an IT centre makes: the compiled server and the built web, dependencies without
 * the development ones (`npm ci --omit=dev`), then `theodoi serve`. Nothing of the TypeScript
 * toolchain (tsx, vite, vitest) is there, so a production import of a development package fails here.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { testEngine } from '../src/testing/test-database.ts';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Packaging does not depend on the database engine: one run (on the embedded one) is enough.
describe.skipIf(testEngine !== 'pglite')('a production installation (compiled, without dev dependencies)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'theodoi-prod-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds, installs with --omit=dev, answers --help, and serves the demo city with its dashboard', async () => {
    expect(existsSync(path.join(root, 'web/dist/index.html')), 'the web is built before the tests (npm test runs build:web first)').toBe(true);
    // The build the suite's global setup made (test/build-cli.global-setup.ts): the same
    // `tsc -p tsconfig.build.json` and copied assets as `npm run build`, so it is not compiled twice.
    const built = path.dirname(path.dirname(inject('cliEntry')));
    cpSync(built, path.join(dir, 'dist'), { recursive: true, filter: (file) => path.basename(file) !== '.tsbuildinfo' });
    for (const item of ['package.json', 'package-lock.json', 'bin']) cpSync(path.join(root, item), path.join(dir, item), { recursive: true });
    for (const web of ['web/dist', 'web/dist-ssr']) cpSync(path.join(root, web), path.join(dir, web), { recursive: true });
    await run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
    expect(existsSync(path.join(dir, 'node_modules/tsx')), 'tsx is a development tool only').toBe(false);
    expect(existsSync(path.join(dir, 'node_modules/vite'))).toBe(false);

    const help = await run(process.execPath, ['bin/theodoi.js', '--help'], { cwd: dir });
    expect(help.stdout).toContain('serve');

    const { spawn } = await import('node:child_process');
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info' };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['bin/theodoi.js', '--data-dir', path.join(dir, 'data'), 'serve', '--port', '0', '--demo'], { cwd: dir, env });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const onData = (d: Buffer) => {
          out += d.toString();
          const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1]!);
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
      });
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      // A signed-in leader's home page comes drawn by the server: the drawing carries its own React,
      // so no development dependency is needed for it.
      const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'lanhdao', password: 'theodoi-demo' }) });
      expect(login.status).toBe(200);
      const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const home = await (await fetch(`${url}/`, { headers: { cookie } })).text();
      expect(home).toContain('<script type="application/json" id="first-screen">');
      expect(home).toMatch(/<ul class="status-counts"/);
      const units = (await (await fetch(`${url}/api/v1/units`)).json()) as { units: unknown[] };
      expect(units.units.length).toBeGreaterThan(100);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 300_000);
});
