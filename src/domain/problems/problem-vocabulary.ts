/**
 * The fixed vocabularies of the city's problem registry ("bài toán quản trị"), taken from the 2026
 * action plan's forms: Mẫu 01's fields of management (choose 1–2), the scale classes and area types
 * of its four steps, and the organisation types of Mẫu 02.
 */

/** Mẫu 01 "Lĩnh vực quản lý liên quan (chọn 1–2)", as codes with the form's Vietnamese labels. */
export const MANAGEMENT_FIELDS = {
  urban_management: 'Quản lý đô thị',
  health: 'Y tế',
  education: 'Giáo dục',
  environment: 'Môi trường',
  administrative_data: 'Dữ liệu hành chính',
  other: 'Khác',
} as const;
export type ManagementField = keyof typeof MANAGEMENT_FIELDS;
export const MANAGEMENT_FIELD_CODES = Object.keys(MANAGEMENT_FIELDS) as ManagementField[];

/** Step 3: "thử nghiệm nhỏ – thí điểm mở rộng – triển khai diện rộng". */
export const SCALE_CLASSES = { small_test: 'Thử nghiệm nhỏ', extended_pilot: 'Thí điểm mở rộng', wide_rollout: 'Triển khai diện rộng' } as const;
export type ScaleClass = keyof typeof SCALE_CLASSES;
export const SCALE_CLASS_CODES = Object.keys(SCALE_CLASSES) as ScaleClass[];

/** Step 1: wards grouped by area — "đô thị lõi / nội đô – ven đô – nông thôn". */
export const AREA_TYPES = { urban_core: 'Nội đô', peri_urban: 'Ven đô', rural: 'Nông thôn' } as const;
export type AreaType = keyof typeof AREA_TYPES;
export const AREA_TYPE_CODES = Object.keys(AREA_TYPES) as AreaType[];

/** Mẫu 02 "Loại hình": university/institute ("Trường/Viện") or company ("Doanh nghiệp"). */
export const ORGANISATION_TYPES = { university: 'Trường đại học', institute: 'Viện nghiên cứu', company: 'Doanh nghiệp' } as const;
export type OrganisationType = keyof typeof ORGANISATION_TYPES;
export const ORGANISATION_TYPE_CODES = Object.keys(ORGANISATION_TYPES) as OrganisationType[];

/** Priority in the catalogue: the template describes "bài toán ưu tiên cao" on a page each. */
export const PRIORITIES = ['high', 'normal'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Review of a solution proposal by the receiving agency. */
export const SOLUTION_REVIEW_STATES = ['submitted', 'shortlisted', 'selected', 'rejected'] as const;
export type SolutionReviewState = (typeof SOLUTION_REVIEW_STATES)[number];

/** Which review decisions may follow which: shortlisting first; selecting or rejecting ends it. */
export const SOLUTION_REVIEW_MOVES: Record<SolutionReviewState, readonly SolutionReviewState[]> = {
  submitted: ['shortlisted', 'rejected'],
  shortlisted: ['selected', 'rejected'],
  selected: [],
  rejected: [],
};
