import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import { InputError } from '../../domain/errors.ts';
import { readPlanDocument } from '../../importers/read-plan-document.ts';
import { loadBuiltInRegistry } from '../../registry/hanoi.ts';
import { countPlanRows } from '../../repositories/plans.repository.ts';
import { upsertRegistryUnits } from '../../repositories/units.repository.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { listAudit } from '../audit/list-audit.ts';
import { getPlan } from './get-plan.ts';
import { importPlan, versionHash, type ImportPlanResult } from './import-plan.ts';
import { contentHash } from './plan-sections.ts';

// Our own demo plan (in the repository, so this runs without the seeds), with one partner renamed to
// a name the registry cannot know. "Trung tâm Phục vụ hành chính công" is ambiguous in it already
// (the ward's centre or the city's): monitor and lead of target 4, lead of target 2 and task 2.
const AMBIGUOUS = 'Trung tâm Phục vụ hành chính công';
const UNKNOWN = 'Đội dân phòng phường';
const text = readFileSync(new URL('../../registry/demo-plan.txt', import.meta.url), 'utf8').replaceAll('Công an phường', UNKNOWN);
const bytes = new TextEncoder().encode(text);
const actor = 'test:corrections';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let ctx: AppContext;

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = contextFor(t);
  await t.db.transaction().execute((trx) => upsertRegistryUnits(trx, loadBuiltInRegistry()));
});
afterAll(() => t.close());

function stored(result: ImportPlanResult) {
  if (result.dryRun) throw new Error('expected a stored import');
  return result;
}

type Item = { sourceLine: number; lead: { name: string; code: string | null }[]; partners: { name: string; code: string | null }[]; monitor?: { name: string; code: string | null }[] };
/** The codes given to one name across all roles of all items of a plan. */
function codesOf(items: Item[], name: string): (string | null)[] {
  return items.flatMap((i) => [...i.lead, ...i.partners, ...(i.monitor ?? [])].filter((u) => u.name === name).map((u) => u.code));
}

describe(`importing a plan with unit corrections (${testEngine})`, () => {
  const corrections = { [AMBIGUOUS]: 'HN_P_VINH_TUY_PVHCC', [UNKNOWN]: 'HN_P_VINH_TUY_CONG_AN' };

  it('without corrections, the two names have no code and carry warnings', async () => {
    const dry = await importPlan(ctx, { bytes, fileName: 'demo.txt', dryRun: true, actor });
    const items = [...dry.draft.targets.map((x) => ({ ...x, sourceLine: x.source.line })), ...dry.draft.tasks.map((x) => ({ ...x, sourceLine: x.source.line }))];
    expect(new Set(codesOf(items, AMBIGUOUS))).toEqual(new Set([null]));
    expect(new Set(codesOf(items, UNKNOWN))).toEqual(new Set([null]));
    expect(dry.draft.warnings.filter((w) => w.message.includes(UNKNOWN)).map((w) => w.code)).toContain('unresolved_unit');
    expect(dry.corrections).toEqual([]);
  });

  it('a dry run with corrections previews the corrected draft and stores nothing', async () => {
    const before = await countPlanRows(t.db);
    const dry = await importPlan(ctx, { bytes, fileName: 'demo.txt', dryRun: true, unitCorrections: corrections, actor });
    expect(dry.draft.targets.find((x) => x.seq === 4)?.monitor).toEqual([{ name: AMBIGUOUS, code: 'HN_P_VINH_TUY_PVHCC', collective: false }]);
    expect(dry.draft.warnings.filter((w) => w.message.includes(AMBIGUOUS) || w.message.includes(UNKNOWN))).toEqual([]);
    expect(dry.corrections.map((c) => [c.name, c.code, c.references])).toEqual([
      [AMBIGUOUS, 'HN_P_VINH_TUY_PVHCC', 4],
      [UNKNOWN, 'HN_P_VINH_TUY_CONG_AN', 2],
    ]);
    expect(await countPlanRows(t.db)).toEqual(before);
  });

  it('an unknown code or a name not in the plan is an InputError naming units.<name>, and nothing is stored', async () => {
    const before = await countPlanRows(t.db);
    const auditBefore = (await listAudit(ctx, {}, null)).length;
    for (const [unitCorrections, field] of [
      [{ [AMBIGUOUS]: 'KHONG_CO_MA' }, `units.${AMBIGUOUS}`],
      [{ 'Phòng không có trong kế hoạch': 'HN_P_VINH_TUY_VP' }, 'units.Phòng không có trong kế hoạch'],
      [{ 'Văn phòng HĐND&UBND phường': 'HN_P_VINH_TUY_CONG_AN' }, 'units.Văn phòng HĐND&UBND phường'], // already resolved
    ] as const) {
      const error = await importPlan(ctx, { bytes, fileName: 'demo.txt', publish: true, unitCorrections, actor }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).problems.map((p) => p.field)).toEqual([field]);
    }
    expect(await countPlanRows(t.db)).toEqual(before);
    expect((await listAudit(ctx, {}, null)).length).toBe(auditBefore);
  });

  it('stores and publishes the corrected plan: the codes are on the right items and the audit keeps the corrections', async () => {
    const first = stored(await importPlan(ctx, { bytes, fileName: 'demo.txt', publish: true, unitCorrections: corrections, actor }));
    expect(first).toMatchObject({ status: 'created', versionNo: 1, published: true });
    expect(first.corrections.map((c) => c.name)).toEqual([AMBIGUOUS, UNKNOWN]);

    const plan = await getPlan(ctx, first.planId);
    const target = (seq: number) => plan.targets.find((x) => x.seq === seq);
    expect(target(4)?.monitor.map((u) => u.code)).toEqual(['HN_P_VINH_TUY_PVHCC']);
    expect(target(4)?.lead.map((u) => u.code)).toEqual(['HN_P_VINH_TUY_PVHCC']);
    expect(target(2)?.lead.map((u) => u.code)).toEqual(['HN_P_VINH_TUY_PVHCC']);
    expect(target(5)?.partners.find((u) => u.name === UNKNOWN)?.code).toBe('HN_P_VINH_TUY_CONG_AN');
    expect(plan.tasks.find((x) => x.seq === 2)?.lead.map((u) => u.code)).toEqual(['HN_P_VINH_TUY_PVHCC']);
    expect(plan.tasks.find((x) => x.seq === 7)?.partners.map((u) => u.code)).toEqual(['HN_P_VINH_TUY_CONG_AN']);
    // Names nobody corrected keep what the resolver gave them.
    expect(target(1)?.lead.map((u) => u.code)).toEqual(['HN_P_VINH_TUY_VP']);
    expect(plan.warnings.filter((w) => w.message.includes(AMBIGUOUS) || w.message.includes(UNKNOWN))).toEqual([]);

    // Publishing wrote the responsibilities with those units.
    const rows = await t.db
      .selectFrom('target_responsibilities as r')
      .innerJoin('targets as x', 'x.id', 'r.target_id')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .select(['x.code as target', 'r.role', 'u.code as unit'])
      .where('u.code', 'in', ['HN_P_VINH_TUY_PVHCC', 'HN_P_VINH_TUY_CONG_AN'])
      .execute();
    expect(rows).toEqual(
      expect.arrayContaining([
        { target: target(4)?.code, role: 'monitor', unit: 'HN_P_VINH_TUY_PVHCC' },
        { target: target(4)?.code, role: 'lead', unit: 'HN_P_VINH_TUY_PVHCC' },
        { target: target(5)?.code, role: 'partner', unit: 'HN_P_VINH_TUY_CONG_AN' },
      ]),
    );

    const [entry] = await listAudit(ctx, { entity: 'plan_version', entityId: String(first.versionId) }, null).then((list) => list.filter((e) => e.action === 'import'));
    expect(entry?.after).toMatchObject({ unitCorrections: corrections });
    expect((entry?.after as { unitCorrectionsApplied: unknown[] }).unitCorrectionsApplied).toHaveLength(2);
    expect(plan.version.contentHash).not.toBe(contentHash(await readPlanDocument(bytes, 'demo.txt')));
  });

  it('the same document with the same corrections is unchanged, in any key order and Unicode form', async () => {
    const plan = await getPlan(ctx, '12/KH-UBND');
    const again = stored(
      await importPlan(ctx, {
        bytes,
        fileName: 'copy.txt',
        unitCorrections: { [` ${UNKNOWN.normalize('NFD')}`]: 'HN_P_VINH_TUY_CONG_AN', [AMBIGUOUS]: 'HN_P_VINH_TUY_PVHCC' },
        actor,
      }),
    );
    expect(again).toMatchObject({ status: 'unchanged', planId: plan.id, versionNo: 1 });
  });

  it('different corrections, or none, make a new version; no corrections keeps the plain document hash', async () => {
    const before = await countPlanRows(t.db);
    const other = stored(await importPlan(ctx, { bytes, fileName: 'demo.txt', unitCorrections: { [AMBIGUOUS]: 'HN_TT_PVHCC' }, actor }));
    expect(other).toMatchObject({ status: 'new_version', versionNo: 2 });
    expect(other.draft.targets.find((x) => x.seq === 4)?.lead.map((u) => u.code)).toEqual(['HN_TT_PVHCC']);
    expect(codesOf(other.draft.tasks.map((x) => ({ ...x, sourceLine: x.source.line })), UNKNOWN)).toEqual([null]);

    const none = stored(await importPlan(ctx, { bytes, fileName: 'demo.txt', unitCorrections: {}, actor }));
    expect(none).toMatchObject({ status: 'new_version', versionNo: 3 });
    const model = await readPlanDocument(bytes, 'demo.txt');
    const plan = await getPlan(ctx, none.planId, 3);
    expect(plan.version.contentHash).toBe(contentHash(model));
    expect(versionHash(model, [])).toBe(contentHash(model));
    expect((await countPlanRows(t.db)).plan_versions).toBe((before.plan_versions ?? 0) + 2);
  });
});
