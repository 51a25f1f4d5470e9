/**
 * The container files (Dockerfile, deploy/compose.yaml, deploy/Caddyfile) cannot be run here (no
 * Docker on the development and CI machines), so this checks what can be checked without it: the
 * compose file parses and wires the services as README says, and every command the image and the
 * compose file run exists — as an npm script or as a `theodoi` command.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../src/testing/run-cli.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const dockerfile = read('Dockerfile');
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  restart?: string;
  volumes?: string[];
}
const compose = parse(read('deploy/compose.yaml'), { merge: true }) as { services: Record<string, Service> };

describe('the container image and the compose file', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'theodoi-deploy-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('the Dockerfile builds in one stage with dev dependencies and runs without them, as a non-root user with a health check', () => {
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages).toHaveLength(2);
    expect(stages[0]).toMatch(/^RUN npm ci --no-audit/m);
    expect(stages[1]).toMatch(/^RUN npm ci --omit=dev/m);
    expect(stages[1]).toMatch(/apt-get install[^\n]*\bchromium\b/);
    expect(stages[1]).toMatch(/^USER (?!root)\w+/m);
    expect(stages[1]).toMatch(/^HEALTHCHECK [\s\S]*\/api\/health/m);
  });

  it('every `npm run` in the Dockerfile is a script of package.json', () => {
    const used = [...dockerfile.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(scripts, `npm run ${name}`).toHaveProperty(name);
  });

  it('PostgreSQL, a one-shot migration, two API instances and a proxy, each with its health check', () => {
    const s = compose.services;
    expect(Object.keys(s).sort()).toEqual(['api-1', 'api-2', 'db', 'migrate', 'proxy']);
    expect(s.db!.healthcheck!.test.join(' ')).toContain('pg_isready');
    expect(s.migrate!.command).toEqual(['node', 'bin/theodoi.js', 'db', 'migrate']);
    expect(s.migrate!.restart).toBe('no');
    for (const api of ['api-1', 'api-2']) {
      const service = s[api]!;
      expect(service.depends_on).toMatchObject({ db: { condition: 'service_healthy' }, migrate: { condition: 'service_completed_successfully' } });
      expect(service.environment!.DATABASE_URL).toBe(s.migrate!.environment!.DATABASE_URL);
      expect(service.healthcheck!.test.join(' ')).toContain('/api/health');
    }
    expect(s.proxy!.depends_on).toMatchObject({ 'api-1': { condition: 'service_healthy' }, 'api-2': { condition: 'service_healthy' } });
    const caddyfile = read('deploy/Caddyfile');
    expect(s.proxy!.volumes!.some((v) => v.startsWith('./Caddyfile:'))).toBe(true);
    expect(caddyfile).toMatch(/reverse_proxy api-1:3000 api-2:3000/);
    expect(caddyfile).toMatch(/health_uri \/api\/health/);
  });

  it('the commands the image and the compose file run are theodoi commands', async () => {
    const cmd = /^CMD \[(.*)\]$/m.exec(dockerfile)![1]!.split(',').map((w) => JSON.parse(w.trim()) as string);
    expect(cmd.slice(0, 2)).toEqual(['node', 'bin/theodoi.js']);
    for (const args of [cmd.slice(2), compose.services.migrate!.command!.slice(2)]) {
      const help = await runCli([...args, '--help'], { databaseUrl: null, dataDir });
      expect(help.code, `theodoi ${args.join(' ')} --help: ${help.stderr}`).toBe(0);
      // An unknown command would print the program's help, not this usage line.
      expect(help.stdout).toContain(`Usage: theodoi ${args.join(' ')} [options]`);
    }
  });
});
