import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { CLI_ENTRY } from '../../testing/run-cli.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** An empty database for the spawned CLI: a fresh data directory, or a fresh PostgreSQL database. */
async function prepare(): Promise<{ dir: string; args: string[]; env: NodeJS.ProcessEnv; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'theodoi-units-cli-'));
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if (testEngine === 'postgres') {
    const t = await createTestDatabase();
    return {
      dir,
      args: [],
      env: { ...env, DATABASE_URL: t.url ?? '' },
      cleanup: async () => {
        await t.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  return { dir, args: ['--data-dir', path.join(dir, 'data')], env, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_ENTRY, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// Each spawn starts tsx and opens the database afresh: slow on a busy machine, hence the long timeout.
describe(`theodoi units CLI on ${testEngine}`, { timeout: 300_000 }, () => {
  const ready = prepare();
  afterAll(async () => (await ready).cleanup());
  const cli = async (...args: string[]) => {
    const { args: dbArgs, env } = await ready;
    return run([...args, ...dbArgs], env);
  };

  it('resolves a name on an empty database, loading the built-in registry first', async () => {
    const res = await cli('units', 'resolve', 'so khoa hoc va cong nghe', '--json');
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as { input: string; collective: boolean; matches: Record<string, unknown>[] };
    expect(Object.keys(out)).toEqual(['input', 'collective', 'matches']);
    expect(out.input).toBe('so khoa hoc va cong nghe');
    expect(out.collective).toBe(false);
    expect(out.matches[0]).toEqual({ code: 'HN_SO_KHCN', name: 'Sở Khoa học và Công nghệ', kind: 'agency', score: 1 });
  });

  it('resolves the ward office within the ward, and prints exactly the list shape', async () => {
    const office = await cli('units', 'resolve', 'Văn phòng HỘND&UBND phường', '--within', 'HN_P_VINH_TUY', '--json');
    expect(office.code).toBe(0);
    expect((JSON.parse(office.stdout) as { matches: { code: string }[] }).matches[0]?.code).toBe('HN_P_VINH_TUY_VP');

    const list = await cli('units', 'list', '--json', '--kind', 'commune', '--as-of', '2026-01-01');
    expect(list.code).toBe(0);
    const communes = JSON.parse(list.stdout) as Record<string, unknown>[];
    expect(communes).toHaveLength(126);
    for (const c of communes) expect(Object.keys(c)).toEqual(['code', 'name', 'kind', 'parent']);
    expect(communes).toContainEqual({ code: 'HN_P_VINH_TUY', name: 'Phường Vĩnh Tuy', kind: 'commune', parent: 'HN' });
  });

  it('exports XLSX, re-imports it unchanged, and rejects a malformed file with exit code 2 naming line and field', async () => {
    const { dir } = await ready;
    const xlsx = path.join(dir, 'units.xlsx');
    expect((await cli('units', 'export', '--format', 'xlsx', '--out', xlsx)).code).toBe(0);
    const again = await cli('units', 'import', xlsx, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ created: 0, updated: 0 });
    // The same import said to a person: in Vietnamese, counts written the Vietnamese way, no English half.
    expect((await cli('units', 'import', xlsx)).stdout).toMatch(/^Đã nhập: 0 mới, 0 cập nhật, \d{1,3}(\.\d{3})* không đổi\n$/);

    const bad = path.join(dir, 'bad.csv');
    await writeFile(bad, 'code,name,kind,parent,aliases,valid_from,valid_to,successors\nT_OK,Đơn vị,agency,HN,,,,\nT_BAD,Đơn vị lỗi,agency,NO_SUCH,,,,\n');
    const res = await cli('units', 'import', bad);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('line 3, field "parent"');
    const list = await cli('units', 'list', '--json', '--q', 'T_OK');
    expect(JSON.parse(list.stdout)).toEqual([]);
  });
});
