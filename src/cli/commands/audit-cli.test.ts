import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { cliDatabase } from '../../testing/cli-database.ts';
import { runCli } from '../../testing/run-cli.ts';
import { testEngine } from '../../testing/test-database.ts';
import { seedObservationFixtures } from '../../testing/observation-fixtures.ts';

interface Verdict {
  ok: boolean;
  firstBadId: number | null;
  batches: { checked: number; notCovered: number; mismatched: number; mismatches: { entryId: number; batchId: number; reason: string }[]; unaudited: { count: number; batchIds: number[]; reason: string | null } };
  anchor?: { id: number | null; ok: boolean; reason: string | null };
}

// Each command is a fresh process (it opens and migrates the database): allow for a busy machine.
describe(`theodoi audit verify / anchor on ${testEngine}`, { timeout: 600_000 }, () => {
  const db = cliDatabase('theodoi-audit-cli-');
  const dir = db.dir;
  const file = (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, db.target, { env });
  /** The CLI in English (THEODOI_LANG=en); Vietnamese otherwise. */
  const english = { THEODOI_LANG: 'en' };
  const verifyJson = async (...extra: string[]) => {
    const res = await cli(['audit', 'verify', '--json', ...extra]);
    return { code: res.code, verdict: JSON.parse(res.stdout) as Verdict, stderr: res.stderr };
  };
  /** Works on the CLI's database directly, as someone with SQL access would (PGlite: one process at a time). */
  const withDb = <T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> => db.withContext((ctx) => work(ctx.db));

  beforeAll(async () => {
    await db.open(seedObservationFixtures);
  });
  afterAll(async () => {
    await db.close();
  });

  it('verifies imports and a later correction through the normal import', async () => {
    const first = file('thang-3.csv', 'indicator,unit,period,value\nDN_SO,P_VT,2026-03,10\nDN_SO,P_HK,2026-03,7.5\n');
    expect((await cli(['observations', 'import', first, '--json'])).code).toBe(0);
    const correction = file('dinh-chinh.csv', 'indicator,unit,period,value,reason\nDN_SO,P_VT,2026-03,12,Đính chính số liệu tháng 3\n');
    expect((await cli(['observations', 'import', correction, '--json'])).code).toBe(0);

    const { code, verdict } = await verifyJson();
    expect(code).toBe(0);
    expect(verdict).toMatchObject({ ok: true, firstBadId: null, batches: { checked: 2, notCovered: 0, mismatched: 0, mismatches: [] } });
    const text = await cli(['audit', 'verify']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Chuỗi nguyên vẹn:');
    expect(text.stdout).toContain('Lô số liệu: đã kiểm 2, bị sửa 0, chưa có tóm tắt 0');
    expect(text.stdout).not.toMatch(/ \/ |checked/);
    const inEnglish = await cli(['audit', 'verify'], english);
    expect(inEnglish.stdout).toContain('ingest batches: 2 checked, 0 changed, 0 not covered');
    expect(inEnglish.stdout).not.toMatch(/ \/ |Lô số liệu/);
  });

  it('exits 3 naming the batch once a stored value is changed by SQL', async () => {
    const { batchId, entryId, id } = await withDb(async (db) => {
      const row = await db.selectFrom('observations').select(['id', 'batch_id']).where('period', '=', '2026-03').where('version', '=', 1).orderBy('id').limit(1).executeTakeFirstOrThrow();
      const entry = await db.selectFrom('audit_log').select('id').where('entity', '=', 'observation_batch').where('entity_id', '=', String(row.batch_id)).executeTakeFirstOrThrow();
      await sql`update observations set value = 100 where id = ${row.id}`.execute(db);
      return { batchId: Number(row.batch_id), entryId: Number(entry.id), id: row.id };
    });
    const { code, verdict } = await verifyJson();
    expect(code).toBe(3);
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBadId).toBeNull();
    expect(verdict.batches.mismatches.map((m) => [m.entryId, m.batchId])).toEqual([[entryId, batchId]]);

    const text = await cli(['audit', 'verify']);
    expect(text.code).toBe(3);
    expect(text.stderr).toContain(`SỐ LIỆU BỊ SỬA: lô số liệu ${batchId} (mục nhật ký ${entryId}) không còn khớp`);
    expect((await cli(['audit', 'verify'], english)).stderr).toContain(`BATCH CHANGED: observation batch ${batchId} (audit entry ${entryId})`);

    await withDb((db) => sql`update observations set value = 10 where id = ${id}`.execute(db));
    expect((await verifyJson()).code).toBe(0);
  });

  it('prints the head as an anchor, writes it to a file once, and catches a deleted tail with it', async () => {
    const printed = await cli(['audit', 'anchor']);
    expect(printed.code).toBe(0);
    const anchor = JSON.parse(printed.stdout) as Record<string, unknown>;
    const head = await withDb((db) => db.selectFrom('audit_log').select(['id', 'hash', 'at']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow());
    expect(Object.keys(anchor)).toEqual(['format', 'id', 'hash', 'at', 'takenAt']);
    expect(anchor).toMatchObject({ format: 'theodoi-audit-anchor/v1', id: Number(head.id), hash: head.hash, at: head.at.toISOString() });
    expect(anchor.takenAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const out = path.join(dir, 'anchor.json');
    const written = await cli(['audit', 'anchor', '--out', out]);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ id: anchor.id, hash: anchor.hash });
    // An anchor on file is evidence: a second export never overwrites it.
    expect((await cli(['audit', 'anchor', '--out', out])).code).toBe(1);

    expect(await verifyJson('--anchor', out)).toMatchObject({ code: 0, verdict: { ok: true, anchor: { id: anchor.id, ok: true } } });
    // Newer entries after the anchor are fine.
    expect((await cli(['observations', 'import', file('thang-4.csv', 'indicator,unit,period,value\nDN_SO,P_VT,2026-04,3\n')])).code).toBe(0);
    expect((await verifyJson('--anchor', out)).code).toBe(0);

    const newestBatch = await withDb(async (db) => Number((await db.selectFrom('ingest_batches').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id));
    // Removing the newest entries back past the anchor leaves a valid chain, but not one holding the anchor.
    await withDb((db) =>
      db.transaction().execute(async (trx) => {
        await sql`alter table audit_log disable trigger audit_log_append_only`.execute(trx);
        await sql`delete from audit_log where id >= ${head.id}`.execute(trx);
        await sql`alter table audit_log enable trigger audit_log_append_only`.execute(trx);
      }),
    );
    // The anchored head was the correction's batch entry: it and the later import's entry went with the
    // tail, so both batches lack an entry, and that alone already fails, naming them.
    const alone = await verifyJson();
    expect(alone.code).toBe(3);
    expect(alone.verdict).toMatchObject({ firstBadId: null, batches: { mismatched: 0, unaudited: { count: 2, batchIds: [newestBatch - 1, newestBatch] } } });
    expect((await cli(['audit', 'verify'])).stderr).toContain(`LÔ KHÔNG CÓ NHẬT KÝ: 2 lô số liệu không có mục nhật ký (${newestBatch - 1}, ${newestBatch})`);
    expect((await cli(['audit', 'verify'], english)).stderr).toContain(`BATCH NOT AUDITED: 2 observation batch(es) have no audit entry (${newestBatch - 1}, ${newestBatch})`);
    const cut = await verifyJson('--anchor', out);
    expect(cut.code).toBe(3);
    expect(cut.verdict.anchor).toMatchObject({ id: anchor.id, ok: false });
    // The reason in the CLI's language: Vietnamese unless THEODOI_LANG=en.
    expect(cut.verdict.anchor?.reason).toContain(`mục được đánh mốc ${String(anchor.id)} không còn trong nhật ký`);
    const text = await cli(['audit', 'verify', '--anchor', out]);
    expect(text.code).toBe(3);
    expect(text.stderr).toContain('MỐC KHÔNG KHỚP');
    expect(text.stderr).toContain(`mục được đánh mốc ${String(anchor.id)} không còn trong nhật ký`);
    expect((await cli(['audit', 'verify', '--anchor', out], english)).stderr).toContain(`anchored entry ${String(anchor.id)} is no longer in the log`);
  });

  it('names what is wrong with a bad anchor file', async () => {
    const bad = await cli(['audit', 'verify', '--anchor', file('bad-anchor.json', JSON.stringify({ format: 'theodoi-audit-anchor/v1', id: 'x', hash: 'abc' }))]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('field "id"');
    expect(bad.stderr).toContain('field "hash"');
  });
});
