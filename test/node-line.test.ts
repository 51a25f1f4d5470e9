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
  it('is Node 20: engines allows 20.19 and later 20.x, and nothing of 18 or 22', () => {
    expect(semver.satisfies('20.19.0', pkg.engines.node)).toBe(true);
    expect(semver.satisfies('20.20.2', pkg.engines.node)).toBe(true);
    expect(semver.satisfies('18.20.0', pkg.engines.node)).toBe(false);
    expect(semver.satisfies('22.12.0', pkg.engines.node)).toBe(false);
  });

  it('every package in the lock file accepts the oldest Node we support', () => {
    const oldest = semver.minVersion(pkg.engines.node)!.version;
    const refusing = Object.entries(lock.packages)
      .filter(([name, p]) => name !== '' && p.engines && !Array.isArray(p.engines) && p.engines.node)
      .filter(([, p]) => !semver.satisfies(oldest, (p.engines as { node: string }).node, { includePrerelease: true }))
      .map(([name, p]) => `${name.replace(/^.*node_modules\//, '')}@${p.version} wants node ${(p.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });

  it('the container builds and runs on the same line, and CI refuses another', () => {
    const images = [...read('Dockerfile').matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
    expect(images).toEqual(['node:20-slim', 'node:20-slim']);
    expect(read('.ci/run')).toMatch(/node -p 'process\.versions\.node'/);
  });
});
