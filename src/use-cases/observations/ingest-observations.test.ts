import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import { ConflictError, ForbiddenError, InputError } from '../../domain/errors.ts';
import { countVersions, listObservations } from '../../repositories/observations.repository.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { ingestObservations, type ObservationWriter } from './ingest-observations.ts';
import { principalFor, seedObservationFixtures } from '../../testing/observation-fixtures.ts';

const system: ObservationWriter = { actor: 'token:1', origin: 'system', principal: null };

describe(`ingestObservations on ${testEngine}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database);
    await seedObservationFixtures(ctx);
  });
  afterAll(async () => database.close());

  const cell = (period: string, value: number, unit = 'P_VT') => ({ indicator: 'DN_SO', unit, period, value });

  it('stores nothing when one row among many is bad, and names every bad row and field', async () => {
    const before = await countVersions(ctx.db);
    const rows: unknown[] = Array.from({ length: 200 }, (_, i) => cell(`20${10 + (i % 50)}-0${1 + (i % 9)}`, i));
    rows[57] = { indicator: 'DN_SO', unit: 'P_VT', period: '2026-13', value: 1 };
    rows[120] = { indicator: 'NOPE', unit: 'P_XX', period: '2026-01', value: 'abc' };
    rows[150] = { indicator: 'DVC_TT', unit: 'P_VT', period: '2026-01', value: 1, numerator: 1, denominator: 2 };
    rows[151] = { indicator: 'DVC_TT', unit: 'P_VT', period: '2026-01', numerator: 1, denominator: 0 };
    rows[152] = { indicator: 'DVC_TT', unit: 'P_VT', period: '2026-01' };
    const error = await ingestObservations(ctx, system, { source: 'test', observations: rows }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    const conflicts = (error as InputError).problems.map((p) => `${p.index}:${p.field}`);
    expect(conflicts).toEqual(['57:period', '120:indicator', '120:unit', '120:value', '150:value', '151:denominator', '152:value']);
    expect(await countVersions(ctx.db)).toBe(before);
  });

  it('counts new cells, new versions and repeats; a repeat stores no version', async () => {
    const first = await ingestObservations(ctx, system, { source: 'test', observations: [cell('2026-01', 10), cell('2026-02', 20)] });
    expect(first.summary).toEqual({ imported: 2, updated: 0, unchanged: 0 });
    const second = await ingestObservations(ctx, system, { source: 'test', observations: [cell('2026-01', 10), cell('2026-02', 21), cell('2026-03', 5)] });
    expect(second.summary).toEqual({ imported: 1, updated: 1, unchanged: 1 });
    const history = await listObservations(ctx.db, { unit: 'P_VT', indicator: 'DN_SO', fromDate: '2026-01-01', toDate: '2026-03-31', history: true, unitIds: 'all', includeClassified: true });
    expect(history.map((h) => `${h.period} v${h.version}=${h.value}${h.current ? '*' : ''}`)).toEqual(['2026-01 v1=10*', '2026-02 v1=20', '2026-02 v2=21*', '2026-03 v1=5*']);
    expect(second.changes).toHaveLength(2);
  });

  it('computes a ratio value from numerator and denominator (× 100 for %)', async () => {
    await ingestObservations(ctx, system, { source: 'test', observations: [{ indicator: 'DVC_TT', unit: 'P_HK', period: '2026-Q1', numerator: 45, denominator: 50 }] });
    const [row] = await listObservations(ctx.db, { indicator: 'DVC_TT', unit: 'P_HK', history: false, unitIds: 'all', includeClassified: true });
    expect(row).toMatchObject({ value: 90, numerator: 45, denominator: 50, period: '2026-Q1', periodStart: '2026-01-01', periodEnd: '2026-03-31' });
  });

  it('validates without storing on a dry run, and tells what would happen', async () => {
    const before = await countVersions(ctx.db);
    const result = await ingestObservations(ctx, system, { source: 'test', observations: [cell('2026-01', 10), cell('2026-04', 1)], dryRun: true });
    expect(result.summary).toEqual({ imported: 1, updated: 0, unchanged: 1, dryRun: true });
    expect(await countVersions(ctx.db)).toBe(before);
  });

  it('answers a retry with the same key and body with the first answer, and refuses another body', async () => {
    const body = { source: 'test', observations: [cell('2025-01', 1), cell('2025-02', 2)] };
    const first = await ingestObservations(ctx, system, { ...body, idempotencyKey: 'k-1' });
    const count = await countVersions(ctx.db);
    const again = await ingestObservations(ctx, system, { ...body, idempotencyKey: 'k-1' });
    expect(again.summary).toEqual(first.summary);
    expect(again.replayed).toBe(true);
    expect(await countVersions(ctx.db)).toBe(count);
    await expect(ingestObservations(ctx, system, { source: 'test', observations: [cell('2025-01', 9)], idempotencyKey: 'k-1' })).rejects.toBeInstanceOf(ConflictError);
    expect(await countVersions(ctx.db)).toBe(count);
  });

  it('refuses a unit outside the principal subtree and stores nothing', async () => {
    const before = await countVersions(ctx.db);
    const reporter = principalFor('reporter', 'P_VT');
    const writer: ObservationWriter = { actor: reporter.actor, origin: 'system', principal: reporter };
    await expect(ingestObservations(ctx, writer, { source: 'test', observations: [cell('2024-01', 1, 'P_VT_VH'), cell('2024-01', 1, 'P_HK')] })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await countVersions(ctx.db)).toBe(before);
    const ok = await ingestObservations(ctx, writer, { source: 'test', observations: [cell('2024-01', 1, 'P_VT_VH')] });
    expect(ok.summary.imported).toBe(1);
    const viewer = principalFor('viewer', 'HN');
    await expect(ingestObservations(ctx, { actor: viewer.actor, origin: 'system', principal: viewer }, { source: 'test', observations: [cell('2024-02', 1)] })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('asks manual entries for evidence', async () => {
    const user = principalFor('reporter', 'P_VT', 'user');
    const writer: ObservationWriter = { actor: user.actor, origin: 'manual', principal: user };
    const error = await ingestObservations(ctx, writer, { source: 'web', observations: [cell('2023-01', 1)] }).catch((e: unknown) => e);
    expect((error as InputError).problems).toEqual([expect.objectContaining({ index: 0, field: 'evidenceUrl' })]);
    const ok = await ingestObservations(ctx, writer, { source: 'web', observations: [{ ...cell('2023-01', 1), evidenceUrl: 'https://example.org/bien-ban.pdf' }] });
    expect(ok.summary.imported).toBe(1);
  });

  it('keeps every version when many writers hit the same cells at once', async () => {
    const writers = 20;
    const results = await Promise.all(
      Array.from({ length: writers }, (_, w) =>
        ingestObservations(ctx, system, { source: `w${w}`, observations: [cell('2022-01', 1000 + w), cell('2022-02', 2000 + w)] }),
      ),
    );
    expect(results.reduce((n, r) => n + r.summary.imported + r.summary.updated, 0)).toBe(2 * writers);
    const history = await listObservations(ctx.db, { unit: 'P_VT', indicator: 'DN_SO', fromDate: '2022-01-01', toDate: '2022-02-28', history: true, unitIds: 'all', includeClassified: true });
    for (const period of ['2022-01', '2022-02']) {
      const versions = history.filter((h) => h.period === period);
      expect(versions.map((v) => v.version)).toEqual(Array.from({ length: writers }, (_, i) => i + 1));
      expect(versions.filter((v) => v.current)).toEqual([versions.at(-1)]);
    }
  });
});
