import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../testing/run-cli.ts';

describe('theodoi warn calibrate (spawned)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'theodoi-calibrate-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fits monotone maps on the seeds it is given and writes them as a table module naming how', async () => {
    // 40 targets a family: enough for some model and horizon to reach the 200 evaluations a map needs.
    const out = path.join(dir, 'table.ts');
    const r = await runCli(['warn', 'calibrate', '--seeds', '201', '--cases', '40', '--out', out, '--json'], { databaseUrl: null, dataDir: path.join(dir, 'data') });
    expect(r.code, r.stderr).toBe(0);
    const table = JSON.parse(r.stdout) as { fittedBy: string; curves: Record<string, { support: [number, number]; points: [number, number][] }> };
    expect(table.fittedBy).toContain('--seeds 201 --cases 40');
    expect(Object.keys(table.curves).length).toBeGreaterThan(0);
    for (const { support, points } of Object.values(table.curves)) {
      for (let i = 1; i < points.length; i++) {
        expect(points[i]![0]).toBeGreaterThan(points[i - 1]![0]);
        expect(points[i]![1]).toBeGreaterThanOrEqual(points[i - 1]![1]);
      }
      // The raw values the map was fitted over hold its breakpoints' middle ones at least.
      expect(support[0]).toBeLessThanOrEqual(support[1]);
      expect(support[0]).toBeGreaterThanOrEqual(0);
      expect(support[1]).toBeLessThanOrEqual(1);
    }
    const module = await readFile(out, 'utf8');
    expect(module).toContain('export const PMISS_CALIBRATION');
    expect(module).toContain('npx theodoi warn calibrate --seeds 201 --cases 40');
  });

  it('refuses a malformed seed list, naming the option', async () => {
    const r = await runCli(['warn', 'calibrate', '--seeds', 'abc'], { databaseUrl: null, dataDir: path.join(dir, 'data') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('seeds');
  });
});
