import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliDatabase } from '../../testing/cli-database.ts';
import { runCli } from '../../testing/run-cli.ts';
import { testEngine } from '../../testing/test-database.ts';
import { seedObservationFixtures } from '../../testing/observation-fixtures.ts';

// Each command is a fresh process (it opens and migrates the database): allow for a busy machine.
describe(`indicators, observations and connectors commands on ${testEngine}`, { timeout: 600_000 }, () => {
  const db = cliDatabase('theodoi-obs-cli-');
  const dir = db.dir;
  const file = (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  const source = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify([{ u: 'P_VT', p: '2026-04', v: 3 }])));

  beforeAll(async () => {
    await db.open(seedObservationFixtures);
    await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    source.close();
    await db.close();
  });

  it('imports indicators from CSV and XLSX, idempotently, all or nothing', async () => {
    const csv = file('ind.csv', 'code,name,measure,direction,aggregation,frequency\nHS_TT,Hồ sơ trực tuyến,hồ sơ,up,sum,monthly\n');
    const first = await runCli(['indicators', 'import', csv, '--json'], db.target);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ created: 1, updated: 0, unchanged: 0 });
    expect(JSON.parse((await runCli(['indicators', 'import', csv, '--json'], db.target)).stdout)).toMatchObject({ created: 0, unchanged: 1 });

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Chỉ số');
    sheet.addRow(['code', 'name', 'measure', 'direction', 'aggregation', 'frequency']);
    sheet.addRow(['HS_TT', 'Hồ sơ nộp trực tuyến', 'hồ sơ', 'up', 'sum', 'Hằng quý']);
    const xlsx = path.join(dir, 'ind.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    expect(JSON.parse((await runCli(['indicators', 'import', xlsx, '--json'], db.target)).stdout)).toMatchObject({ created: 0, updated: 1 });

    const bad = await runCli(['indicators', 'import', file('bad.csv', 'code,name,measure,direction,aggregation\nOK_1,Được,%,up,sum\nBAD,Sai,%,up,median\n'), '--json'], db.target);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/line 3, field "aggregation"/);
    const list = JSON.parse((await runCli(['indicators', 'list', '--json'], db.target)).stdout) as { code: string; frequency: string }[];
    expect(list.map((i) => i.code)).not.toContain('OK_1');
    expect(list.find((i) => i.code === 'HS_TT')?.frequency).toBe('quarterly');
  });

  it('imports observations with --dry-run, --source, --progress and --json, and exports the history', async () => {
    const csv = file('obs.csv', 'indicator,unit,period,value,numerator,denominator\nHS_TT,P_VT,2026-03,10,,\nDVC_TT,P_VT,2026-03,,45,50\n');
    const dry = await runCli(['observations', 'import', csv, '--dry-run', '--json'], db.target);
    expect(JSON.parse(dry.stdout)).toEqual({ imported: 2, updated: 0, unchanged: 0, dryRun: true, rows: 2 });
    // Said to a person in the CLI's language, Vietnamese unless THEODOI_LANG=en: never both at once.
    expect((await runCli(['observations', 'import', csv, '--dry-run'], db.target)).stdout).toBe('(chạy thử, chưa lưu) 2 mới, 0 phiên bản mới, 0 không đổi\n');
    expect((await runCli(['observations', 'import', csv, '--dry-run'], db.target, { env: { THEODOI_LANG: 'en' } })).stdout).toBe('(dry run, nothing stored) 2 imported, 0 updated, 0 unchanged\n');
    const real = await runCli(['observations', 'import', csv, '--source', 'so-lieu-thang-3', '--json', '--progress'], db.target);
    expect(real.code).toBe(0);
    expect(JSON.parse(real.stdout)).toEqual({ imported: 2, updated: 0, unchanged: 0, rows: 2 });
    expect(real.stderr).toMatch(/2\/2/);

    const bad = await runCli(['observations', 'import', file('bad-obs.csv', 'indicator,unit,period,value\nHS_TT,P_VT,2026-04,1\nHS_TT,P_VT,2026-13,1\n')], db.target);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/line 3.*field "period"/);

    const out = path.join(dir, 'history.csv');
    expect((await runCli(['observations', 'export', '--out', out], db.target)).code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^indicator,unit,period,period_start,period_end,version,current,value/);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(',')).sort()).toEqual(['DVC_TT,P_VT,2026-03', 'HS_TT,P_VT,2026-03']);
    expect(lines.join('\n')).toContain('so-lieu-thang-3');
  });

  it('runs a connector now and shows its status', async () => {
    const { port } = source.address() as AddressInfo;
    const config = file('connectors.yaml', [
      'connectors:',
      '  - name: hs',
      `    url: http://127.0.0.1:${port}/hs?key=\${HS_KEY}`,
      '    format: json',
      '    schedule: every 1h',
      '    fields: { indicator: "=HS_TT", unit: u, period: p, value: v }',
    ].join('\n'));
    const env = { HS_KEY: 'cli-secret-7' };
    const run = await runCli(['connectors', 'run', '--config', config, '--json'], db.target, { env });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([{ name: 'hs', status: 'ok', rows: 1, imported: 1, updated: 0, unchanged: 0 }]);
    const status = await runCli(['connectors', 'status', '--json'], db.target, { env: { ...env, THEODOI_CONNECTORS: config } });
    const [hs] = JSON.parse(status.stdout) as { name: string; lastSuccessAt: string | null; stale: boolean; expectedFrequency: string }[];
    expect(hs).toMatchObject({ name: 'hs', stale: false, expectedFrequency: 'quarterly' });
    expect(hs?.lastSuccessAt).not.toBeNull();
    expect(run.stdout + run.stderr + status.stdout + status.stderr).not.toContain('cli-secret-7');
    const missing = await runCli(['connectors', 'run', 'nope', '--config', config], db.target, { env });
    expect(missing.code).toBe(1);
  });
});
