import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../../app-context.ts';
import { draftWarningsIn } from '../../importers/draft-warning-words.ts';
import { versionDraft } from '../../repositories/plans.repository.ts';
import { createTestDatabase, testEngine } from '../../testing/test-database.ts';
import { up } from './20261204T2300-draft-warning-codes.ts';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let ctx: AppContext;
let versionId: number;

/** Warnings as drafts stored them before warnings had codes: "vi / en" text. */
const OLD = [
  { line: 3, code: 'missing_code', message: 'Văn bản chưa có số ("/KH-UBND") / the document has no number yet' },
  { line: 9, code: 'unresolved_unit', message: 'Không tìm thấy đơn vị "Đội xung kích" trong danh mục / unit not in the registry' },
  { line: 9, code: 'ambiguous_unit', message: 'Tên đơn vị "Trung tâm" khớp nhiều đơn vị (TT_A, TT_B) / ambiguous unit' },
  { line: 11, code: 'unit_outside_registry', message: 'Đơn vị "Bộ X" thuộc trung ương, không có trong danh mục: giữ tên / unit outside the registry, kept as a name' },
  { line: 12, code: 'unparsed_deadline', message: 'Không đọc được thời hạn "sớm nhất có thể" / deadline not understood' },
  { line: 14, code: 'missing_lead', message: 'Nhiệm vụ chưa có đơn vị chủ trì / task has no lead unit' },
  { line: 15, code: 'missing_deadline', message: 'Chỉ tiêu chưa có thời hạn riêng (dùng thời hạn của kế hoạch) / target has no deadline of its own' },
  { line: 20, code: 'something_else', message: 'Một cảnh báo lạ' },
];

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = contextFor(t);
  const plan = await ctx.db.insertInto('plans').values({ code: null, title: 'Kế hoạch thử', issuer: null, issued_on: null, owner_unit_id: null }).returning('id').executeTakeFirstOrThrow();
  const draft = { plan: { title: 'Kế hoạch thử' }, targets: [], tasks: [], warnings: OLD };
  versionId = (await ctx.db.insertInto('plan_versions').values({ plan_id: plan.id, version_no: 1, content_hash: 'x', source_name: null, draft: JSON.stringify(draft) })
    .returning('id').executeTakeFirstOrThrow()).id;
  await up(ctx.db as never);
});
afterAll(async () => t.close());

describe(`stored draft warnings get their codes (${testEngine})`, () => {
  it('keeps the Vietnamese half as the message and says each warning in English from its code', async () => {
    const { warnings } = await versionDraft(ctx.db, versionId);
    expect(warnings.map((w) => [w.line, w.code])).toEqual(OLD.map((w) => [w.line, w.code]));
    expect(warnings.map((w) => w.message)).toEqual([
      'Văn bản chưa có số ("/KH-UBND")',
      'Không tìm thấy đơn vị "Đội xung kích" trong danh mục',
      'Tên đơn vị "Trung tâm" khớp nhiều đơn vị (TT_A, TT_B)',
      'Đơn vị "Bộ X" thuộc trung ương, không có trong danh mục: giữ tên',
      'Không đọc được thời hạn "sớm nhất có thể"',
      'Nhiệm vụ chưa có đơn vị chủ trì',
      'Chỉ tiêu chưa có thời hạn riêng (dùng thời hạn của kế hoạch)',
      'Một cảnh báo lạ',
    ]);
    expect(warnings[2]?.said).toEqual({ code: 'plan_draft.ambiguous_unit', params: { name: 'Trung tâm', codes: 'TT_A, TT_B' } });
    expect(draftWarningsIn(warnings, 'en').map((w) => w.message)).toEqual([
      'The document has no number yet ("/KH-UBND")',
      'The unit "Đội xung kích" is not in the registry',
      'The unit name "Trung tâm" matches several units (TT_A, TT_B)',
      'The unit "Bộ X" is a national body, outside the registry: kept as a name',
      'The deadline "sớm nhất có thể" was not understood',
      'The task has no lead unit',
      'The target has no deadline of its own (the plan’s is used)',
      // Not a warning the extractor wrote: shown as stored.
      'Một cảnh báo lạ',
    ]);
  });
});
