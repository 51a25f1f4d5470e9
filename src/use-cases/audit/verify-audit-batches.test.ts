import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { ingestObservations, type ObservationWriter } from '../observations/ingest-observations.ts';
import { seedObservationFixtures } from '../../testing/observation-fixtures.ts';
import { anchorAuditChain } from './anchor-audit-chain.ts';
import { recordAudit } from './record-audit.ts';
import { auditVerdictIn, verifyAuditChain } from './verify-audit-chain.ts';

/** The verdict with its reasons in English, as `theodoi audit verify` says them with THEODOI_LANG=en. */
const verifiedInEnglish = async (...args: Parameters<typeof verifyAuditChain>) => auditVerdictIn(await verifyAuditChain(...args), 'en');


const system: ObservationWriter = { actor: 'connector:dvc', origin: 'system', principal: null };

// One database for the file: each test leaves it verifying again, so the next starts from a whole log.
describe(`audit verify: ingest batch digests and anchors on ${testEngine}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database);
    await seedObservationFixtures(ctx);
  });
  afterAll(async () => database.close());

  const cell = (period: string, value: number, unit = 'P_VT') => ({ indicator: 'DN_SO', unit, period, value });
  const batchEntry = async (batchId: number) =>
    ctx.db.selectFrom('audit_log').select(['id', 'after']).where('entity', '=', 'observation_batch').where('entity_id', '=', String(batchId)).executeTakeFirstOrThrow();
  const lastBatchId = async () => Number((await ctx.db.selectFrom('ingest_batches').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id);

  it('records a digest of the rows each batch stored, and an untouched database verifies', async () => {
    await ingestObservations(ctx, system, { source: 'dvc', observations: [cell('2026-01', 10), cell('2026-02', 20.125), { indicator: 'DVC_TT', unit: 'P_HK', period: '2026-Q1', numerator: 45, denominator: 50 }] });
    const entry = await batchEntry(await lastBatchId());
    expect(entry.after).toMatchObject({ imported: 3, rowsDigest: { format: 'observation-rows/v1', rows: 3, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown } });
    const verdict = await verifiedInEnglish(ctx.db);
    expect(verdict).toMatchObject({ ok: true, firstBadId: null, batches: { checked: 1, notCovered: 0, mismatched: 0, mismatches: [] } });
  });

  it('still verifies after a legitimate correction through ingest: the correction is a new version under its own batch', async () => {
    const first = await lastBatchId();
    const result = await ingestObservations(ctx, system, { source: 'dvc', observations: [cell('2026-02', 21), cell('2026-03', 5)] });
    expect(result.summary).toEqual({ imported: 1, updated: 1, unchanged: 0 });
    // A batch repeating current values stores nothing, and its empty digest holds too.
    await ingestObservations(ctx, system, { source: 'dvc', observations: [cell('2026-02', 21)] });
    expect(await lastBatchId()).toBe(first + 2);
    expect(await verifiedInEnglish(ctx.db)).toMatchObject({ ok: true, batches: { checked: 3, mismatched: 0 } });
  });

  it('fails naming the batch and its entry when one stored value is edited by SQL, and holds again once it is put back', async () => {
    const batchId = await lastBatchId() - 2;
    const entry = await batchEntry(batchId);
    const row = await ctx.db.selectFrom('observations').select(['id', 'value']).where('batch_id', '=', batchId).orderBy('id').offset(1).limit(1).executeTakeFirstOrThrow();
    await sql`update observations set value = 99 where id = ${row.id}`.execute(ctx.db);

    const verdict = await verifiedInEnglish(ctx.db);
    expect(verdict.ok).toBe(false);
    // The chain itself is whole: only the data under it changed.
    expect(verdict.firstBadId).toBeNull();
    expect(verdict.batches).toMatchObject({ checked: 3, mismatched: 1 });
    expect(verdict.batches.mismatches).toEqual([{ entryId: Number(entry.id), batchId, reason: expect.stringContaining(`observation batch ${batchId} (audit entry ${entry.id})`) as unknown }]);
    expect(verdict.batches.mismatches[0]?.reason).toContain('3 rows, as recorded');

    await sql`update observations set value = ${row.value} where id = ${row.id}`.execute(ctx.db);
    expect(await verifiedInEnglish(ctx.db)).toMatchObject({ ok: true, batches: { mismatched: 0 } });

    // A change too small for a float (numeric keeps every digit, and so does the digest) is caught as well.
    await sql`update observations set value = value + 0.0000000000000000001 where id = ${row.id}`.execute(ctx.db);
    expect((await verifiedInEnglish(ctx.db)).batches.mismatches.map((m) => m.batchId)).toEqual([batchId]);
    await sql`update observations set value = ${row.value} where id = ${row.id}`.execute(ctx.db);
    expect((await verifiedInEnglish(ctx.db)).ok).toBe(true);
  });

  it('catches a stored row deleted, or one slipped in under a batch id, by the row count', async () => {
    const batchId = await lastBatchId() - 1;
    const victim = await ctx.db.selectFrom('observations').selectAll().where('batch_id', '=', batchId).orderBy('id').limit(1).executeTakeFirstOrThrow();
    await sql`delete from observations where id = ${victim.id}`.execute(ctx.db);
    const verdict = await verifiedInEnglish(ctx.db);
    expect(verdict.batches.mismatches).toEqual([expect.objectContaining({ batchId, reason: expect.stringContaining('1 rows now, 2 recorded') as unknown })]);
    await ctx.db.insertInto('observations').values(victim).execute();
    expect((await verifiedInEnglish(ctx.db)).ok).toBe(true);

    const { id: _id, ...copy } = victim;
    await ctx.db.insertInto('observations').values({ ...copy, period: '2026-04', period_start: '2026-04-01', period_end: '2026-04-30' }).execute();
    expect((await verifiedInEnglish(ctx.db)).batches.mismatches).toEqual([expect.objectContaining({ batchId, reason: expect.stringContaining('3 rows now, 2 recorded') as unknown })]);
    await sql`delete from observations where batch_id = ${batchId} and period = '2026-04'`.execute(ctx.db);
    expect((await verifiedInEnglish(ctx.db)).ok).toBe(true);
  });

  it('digests a batch longer than a read page, in numeric id order ("10" after "9"), and verifies it', async () => {
    const units = ['P_VT', 'P_HK', 'P_VT_VH', 'HN'];
    // 5 004 rows: past the 5 000-row page, and ids past every digit boundary up to four digits.
    const rows = Array.from({ length: 5_004 }, (_, i) => ({
      indicator: 'MAT_01', unit: units[i % 4], period: `${2000 + Math.floor(i / 48)}-${String((Math.floor(i / 4) % 12) + 1).padStart(2, '0')}`, value: (i % 800) / 8,
    }));
    await ingestObservations(ctx, system, { source: 'dvc', observations: rows });
    const batchId = await lastBatchId();
    expect((await batchEntry(batchId)).after).toMatchObject({ rowsDigest: { rows: 5_004 } });
    expect(await verifiedInEnglish(ctx.db)).toMatchObject({ ok: true, batches: { checked: 4, mismatched: 0 } });
    const last = await ctx.db.selectFrom('observations').select('id').where('batch_id', '=', batchId).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    await sql`update observations set note = 'sửa lén' where id = ${last.id}`.execute(ctx.db);
    expect((await verifiedInEnglish(ctx.db)).batches.mismatches.map((m) => m.batchId)).toEqual([batchId]);
    await sql`update observations set note = null where id = ${last.id}`.execute(ctx.db);
    expect((await verifiedInEnglish(ctx.db)).ok).toBe(true);
  });

  it('reports batch entries written before digests existed as not covered, without failing', async () => {
    await recordAudit(ctx.db, {
      actor: 'connector:old',
      action: 'ingest',
      entity: 'observation_batch',
      entityId: 9_999,
      before: null,
      after: { source: 'old', origin: 'system', idempotencyKey: null, rows: 1, imported: 1, updated: 0, unchanged: 0 },
    });
    expect(await verifiedInEnglish(ctx.db)).toMatchObject({ ok: true, batches: { checked: 4, notCovered: 1, mismatched: 0 } });
  });

  it('fails naming a stored batch that no audit entry records (inserted by SQL), and holds once it is gone', async () => {
    const { rows } = await sql<{ id: number }>`insert into ingest_batches (idempotency_key, request_hash, source, actor, response) values (null, 'lén', 'tay', 'connector:lén', '{}') returning id`.execute(ctx.db);
    const orphan = Number(rows[0]?.id);
    const verdict = await verifiedInEnglish(ctx.db);
    expect(verdict.ok).toBe(false);
    // The chain and every recorded digest hold: only the batch without an entry is wrong.
    expect(verdict).toMatchObject({ firstBadId: null, batches: { mismatched: 0, unaudited: { count: 1, batchIds: [orphan] } } });
    expect(verdict.batches.unaudited.reason).toContain(`(${orphan})`);
    await sql`delete from ingest_batches where id = ${orphan}`.execute(ctx.db);
    expect(await verifiedInEnglish(ctx.db)).toMatchObject({ ok: true, batches: { unaudited: { count: 0, batchIds: [], reason: null } } });
  });

  it('detects deleting the tail of the chain against an anchor taken before', async () => {
    const anchor = await anchorAuditChain(ctx);
    const head = await ctx.db.selectFrom('audit_log').select(['id', 'hash', 'at']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(anchor).toEqual({ format: 'theodoi-audit-anchor/v1', id: Number(head.id), hash: head.hash, at: head.at.toISOString(), takenAt: expect.any(String) as unknown });
    expect(await verifiedInEnglish(ctx.db, { anchor })).toMatchObject({ ok: true, anchor: { id: anchor.id, ok: true, reason: null } });

    // Later legitimate entries leave the anchored head inside the chain.
    await ingestObservations(ctx, system, { source: 'dvc', observations: [cell('2026-05', 7)] });
    expect(await verifiedInEnglish(ctx.db, { anchor })).toMatchObject({ ok: true, anchor: { ok: true } });

    // Someone with owner rights removes the newest two entries: the shorter chain is valid on its own…
    const newestBatch = await lastBatchId();
    const survivor = await ctx.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').offset(2).limit(1).executeTakeFirstOrThrow();
    await tamperAudit(sql`delete from audit_log where id > ${survivor.id}`);
    const alone = await verifiedInEnglish(ctx.db);
    expect(alone).toMatchObject({ firstBadId: null });
    // …though the batch whose entry went with them is caught as one no entry records…
    expect(alone).toMatchObject({ ok: false, batches: { unaudited: { count: 1, batchIds: [newestBatch] } } });
    // …and the cut itself, which a tail of other entries would not show, against the anchor.
    const anchored = await verifiedInEnglish(ctx.db, { anchor });
    expect(anchored.ok).toBe(false);
    expect(anchored.anchor).toEqual({ id: anchor.id, hash: anchor.hash, ok: false, reason: `anchored entry ${anchor.id} is no longer in the log (the log now ends at entry ${survivor.id}): entries were deleted` });

    // An anchor whose hash differs from the stored one (a rewritten log) fails too.
    const rewritten = await verifiedInEnglish(ctx.db, { anchor: { ...anchor, id: Number(survivor.id), hash: 'f'.repeat(64) } });
    expect(rewritten.anchor).toMatchObject({ ok: false, reason: expect.stringMatching(/no longer has the anchored hash/) as unknown });
  });

  async function tamperAudit(statement: ReturnType<typeof sql>) {
    await ctx.db.transaction().execute(async (trx) => {
      await sql`alter table audit_log disable trigger audit_log_append_only`.execute(trx);
      await statement.execute(trx);
      await sql`alter table audit_log enable trigger audit_log_append_only`.execute(trx);
    });
  }
});
