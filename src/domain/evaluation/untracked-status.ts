import type { TargetStatus } from './evaluate-target.ts';

/** What a target that cannot be evaluated from a series lacks. */
export interface UntrackedTargetFacts {
  hasIndicator: boolean;
  op: string;
  value: number | null;
  dueOn: string | null;
}

/**
 * The status of a target that cannot be evaluated from a series, and why.
 *
 * A target no indicator measures (and for which no unit has typed a figure — an approved manual
 * figure links the target to its own `TUKHAI.` indicator) is `unlinked`: nothing is missing yet,
 * nobody has said what measures it. Counting it as `no_data` made one plan import turn "Thiếu dữ
 * liệu" from a handful of targets whose sources are late into every target of the new plan; an
 * administrator fixes `unlinked` by linking an indicator, a unit fixes `no_data` by reporting.
 * A linked target whose goal is qualitative or a ranking, or has no due date, stays `no_data`:
 * it is measured but cannot be evaluated automatically.
 *
 * @example
 * untrackedStatus({ hasIndicator: false, op: '>=', value: 90, dueOn: '2026-12-31' }).status // 'unlinked'
 * untrackedStatus({ hasIndicator: true, op: 'qualitative', value: null, dueOn: '2026-12-31' }).status // 'no_data'
 */
export function untrackedStatus(t: UntrackedTargetFacts): { status: TargetStatus; reason: string; reasonEn: string } {
  if (!t.hasIndicator) {
    return {
      status: 'unlinked',
      reason: 'Chưa gắn chỉ số: chưa có chỉ số đo hoặc số liệu tự khai cho chỉ tiêu này.',
      reasonEn: 'Not linked: no indicator or typed figure measures this target yet.',
    };
  }
  const why = t.op === 'qualitative' || t.op === 'top' || t.value === null
    ? ['mục tiêu định tính hoặc xếp hạng, đánh giá theo minh chứng', 'a qualitative or ranking goal, assessed with evidence']
    : ['chưa có hạn hoàn thành', 'no due date'];
  return { status: 'no_data', reason: `Chưa đánh giá tự động được: ${why[0]}.`, reasonEn: `Cannot be evaluated automatically: ${why[1]}.` };
}
