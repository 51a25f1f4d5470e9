/**
 * What a newcomer does with the README: clone the repository, `npm start`, open the dashboard and
 * sign in as the demo leader. The clone is of this checkout's current commit (uncommitted changes are
 * not in it, as they would not be for the newcomer). Its node_modules is a symlink to this checkout's,
 * to spare a second `npm ci` of the same lock file; everything else — building the web (npm's
 * prestart), loading the demo city into a new data directory, serving — happens in the clone.
 * Slow (a web build and the demo city: about two minutes); it runs in CI with the rest of `npm test`.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../src/testing/browser.ts';
import { testEngine } from '../src/testing/test-database.ts';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const port = (probe.address() as { port: number }).port;
      probe.close(() => resolve(port));
    });
  });
}

// README's first run is on the embedded database: one run, on PGlite, is the one a newcomer makes.
describe.skipIf(testEngine !== 'pglite')('a fresh clone started as README says', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'theodoi-clone-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('npm start serves the demo city, and the demo leader signs in and sees the overview', async () => {
    // The command README gives, and what npm start runs.
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme).toContain('npm ci && npm start');
    const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toBe('node bin/theodoi.js serve --demo');

    const commit = (await run('git', ['rev-parse', 'HEAD'], { cwd: root })).stdout.trim();
    const clone = path.join(dir, 'theodoi');
    await run('git', ['clone', '--quiet', '--no-checkout', root, clone]);
    await run('git', ['checkout', '--quiet', commit], { cwd: clone });
    symlinkSync(path.join(root, 'node_modules'), path.join(clone, 'node_modules'));

    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, THEODOI_DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'info' };
    delete env.DATABASE_URL;
    // `npm start -- --port N`: the port is the only thing added to README's command.
    const child = spawn('npm', ['start', '--', '--port', String(port)], { cwd: clone, env, detached: true });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let out = '';
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const onData = (d: Buffer) => {
          out += d.toString();
          // The demo accounts are printed once the server is up (in the CLI's language: Vietnamese here).
          if (/Tài khoản dùng thử|Demo accounts/.test(out)) resolve(`http://127.0.0.1:${port}`);
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('exit', (code) => reject(new Error(`npm start exited with ${code}: ${out}`)));
      });
      expect(out).toMatch(/lanhdao\s+theodoi-demo/);

      const browser = await launchBrowser();
      try {
        const page = await browser.newPage();
        await page.goto(`${url}/login`);
        await page.locator('input[name="username"]').fill('lanhdao');
        await page.locator('input[name="password"]').fill('theodoi-demo');
        await page.locator('button[type="submit"]').click();
        // The heading shows the unit's code until the registry has loaded, then its name.
        const overview = page.getByRole('heading', { level: 1 }).filter({ hasText: /^Tổng quan: .*Hà Nội/ });
        await overview.waitFor({ timeout: 60_000 });
        expect(await overview.count()).toBe(1);
      } finally {
        await browser.close();
      }
    } finally {
      // npm runs the server as its child: stop the whole group this test started.
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
  }, 600_000);
});
