import { sql, type Kysely } from 'kysely';

/**
 * Score explanations become catalogued messages (issue #12): each stored criterion line's `reason`
 * and `source` were "vi / en" text and are now `{ code, params }`, put into words in the reader's
 * language when read (domain/scoring/explain-words.ts). The texts the scoring wrote are converted
 * here; a text this migration does not know is kept whole as `score.explain.text`, so an old row
 * still reads as it did. Self-contained on purpose: a migration must not change with later code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const rows = await sql<{ framework_code: string; period: string; kind: string; unit_id: number; explain: unknown }>`
    select framework_code, period, kind, unit_id, explain from unit_scores_current`.execute(db);
  for (const row of rows.rows) {
    if (!Array.isArray(row.explain)) continue;
    const lines = (row.explain as Record<string, unknown>[]).map((line) => ({
      ...line,
      reason: typeof line.reason === 'string' ? reasonOf(line.reason, line) : line.reason,
      source: typeof line.source === 'string' ? sourceOf(line.source, row.period) : line.source,
    }));
    await sql`update unit_scores_current set explain = ${JSON.stringify(lines)}::jsonb
      where framework_code = ${row.framework_code} and period = ${row.period} and kind = ${row.kind} and unit_id = ${row.unit_id}`.execute(db);
  }
}

/**
 * Back to the older code, which reads text: the snapshots are derived data, recomputed in full the
 * first time a period is read, so they are dropped rather than put back into two-language text.
 */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from unit_scores_current`.execute(db);
}

type Said = { code: string; params: Record<string, string | number> };
const said = (code: string, params: Record<string, string | number> = {}): Said => ({ code, params });
const num = (text: string) => Number(text);

const FIXED: Record<string, string> = {
  'không có dữ liệu / no data': 'score.explain.no_data',
  'chưa đạt bậc nào / below every step': 'score.explain.below_every_step',
  'đạt ngưỡng / threshold met': 'score.explain.threshold_met',
  'không đạt ngưỡng / threshold not met': 'score.explain.threshold_not_met',
  'điểm thẩm định / appraised points': 'score.explain.appraised_points',
  'chưa có điểm thẩm định: tính 0 / not appraised yet: 0': 'score.explain.not_appraised_zero',
  'chưa có điểm thẩm định: không tính vào điểm tối đa / not appraised yet: left out of the maximum': 'score.explain.not_appraised_excluded',
  'chưa có dữ liệu: không tính vào điểm tối đa / no data: left out of the maximum': 'score.explain.no_data_excluded',
  'chưa có dữ liệu: tính 0 điểm theo bộ chỉ số / no data: scores 0 as the framework says': 'score.explain.no_data_zero',
};

function reasonOf(text: string, line: Record<string, unknown>): Said {
  const fixed = FIXED[text];
  if (fixed) return said(fixed);
  const ratio = /^(-?[\d.]+) ÷ (-?[\d.]+) × ([\d.]+)( \(đạt trần \/ capped\))?$/.exec(text);
  if (ratio) {
    const [a, b, max] = [num(ratio[1]!), num(ratio[2]!), num(ratio[3]!)];
    const capped = ratio[4] ? '_capped' : '';
    // Higher is better wrote value ÷ goal, lower is better goal ÷ value: the line's input tells which.
    return typeof line.input === 'number' && Math.abs(line.input - a) < 0.01
      ? said(`score.explain.ratio_up${capped}`, { value: a, goal: b, max })
      : said(`score.explain.ratio_down${capped}`, { goal: a, value: b, max });
  }
  const step = /^đạt bậc ([≥≤]) (-?[\d.]+) \/ reached step$/.exec(text);
  if (step) return said('score.explain.step_reached', { op: step[1]!, at: num(step[2]!) });
  const kind = /^không áp dụng cho loại đơn vị "(.*)" \/ not applicable to this kind of unit$/.exec(text);
  if (kind) return said('score.explain.not_applicable', { kind: kind[1]! });
  return said('score.explain.text', { text });
}

function sourceOf(text: string, period: string): Said {
  if (text === 'không có dữ liệu / no data') return said('score.explain.no_data');
  if (text === 'chưa đánh giá / not assessed') return said('score.source.not_assessed');
  let m = /^thẩm định bởi (.*) \/ appraised$/.exec(text);
  if (m) return said('score.source.appraised_by', { by: m[1]! });
  m = /^tự đánh giá bởi (.*), chưa thẩm định \/ self-assessed only$/.exec(text);
  if (m) return said('score.source.self_assessed_by', { by: m[1]! });
  m = /^chỉ số (.*) chưa được khai báo \/ indicator not defined$/.exec(text);
  if (m) return said('score.source.indicator_not_defined', { indicator: m[1]! });
  // The period without data was the row's own period.
  m = /^(.*): không có dữ liệu trong .* \/ no data$/.exec(text);
  if (m) return said('score.source.no_data_in', { indicator: m[1]!, period });
  m = /^(.*), (?:(\d+) tháng \/ months|Tháng (\d+)\/(\d{4})), (?:số liệu của đơn vị \/ own data|tổng hợp từ (\d+) đơn vị \/ rolled up from \d+ units)$/.exec(text);
  if (m) {
    const [, indicator, months, month, year, units] = m;
    const when: Record<string, string | number> = months ? { months: num(months) } : { period: `${year}-${month!.padStart(2, '0')}` };
    const over = months ? 'over' : 'in';
    return units ? said(`score.source.rolled_${over}`, { indicator: indicator!, ...when, units: num(units) }) : said(`score.source.own_${over}`, { indicator: indicator!, ...when });
  }
  m = /^(\d+)\/(\d+) đơn vị trực thuộc đạt (\S+) (\S+) (-?[\d.]+)(?:; chưa đạt: (.*))?$/.exec(text);
  if (m) {
    const params = { met: num(m[1]!), total: num(m[2]!), indicator: m[3]!, op: m[4]!, goal: num(m[5]!) };
    return m[6] ? said('score.source.share_failing', { ...params, failing: m[6] }) : said('score.source.share', params);
  }
  return said('score.explain.text', { text });
}
