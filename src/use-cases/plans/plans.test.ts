import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import { InputError } from '../../domain/errors.ts';
import { docxFromModel } from '../../testing/docx-from-model.ts';
import { readTextDocument } from '../../importers/text/read-text-document.ts';
import { xlsxFromModel } from '../../testing/xlsx-from-model.ts';
import { loadBuiltInRegistry } from '../../registry/hanoi.ts';
import { countPlanRows } from '../../repositories/plans.repository.ts';
import { upsertRegistryUnits } from '../../repositories/units.repository.ts';
import { readSeed } from '../../testing/seeds.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { diffPlanVersions } from './diff-plan-versions.ts';
import { getPlan } from './get-plan.ts';
import { importPlan, type ImportPlanResult } from './import-plan.ts';
import { listPlans } from './list-plans.ts';
import { publishPlan } from './publish-plan.ts';

const seed004 = readSeed('004');
const utf8 = (s: string) => new TextEncoder().encode(s);
const actor = 'test:plans';

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

/** The seed with one goal changed, one task row dropped: what a revised plan looks like. */
function revise(text: string): { text: string; droppedTaskTitle: string } {
  const lines = text.split('\n');
  const goalAt = lines.findIndex((l) => /^\d+\t\d+\t.*≥ 98%/.test(l));
  lines[goalAt] = (lines[goalAt] as string).replace('≥ 98%', '≥ 99%');
  const taskAt = lines.findIndex((l) => /^\d+\t\d+\t.*\tQuý II\/2026\t/.test(l));
  const droppedTaskTitle = (lines[taskAt] as string).split('\t')[2] as string;
  lines.splice(taskAt, 1);
  return { text: lines.join('\n'), droppedTaskTitle };
}

describe.skipIf(!seed004)(`plan import, versions and publishing (${testEngine})`, () => {
  const text = seed004 as string;

  it('a dry run returns the draft and stores nothing', async () => {
    const before = await countPlanRows(t.db);
    const result = await importPlan(ctx, { bytes: utf8(text), fileName: '004.txt', dryRun: true, actor });
    expect(result.dryRun).toBe(true);
    expect(result.draft.targets.length).toBeGreaterThan(40);
    expect(result.draft.tasks.length).toBeGreaterThan(30);
    expect(result.owner).toBe('HN_P_VINH_TUY');
    expect(await countPlanRows(t.db)).toEqual(before);
  });

  it('stores a new plan as version 1 (draft) with its section tree, and a re-import changes nothing', async () => {
    const first = stored(await importPlan(ctx, { bytes: utf8(text), fileName: '004.txt', actor }));
    expect(first).toMatchObject({ status: 'created', versionNo: 1, published: false, owner: 'HN_P_VINH_TUY' });
    const after = await countPlanRows(t.db);
    expect(after).toMatchObject({ plans: 1, plan_versions: 1, targets: 0, tasks: 0 });
    expect(after.plan_sections).toBeGreaterThan(5);

    const again = stored(await importPlan(ctx, { bytes: utf8(`${text}\n\n`), fileName: 'renamed.txt', actor }));
    expect(again).toMatchObject({ status: 'unchanged', planId: first.planId, versionId: first.versionId, versionNo: 1 });
    expect(await countPlanRows(t.db)).toEqual(after);

    const plan = await getPlan(ctx, first.planId);
    expect(plan.owner?.code).toBe('HN_P_VINH_TUY');
    expect(plan.sections.map((s) => s.title).length).toBeGreaterThan(1);
    expect(plan.targets.every((x) => x.id === null && x.sectionId !== null || x.sectionPath.length === 0)).toBe(true);
  });

  it('publishing writes targets, tasks and their responsibilities, audited', async () => {
    const [summary] = await listPlans(ctx);
    const result = await publishPlan(ctx, { planId: summary!.id, actor });
    expect(result).toMatchObject({ versionNo: 1, changed: true });
    const counts = await countPlanRows(t.db);
    expect(counts.targets).toBe(result.targets);
    expect(counts.tasks).toBe(result.tasks);
    expect(counts.target_responsibilities).toBeGreaterThan(result.targets);
    const plan = await getPlan(ctx, summary!.id);
    expect(plan.version.status).toBe('published');
    expect(plan.targets.every((x) => x.id !== null && x.code?.startsWith(`${summary!.id}-T`))).toBe(true);
    const leadCodes = await t.db
      .selectFrom('task_responsibilities as r')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .select('u.code')
      .where('r.role', '=', 'lead')
      .execute();
    expect(leadCodes.map((r) => r.code)).toContain('HN_SO_KHCN');
    // A ward's targets are scoped to the ward.
    const scopes = await t.db.selectFrom('targets as x').innerJoin('units as u', 'u.id', 'x.scope_unit_id').select(['u.code', 'x.scope_kind']).distinct().execute();
    expect(scopes).toEqual([{ code: 'HN_P_VINH_TUY', scope_kind: 'unit' }]);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity']).where('entity', '=', 'plan_version').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['import', 'publish']);
    // Publishing again is a no-op.
    expect((await publishPlan(ctx, { planId: summary!.id, actor })).changed).toBe(false);
    expect(await countPlanRows(t.db)).toEqual(counts);
  });

  it('a revised document becomes version 2; the diff names the change; publishing keeps item codes', async () => {
    const { text: revised, droppedTaskTitle } = revise(text);
    const before = await t.db.selectFrom('targets').select(['id', 'code', 'value', 'text']).execute();
    const v2 = stored(await importPlan(ctx, { bytes: utf8(revised), fileName: '004-sua.txt', actor }));
    expect(v2).toMatchObject({ status: 'new_version', versionNo: 2 });

    const diff = await diffPlanVersions(ctx, v2.planId);
    expect(diff).toMatchObject({ from: 1, to: 2 });
    expect(diff.targets.added).toEqual([]);
    expect(diff.targets.removed).toEqual([]);
    expect(diff.targets.changed.map((c) => c.fields.find((f) => f.field === 'goal'))).toEqual([{ field: 'goal', from: expect.stringContaining('98') as string, to: expect.stringContaining('99') as string }]);
    expect(diff.tasks.removed.map((x) => x.title)).toEqual([expect.stringContaining(droppedTaskTitle.slice(0, 30)) as string]);
    expect(diff.tasks.added).toEqual([]);

    await publishPlan(ctx, { planId: v2.planId, actor });
    const versions = (await getPlan(ctx, v2.planId)).versions.map((v) => [v.versionNo, v.status]);
    expect(versions).toEqual([[1, 'superseded'], [2, 'published']]);
    const after = await t.db.selectFrom('targets').select(['id', 'code', 'value', 'plan_version_id']).execute();
    // Same rows, same codes; only the revised goal changed.
    expect(after.map((r) => r.code).sort()).toEqual(before.map((r) => r.code).sort());
    const changed = after.filter((r) => before.find((b) => b.id === r.id)?.value !== r.value);
    expect(changed.map((r) => r.value)).toEqual([99]);
    expect(new Set(after.map((r) => r.plan_version_id))).toEqual(new Set([v2.versionId]));
    // The dropped task stays in history, under version 1.
    const tasks = await t.db.selectFrom('tasks').select(['title', 'plan_version_id']).execute();
    const dropped = tasks.filter((x) => x.plan_version_id !== v2.versionId);
    expect(dropped).toHaveLength(1);
  });

  it('the issued, numbered document continues the unnumbered draft and fills in its number', async () => {
    const numbered = revise(text).text.replace('Số: /KH-UBND', 'Số: 77/KH-UBND');
    const result = stored(await importPlan(ctx, { bytes: utf8(numbered), fileName: '004-so.txt', actor }));
    const [summary] = await listPlans(ctx);
    expect(result).toMatchObject({ status: 'new_version', versionNo: 3, planId: summary!.id });
    expect(summary!.code).toBe('77/KH-UBND');
    const diff = await diffPlanVersions(ctx, '77/KH-UBND');
    expect(diff.plan).toContainEqual({ field: 'code', from: null, to: '77/KH-UBND' });
    expect(diff.targets.changed).toEqual([]);
  });

  it('finds the plan again when its issuer was stored under another wording of the same body', async () => {
    // Stored under another wording of the same ward's committee, as an older reader or another copy
    // of the document (upper-case header, spelt out) would have it.
    const [summary] = await listPlans(ctx);
    const plan = await t.db.selectFrom('plans').select(['id', 'issuer']).where('id', '=', summary!.id).executeTakeFirstOrThrow();
    const otherWording = 'ỦY BAN NHÂN DÂN PHƯỜNG VĨNH TUY';
    expect(plan.issuer).not.toBe(otherWording);
    await t.db.updateTable('plans').set({ issuer: otherWording }).where('id', '=', plan.id).execute();
    const numbered = revise(text).text.replace('Số: /KH-UBND', 'Số: 77/KH-UBND');
    const again = await importPlan(ctx, { bytes: utf8(numbered), fileName: '004-so-lan-2.txt', actor });
    expect(again).toMatchObject({ planId: plan.id, status: 'unchanged' });
    expect(await listPlans(ctx)).toHaveLength(1);
  });

  it('imports the same plan as DOCX and XLSX with the same targets and tasks as the text', async () => {
    const model = readTextDocument(text, '004.txt');
    const fromText = await importPlan(ctx, { bytes: utf8(text), fileName: '004.txt', dryRun: true, actor });
    const view = (r: ImportPlanResult) => ({
      targets: r.draft.targets.map((x) => [x.seq, x.goal.op, x.goal.value, x.due.kind, x.due.end, x.lead.map((u) => u.code)]),
      tasks: r.draft.tasks.map((x) => [x.seq, x.due.kind, x.due.start, x.due.end, x.lead.map((u) => u.code), x.partners.map((u) => u.code)]),
    });
    const fromDocx = await importPlan(ctx, { bytes: await docxFromModel(model), fileName: '004.docx', dryRun: true, actor });
    const fromXlsx = await importPlan(ctx, { bytes: await xlsxFromModel(model), fileName: '004.xlsx', dryRun: true, actor });
    expect(view(fromText).targets.length).toBeGreaterThan(40);
    expect(view(fromDocx)).toEqual(view(fromText));
    expect(view(fromXlsx)).toEqual(view(fromText));
    expect(fromDocx.owner).toBe('HN_P_VINH_TUY');
  });

  it('refuses corrupt DOCX/XLSX and binary garbage with an InputError and stores nothing', async () => {
    const before = await countPlanRows(t.db);
    const docx = await docxFromModel(readTextDocument(text, '004.txt'));
    const inputs: [Uint8Array, string][] = [
      [docx.subarray(0, Math.floor(docx.length / 3)), 'hong.docx'],
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array<number>(200).fill(7)]), 'hong.xlsx'],
      [Uint8Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256), 'rac.txt'],
      [utf8(text), 'ke-hoach.pdf'],
    ];
    for (const [bytes, name] of inputs) {
      const error = await importPlan(ctx, { bytes, fileName: name, actor }).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(InputError);
    }
    const unknownOwner = await importPlan(ctx, { bytes: utf8(text), fileName: 'a.txt', owner: 'KHONG_CO', actor }).catch((e: unknown) => e);
    expect((unknownOwner as InputError).problems[0]?.field).toBe('owner');
    expect(await countPlanRows(t.db)).toEqual(before);
  });

  it('any bytes or text either import or fail with an InputError, never half-stored', async () => {
    const header = 'KẾ HOẠCH\nChuyển đổi số năm 2026\n';
    const fragments = fc.constantFrom('STT\tMục tiêu\tĐơn vị chủ trì\n', '1\t1\t100% hồ sơ\tSở Y tế\n', 'I\tChính quyền số\n', '- Quý II/2026\n', '\u0000', '$\\geq 5\\%$', '<p>x</p>', '\t', '\n');
    const inputs = fc.oneof(
      fc.array(fragments, { maxLength: 20 }).map((parts) => [utf8(header + parts.join('')), 'p.txt'] as const),
      fc.uint8Array({ maxLength: 300 }).map((b) => [b, 'p.docx'] as const),
      fc.string({ maxLength: 200 }).map((s) => [utf8(s), 'p.md'] as const),
    );
    await fc.assert(
      fc.asyncProperty(inputs, async ([bytes, name]) => {
        const before = await countPlanRows(t.db);
        try {
          await importPlan(ctx, { bytes, fileName: name, actor });
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect(await countPlanRows(t.db)).toEqual(before);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe(`demo plan (${testEngine})`, () => {
  it('imports and publishes our own Vĩnh Tuy plan once; running again changes nothing', async () => {
    const { seedDemoPlan } = await import('./seed-demo-plan.ts');
    const first = await seedDemoPlan(ctx);
    expect(first).toMatchObject({ dryRun: false, published: true, owner: 'HN_P_VINH_TUY' });
    expect(first?.draft.targets).toHaveLength(8);
    expect(first?.draft.tasks).toHaveLength(8);
    const counts = await countPlanRows(t.db);
    expect(await seedDemoPlan(ctx)).toMatchObject({ status: 'unchanged', published: true });
    expect(await countPlanRows(t.db)).toEqual(counts);
  });
});
