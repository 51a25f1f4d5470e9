import { problem, type Problem } from '../errors.ts';
import { fold, squash } from '../plans/text-folding.ts';
import { MANAGEMENT_FIELD_CODES, MANAGEMENT_FIELDS, type ManagementField } from './problem-vocabulary.ts';
import { message, type MessageCode } from '../messages/message.ts';

/**
 * The ward's proposal (Mẫu 01) as entered, before it is stored. Text fields are free text; `fields`
 * are codes of MANAGEMENT_FIELDS or their Vietnamese labels (any case, with or without diacritics).
 */
export interface ProposalInput {
  name?: string | null;
  fields?: readonly string[] | null;
  /** "Mô tả vấn đề thực tiễn": what goes wrong, in which context. */
  problem?: string | null;
  /** "Cách thức đang xử lý hiện nay" and its limits. */
  currentHandling?: string | null;
  /** "Nhu cầu quản lý đặt ra". */
  managementNeed?: string | null;
  /** "Phạm vi và khả năng thử nghiệm", with the data available to measure. */
  pilotScope?: string | null;
  dataAvailable?: string | null;
  contactName?: string | null;
  contactTitle?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
}

export interface CleanProposal {
  name: string;
  fields: ManagementField[];
  problem: string;
  currentHandling: string;
  managementNeed: string;
  pilotScope: string;
  dataAvailable: string | null;
  contactName: string;
  contactTitle: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
}

/** The form's limit: "01–02 trang, không quá 1.000 từ" over the descriptive sections. */
export const MAX_PROPOSAL_WORDS = 1000;
const MAX_FIELD_CHARS = 8000;

/** Mẫu 01's required parts and what is said when one is missing. */
const REQUIRED_TEXT: [keyof ProposalInput & keyof CleanProposal, MessageCode][] = [
  ['name', 'problem.required_name'],
  ['problem', 'problem.required_problem'],
  ['currentHandling', 'problem.required_current_handling'],
  ['managementNeed', 'problem.required_management_need'],
  ['pilotScope', 'problem.required_pilot_scope'],
  ['contactName', 'problem.required_contact_name'],
];

/**
 * Words that name a technology solution or a vendor, or ask for money: Mẫu 01 says "Không đề xuất
 * giải pháp công nghệ cụ thể. Không yêu cầu dự toán kinh phí." Matched on folded text (no
 * diacritics, lower case) at word boundaries, so "phan mem" and "Phần mềm" are the same word.
 */
export const SOLUTION_WORDS: readonly { phrase: string; kind: 'technology' | 'vendor' | 'budget' }[] = [
  ...['phần mềm', 'ứng dụng AI', 'trí tuệ nhân tạo', 'nền tảng', 'blockchain', 'chatbot', 'app di động', 'ứng dụng di động', 'camera AI', 'IoT', 'big data', 'điện toán đám mây', 'cloud', 'chuỗi khối', 'machine learning', 'học máy']
    .map((phrase) => ({ phrase, kind: 'technology' as const })),
  ...['Viettel', 'VNPT', 'FPT', 'CMC', 'MobiFone', 'Misa', 'Microsoft', 'Google', 'Amazon', 'AWS', 'Zalo', 'Huawei', 'Oracle', 'SAP', 'BKAV']
    .map((phrase) => ({ phrase, kind: 'vendor' as const })),
  ...['triệu đồng', 'tỷ đồng', 'nghìn đồng', 'kinh phí', 'dự toán', 'ngân sách', 'VNĐ', 'VND']
    .map((phrase) => ({ phrase, kind: 'budget' as const })),
];

/** What is said when a ward's text names a technology, a vendor or a budget. */
const KIND_REASON = {
  technology: 'problem.names_technology',
  vendor: 'problem.names_vendor',
  budget: 'problem.names_budget',
} as const satisfies Record<string, MessageCode>;

// Vendors are proper names in Latin letters: folding would make the market stall "sạp" the vendor
// "SAP", so they are matched on the text as written — acronyms in capitals only, names in any case.
const FOLDED_WORDS = SOLUTION_WORDS.map((w) => ({
  ...w,
  folded: w.kind !== 'vendor',
  pattern: w.kind === 'vendor'
    ? new RegExp(`(?<![\\p{L}\\p{N}])${escape(w.phrase)}(?![\\p{L}\\p{N}])`, w.phrase === w.phrase.toUpperCase() ? 'u' : 'iu')
    : new RegExp(`(^|[^a-z0-9])${escape(fold(w.phrase))}(?=$|[^a-z0-9])`),
}));

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The solution/vendor/budget words a text contains, as written in the list. */
export function solutionWordsIn(text: string): { phrase: string; kind: 'technology' | 'vendor' | 'budget' }[] {
  const written = text.normalize('NFC');
  const folded = fold(written);
  return FOLDED_WORDS.filter((w) => w.pattern.test(w.folded ? folded : written)).map(({ phrase, kind }) => ({ phrase, kind }));
}

/** A field of management from its code or its label ("Y tế", "y te", "health"); null when unknown. */
export function parseManagementField(text: string): ManagementField | null {
  const key = fold(squash(text));
  for (const code of MANAGEMENT_FIELD_CODES) {
    if (key === code || key === fold(MANAGEMENT_FIELDS[code])) return code;
  }
  return null;
}

function clean(value: string | null | undefined): string {
  return squash((value ?? '').normalize('NFC').replaceAll('\u0000', ''));
}

/**
 * Checks a ward's proposal against Mẫu 01 and returns it cleaned (NFC, squashed whitespace, field
 * codes), or the list of problems — each naming the field and saying why.
 *
 * @example
 * validateProposal({ name: 'Ngập cục bộ', fields: ['Môi trường'], problem: 'Mua phần mềm…', … })
 * // { ok: false, problems: [{ field: 'problem', message: 'nêu "phần mềm" (technology): Mẫu 01 …' }] }
 */
export function validateProposal(input: ProposalInput, options: { ward: boolean } = { ward: true }): { ok: true; proposal: CleanProposal } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const text = Object.fromEntries(
    (['name', 'problem', 'currentHandling', 'managementNeed', 'pilotScope', 'dataAvailable', 'contactName', 'contactTitle', 'contactPhone', 'contactEmail'] as const).map((k) => [k, clean(input[k])]),
  ) as Record<string, string>;
  for (const [key, code] of REQUIRED_TEXT) {
    if (!text[key]) problems.push(problem({ field: key }, message(code)));
  }
  for (const [key, value] of Object.entries(text)) {
    if (value.length > MAX_FIELD_CHARS) problems.push(problem({ field: key }, message('problem.too_long_at_most_characters', { MAX_FIELD_CHARS })));
  }
  if (text.name && text.name.length > 300) problems.push(problem({ field: 'name' }, message('problem.name_too_long_at_most')));

  const fields: ManagementField[] = [];
  for (const raw of input.fields ?? []) {
    const code = parseManagementField(String(raw));
    if (!code) problems.push(problem({ field: 'fields' }, message('problem.not_field_of_form', { raw, fields: Object.values(MANAGEMENT_FIELDS).join(', ') })));
    else if (!fields.includes(code)) fields.push(code);
  }
  if ((input.fields ?? []).length > 0 || fields.length === 0) {
    if (fields.length === 0 && !problems.some((p) => p.field === 'fields')) problems.push(problem({ field: 'fields' }, message('problem.choose_fields_of_management')));
    if (fields.length > 2) problems.push(problem({ field: 'fields' }, message('problem.choose_at_most_fields_chosen', { fieldsCount: fields.length })));
  }

  if (text.contactEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.contactEmail)) problems.push(problem({ field: 'contactEmail' }, message('problem.invalid_e_mail')));
  if (text.contactPhone && !/^\+?[0-9 .()-]{8,20}$/.test(text.contactPhone)) problems.push(problem({ field: 'contactPhone' }, message('problem.invalid_phone_number')));

  const words = ['problem', 'currentHandling', 'managementNeed', 'pilotScope', 'dataAvailable'].reduce((n, k) => n + (text[k] ? text[k].split(' ').length : 0), 0);
  if (words > MAX_PROPOSAL_WORDS) problems.push(problem({ field: 'problem' }, message('problem.proposal_has_words_form_allows', { words, MAX_PROPOSAL_WORDS })));

  if (options.ward) {
    for (const key of ['name', 'problem', 'currentHandling', 'managementNeed', 'pilotScope', 'dataAvailable'] as const) {
      const found = solutionWordsIn(text[key] ?? '');
      for (const kind of ['technology', 'vendor', 'budget'] as const) {
        const phrases = found.filter((f) => f.kind === kind).map((f) => `"${f.phrase}"`);
        if (phrases.length) problems.push(problem({ field: key }, message(KIND_REASON[kind], { phrases: phrases.join(', ') })));
      }
    }
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    proposal: {
      name: text.name!, fields, problem: text.problem!, currentHandling: text.currentHandling!, managementNeed: text.managementNeed!, pilotScope: text.pilotScope!,
      dataAvailable: text.dataAvailable || null, contactName: text.contactName!, contactTitle: text.contactTitle || null,
      contactPhone: text.contactPhone || null, contactEmail: text.contactEmail || null,
    },
  };
}
