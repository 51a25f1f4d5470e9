import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../app-context.ts';
import { cliDatabase } from '../../testing/cli-database.ts';
import { runCli } from '../../testing/run-cli.ts';
import { seedObservationFixtures } from '../../testing/observation-fixtures.ts';
import { testEngine } from '../../testing/test-database.ts';

/** A ward target on the fixture's online-procedures indicator, and no reporting obligation anywhere. */
async function seedWardTarget(ctx: AppContext): Promise<void> {
  await seedObservationFixtures(ctx);
  const ward = await ctx.db.selectFrom('units').select('id').where('code', '=', 'P_VT').executeTakeFirstOrThrow();
  const indicator = await ctx.db.selectFrom('indicators').select('id').where('code', '=', 'DVC_TT').executeTakeFirstOrThrow();
  await ctx.db.insertInto('targets').values({
    code: 'THU.P_VT.2026', indicator_id: indicator.id, text: 'Hồ sơ nộp trực tuyến của phường đạt từ 85% (mục tiêu thử)', op: '>=', value: 85,
    scope_unit_id: ward.id, due_on: '2026-12-31', start_on: '2026-01-01', baseline: 40,
  }).execute();
}

describe(`report build for a unit without a reporting obligation (${testEngine})`, { timeout: 600_000 }, () => {
  const db = cliDatabase('theodoi-status-report-');
  const dir = db.dir;

  beforeAll(async () => {
    await db.open(seedWardTarget);
  });
  afterAll(async () => {
    await db.close();
  });

  it('writes a status report of the ward’s targets as DOCX', async () => {
    const out = path.join(dir, 'bao-cao.docx');
    const res = await runCli(['report', 'build', '--unit', 'P_VT', '--period', '2026-03', '--format', 'docx', '--out', out, '--json'], db.target);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ targets: 1, state: 'none' });
    const body = strFromU8(unzipSync(readFileSync(out))['word/document.xml']!);
    expect(body).toContain('Phường Vĩnh Tuy');
    expect(body).toContain('85%');
  });

  it('still refuses a unit with neither an obligation nor a target, naming it', async () => {
    const res = await runCli(['report', 'build', '--unit', 'P_HK', '--period', '2026-03', '--format', 'docx', '--out', path.join(dir, 'x.docx')], db.target);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('Phường Hoàn Kiếm');
  });
});
