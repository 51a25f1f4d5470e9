import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { recordAudit } from './record-audit.ts';
import { verifyAuditChain } from './verify-audit-chain.ts';
import { renderMessage } from '../../domain/messages/message.ts';

describe(`audit chain on ${testEngine}`, () => {
  const ready = createTestDatabase();
  // Opening and migrating the database can be slow on a busy machine: let the hook's timeout cover it.
  beforeAll(async () => {
    await ready;
  });
  afterAll(async () => (await ready).close());

  it('verifies an empty log', async () => {
    const { db } = await ready;
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, entries: 0, firstBadId: null, reason: null });
  });

  it('keeps one unforked chain under 50 concurrent writers, in id order', async () => {
    const { db } = await ready;
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          await recordAudit(trx, {
            actor: `user:w${i}`,
            action: 'update',
            entity: 'observation',
            entityId: i,
            before: i % 2 ? null : { value: i - 1, when: new Date('2026-03-01T00:00:00Z') },
            after: { value: i, note: 'Giá trị tháng 3/2026', nested: { z: 1, a: [1, 'hai', null] } },
          });
        }),
      ),
    );
    const verdict = await verifyAuditChain(db);
    expect(verdict).toMatchObject({ ok: true, entries: 50, firstBadId: null, reason: null });
    const rows = await db.selectFrom('audit_log').select(['id', 'hash', 'prev_hash']).orderBy('id').execute();
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(50); // no two entries share a predecessor: no fork
    rows.forEach((row, i) => {
      expect(row.prev_hash).toBe(i === 0 ? null : rows[i - 1]?.hash);
      if (i > 0) expect(Number(row.id)).toBeGreaterThan(Number(rows[i - 1]?.id));
    });
    expect(verdict.head).toBe(rows[49]?.hash);
  });

  it('rolls the entry back with the write it audits', async () => {
    const { db } = await ready;
    await expect(
      db.transaction().execute(async (trx) => {
        await recordAudit(trx, { actor: 'user:x', action: 'create', entity: 'thing', entityId: null, before: null, after: { a: 1 } });
        throw new Error('write failed');
      }),
    ).rejects.toThrow('write failed');
    await recordAudit(db, { actor: 'user:x', action: 'create', entity: 'thing', entityId: 'after-rollback', before: null, after: null });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, entries: 51 });
  });

  it('refuses updates and deletes through the append-only trigger', async () => {
    const { db } = await ready;
    await expect(sql`update audit_log set actor = 'user:mallory' where id = (select min(id) from audit_log)`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('names the entry whose after was edited behind the trigger', async () => {
    const { db } = await ready;
    const target = await db.selectFrom('audit_log').select(['id', 'after']).orderBy('id').offset(20).limit(1).executeTakeFirstOrThrow();
    await tamper(db, sql`update audit_log set after = jsonb_set(after, '{value}', '999') where id = ${target.id}`);
    const verdict = await verifyAuditChain(db);
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBadId).toBe(Number(target.id));
    expect(renderMessage(verdict.reason!, 'en')).toMatch(/altered/);
    expect(renderMessage(verdict.reason!, 'vi')).toMatch(/đã bị sửa/);
    expect(verdict.entries).toBe(21);
    // Putting the original back makes the chain whole again: the hash covers content, not history.
    await tamper(db, sql`update audit_log set after = cast(${JSON.stringify(target.after)} as jsonb) where id = ${target.id}`);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('detects a deleted entry at the entry after it', async () => {
    const { db } = await ready;
    const rows = await db.selectFrom('audit_log').select('id').orderBy('id').offset(30).limit(2).execute();
    const [removed, next] = rows;
    if (!removed || !next) throw new Error('fixture too short');
    await tamper(db, sql`delete from audit_log where id = ${removed.id}`);
    const verdict = await verifyAuditChain(db);
    expect(verdict).toMatchObject({ ok: false, firstBadId: Number(next.id) });
    expect(renderMessage(verdict.reason!, 'en')).toMatch(/removed/);
  });
});

async function tamper(db: Awaited<ReturnType<typeof createTestDatabase>>['db'], statement: ReturnType<typeof sql>) {
  await db.transaction().execute(async (trx) => {
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(trx);
    await statement.execute(trx);
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(trx);
  });
}
