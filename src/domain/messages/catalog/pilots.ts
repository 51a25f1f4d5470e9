import type { CatalogEntry } from './entry.ts';

/** What a pilot's effect estimate says (domain/pilots/difference-in-differences.ts): why there is none, and its warnings. */
export const PILOTS = {
  'pilot.started_note': { vi: 'Bắt đầu thí điểm {pilot}', en: 'Pilot {pilot} started' },
  'pilot.did.invalid_window': { vi: 'Khoảng thời gian không hợp lệ: {detail}', en: 'Invalid window: {detail}' },
  'pilot.did.no_units': { vi: 'Thiếu đơn vị: {detail}', en: 'No units: {detail}' },
  'pilot.did.too_few_units': { vi: 'Cần ít nhất {min} đơn vị đủ số liệu mỗi nhóm: {detail}', en: 'At least {min} units with enough data per group are needed: {detail}' },
  'pilot.did.too_few_pre_months': { vi: 'Cần ít nhất {min} tháng số liệu trước thí điểm: {detail}', en: 'At least {min} months of data before the pilot are needed: {detail}' },
  'pilot.did.too_few_post_months': { vi: 'Cần ít nhất {min} tháng số liệu từ khi thí điểm: {detail}', en: 'At least {min} months of data since the pilot started are needed: {detail}' },
  'pilot.did.too_many_gaps': { vi: 'Số liệu thiếu quá nhiều tháng: {detail}', en: 'Too many months missing: {detail}' },
  'pilot.did.no_spread': { vi: 'Không ước lượng được độ dao động giữa các đơn vị: {detail}', en: 'The spread between units cannot be estimated: {detail}' },
  // The details the reasons above name.
  'pilot.did.detail.confidence_level': { vi: 'mức tin cậy {level}', en: 'confidence level {level}' },
  'pilot.did.detail.start_month': { vi: 'tháng bắt đầu "{start}"', en: 'start month "{start}"' },
  'pilot.did.detail.month': { vi: '"{month}"', en: '"{month}"' },
  'pilot.did.detail.treated_empty': { vi: 'nhóm thí điểm trống', en: 'the treated group is empty' },
  'pilot.did.detail.comparison_empty': { vi: 'nhóm đối chứng trống', en: 'the comparison group is empty' },
  'pilot.did.detail.no_month_before': { vi: 'không có tháng nào trước khi bắt đầu', en: 'no month before the start' },
  'pilot.did.detail.no_month_since': { vi: 'không có tháng nào từ khi bắt đầu', en: 'no month since the start' },
  'pilot.did.detail.months': { vi: '{months} tháng', en: '{months} months' },
  'pilot.did.detail.treated_units_with_data': { vi: 'nhóm thí điểm: {units} đơn vị đủ số liệu', en: 'treated group: {units} with enough data' },
  'pilot.did.detail.comparison_units_with_data': { vi: 'nhóm đối chứng: {units} đơn vị đủ số liệu', en: 'comparison group: {units} with enough data' },
  'pilot.did.detail.same_change': { vi: 'mọi đơn vị thay đổi như nhau', en: 'every unit changed by exactly the same' },
  'pilot.did.units_left_out': { vi: 'Không tính các đơn vị thiếu số liệu: {units}', en: 'Units left out for missing data: {units}' },
  'pilot.did.few_degrees_of_freedom': { vi: 'Rất ít đơn vị: khoảng tin cậy rộng', en: 'Very few units: the interval is wide' },
  'pilot.did.pre_trends_differ': {
    vi: 'Trước thí điểm, hai nhóm đã có xu hướng khác nhau (chênh {slope} mỗi tháng, p = {p}): ước lượng có thể lệch',
    en: 'Before the pilot the groups already trended apart ({slope} per month, p = {p}): the estimate may be biased',
  },
} as const satisfies Record<string, CatalogEntry>;
