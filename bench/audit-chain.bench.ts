// Cost of the tamper-evident audit chain: appending entries through recordAudit (advisory lock, read
// the head, reserve the id, hash, insert) against a plain INSERT of the same rows without chaining,
// each in its own transaction as a real write would be; then verification speed against reading the
// same rows. PostgreSQL when DATABASE_URL is set (a scratch database), else an in-memory PGlite.
import { sql } from 'kysely';
import { createTestDatabase } from '../src/testing/test-database.ts';
import { recordAudit } from '../src/use-cases/audit/record-audit.ts';
import { verifyAuditChain } from '../src/use-cases/audit/verify-audit-chain.ts';
import { opsPerSecond, type Benchmark, type BenchResult } from './harness.ts';

const bench: Benchmark = {
  title: 'Audit chain (append and verify)',
  async run(): Promise<BenchResult[]> {
    const database = await createTestDatabase();
    const { db } = database;
    try {
      await sql`create table audit_plain (like audit_log including defaults)`.execute(db);
      let n = 0;
      const after = (i: number) => ({ indicator: 'DVC-TT', unit: 'VT', period: '2026-03', value: i, source: 'bench' });
      const appends = await opsPerSecond(() =>
        db.transaction().execute((trx) =>
          recordAudit(trx, { actor: 'token:1', action: 'import', entity: 'observation', entityId: ++n, before: null, after: after(n) }),
        ),
      2000);
      let m = 0;
      const plain = await opsPerSecond(() =>
        db.transaction().execute(async (trx) => {
          m++;
          await sql`insert into audit_plain (actor, action, entity, entity_id, before, after, hash)
            values ('token:1', 'import', 'observation', ${String(m)}, null, cast(${JSON.stringify(after(m))} as jsonb), 'x')`.execute(trx);
        }),
      2000);
      const entries = (await verifyAuditChain(db)).entries;
      const verifies = await opsPerSecond(() => verifyAuditChain(db), 1000);
      const reads = await opsPerSecond(() => db.selectFrom('audit_log').selectAll().orderBy('id').execute(), 1000);
      return [
        {
          name: 'audit append (chained, one per transaction)',
          value: appends,
          unit: 'entries/s',
          baselineName: 'plain INSERT of the same row, one per transaction',
          baselineValue: plain,
          higherIsBetter: true,
          notes: { engine: database.engine },
        },
        {
          name: 'audit verify',
          value: verifies * entries,
          unit: 'entries/s',
          baselineName: 'select the same rows in id order',
          baselineValue: reads * entries,
          higherIsBetter: true,
          notes: { entries },
        },
      ];
    } finally {
      await database.close();
    }
  },
};

export default bench;
