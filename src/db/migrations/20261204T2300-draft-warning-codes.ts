import { sql, type Kysely } from 'kysely';

/**
 * A stored draft's warnings become catalogued messages (issue #12): each gets `said` (`plan_draft.*`
 * and its parameters), from which the API says it in the reader's language, and its `message` keeps
 * only the Vietnamese half of the old "vi / en" text. A warning this migration cannot read keeps
 * its text and gets no `said` (shown as stored). Self-contained on purpose: a migration must not
 * change with later code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const rows = await sql<{ id: number; draft: { warnings?: unknown } | null }>`select id, draft from plan_versions`.execute(db);
  for (const row of rows.rows) {
    const warnings = row.draft?.warnings;
    if (!Array.isArray(warnings)) continue;
    let changed = false;
    const next = (warnings as Record<string, unknown>[]).map((w) => {
      if (w.said || typeof w.message !== 'string' || typeof w.code !== 'string') return w;
      const said = saidOf(w.code, w.message);
      if (!said) return w;
      changed = true;
      return { ...w, message: w.message.slice(0, w.message.lastIndexOf(' / ')), said };
    });
    if (changed) await sql`update plan_versions set draft = ${JSON.stringify({ ...row.draft, warnings: next })}::jsonb where id = ${row.id}`.execute(db);
  }
}

/** Back: the Vietnamese text stays (the older code shows `message`); `said` is dropped. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const rows = await sql<{ id: number; draft: { warnings?: unknown } | null }>`select id, draft from plan_versions`.execute(db);
  for (const row of rows.rows) {
    const warnings = row.draft?.warnings;
    if (!Array.isArray(warnings)) continue;
    const next = (warnings as Record<string, unknown>[]).map(({ said: _said, ...w }) => w);
    await sql`update plan_versions set draft = ${JSON.stringify({ ...row.draft, warnings: next })}::jsonb where id = ${row.id}`.execute(db);
  }
}

type Said = { code: string; params: Record<string, string> };

const FIXED: Record<string, [string, string]> = {
  'Chỉ tiêu có số nhưng không đọc được mục tiêu (giữ dạng định tính) / goal not understood, kept as qualitative': ['unparsed_goal', 'plan_draft.unparsed_goal'],
  'Chỉ tiêu chưa có đơn vị chủ trì / target has no lead unit': ['missing_lead', 'plan_draft.target_missing_lead'],
  'Chỉ tiêu chưa có thời hạn riêng (dùng thời hạn của kế hoạch) / target has no deadline of its own': ['missing_deadline', 'plan_draft.target_missing_deadline'],
  'Nhiệm vụ chưa có đơn vị chủ trì / task has no lead unit': ['missing_lead', 'plan_draft.task_missing_lead'],
  'Nhiệm vụ chưa có thời hạn riêng (dùng năm của kế hoạch) / task has no deadline of its own': ['missing_deadline', 'plan_draft.task_missing_deadline'],
  'Nhiệm vụ chưa có sản phẩm đầu ra / task has no output product': ['missing_product', 'plan_draft.task_missing_product'],
  'Danh mục đơn vị trống: chưa gắn được mã đơn vị nào (nạp danh mục bằng "theodoi units …") / the unit registry is empty': ['empty_registry', 'plan_draft.empty_registry'],
};

function saidOf(code: string, text: string): Said | null {
  const fixed = FIXED[text];
  if (fixed) return fixed[0] === code ? { code: fixed[1], params: {} } : null;
  let m: RegExpExecArray | null;
  switch (code) {
    case 'unit_outside_registry':
      m = /^Đơn vị "(.*)" thuộc (.*), không có trong danh mục: giữ tên \/ unit outside the registry, kept as a name$/s.exec(text);
      if (!m) return null;
      return m[2] === 'trung ương'
        ? { code: 'plan_draft.unit_outside_registry_central', params: { name: m[1]! } }
        : { code: 'plan_draft.unit_outside_registry', params: { name: m[1]!, outside: m[2]! } };
    case 'unresolved_unit':
      m = /^Không tìm thấy đơn vị "(.*)" trong danh mục \/ unit not in the registry$/s.exec(text);
      return m ? { code: 'plan_draft.unresolved_unit', params: { name: m[1]! } } : null;
    case 'ambiguous_unit':
      m = /^Tên đơn vị "(.*)" khớp nhiều đơn vị \((.*)\) \/ ambiguous unit$/s.exec(text);
      return m ? { code: 'plan_draft.ambiguous_unit', params: { name: m[1]!, codes: m[2]! } } : null;
    case 'unparsed_deadline':
      m = /^Không đọc được thời hạn "(.*)" \/ deadline not understood$/s.exec(text);
      return m ? { code: 'plan_draft.unparsed_deadline', params: { deadline: m[1]! } } : null;
    case 'missing_code':
      m = /^Văn bản chưa có số \("(.*)"\) \/ the document has no number yet$/s.exec(text);
      return m ? { code: 'plan_draft.missing_code', params: { code: m[1]! } } : null;
    default:
      return null;
  }
}
