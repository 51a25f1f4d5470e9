import { Type } from 'typebox';
import { ProblemSchema } from '../../auth/views.ts';

const tags = ['problems'];
const security = [{ bearer: [] }];
const Text = Type.Optional(Type.Union([Type.String(), Type.Null()]));
const ok = { 200: Type.Unknown({ description: 'see docs/problems.md' }), 201: Type.Unknown({ description: 'see docs/problems.md' }) };
const errors = { ...ok, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };
const Code = Type.Object({ code: Type.String({ minLength: 1, maxLength: 100, description: 'problem code, e.g. BT-2026-0007' }) });

/** Mẫu 01 fields, all optional here: the intake rules answer 422 naming each missing or wrong field. */
const ProposalFields = {
  name: Type.Optional(Type.String({ description: 'tên bài toán' })),
  fields: Type.Optional(Type.Array(Type.String(), { maxItems: 10, description: '1–2 fields of management: codes (urban_management, health, education, environment, administrative_data, other) or their Vietnamese labels' })),
  problem: Type.Optional(Type.String({ description: 'mô tả vấn đề thực tiễn' })),
  currentHandling: Type.Optional(Type.String({ description: 'cách thức đang xử lý hiện nay và hạn chế' })),
  managementNeed: Type.Optional(Type.String({ description: 'nhu cầu quản lý đặt ra' })),
  pilotScope: Type.Optional(Type.String({ description: 'phạm vi và khả năng thử nghiệm' })),
  dataAvailable: Text,
  contactName: Text,
  contactTitle: Text,
  contactPhone: Text,
  contactEmail: Text,
};

export const listProblemsSchema = {
  tags, security,
  summary: 'The problem registry: filters, paging',
  description: 'Problems the caller may read: proposals of its wards, those sent to its agency, the whole city for city staff. No contact details in lists.',
  querystring: Type.Object({
    state: Type.Optional(Type.String({ description: 'comma-separated states: proposed, consolidated, appraised, published, in_pilot, evaluated, scaled, closed' })),
    field: Type.Optional(Type.String({ description: 'a field of management code' })),
    areaType: Type.Optional(Type.String({ description: 'urban_core | peri_urban | rural' })),
    unit: Type.Optional(Type.String({ description: 'proposing unit code' })),
    priority: Type.Optional(Type.String({ description: 'high | normal' })),
    limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 500 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  }),
  response: errors,
};

export const proposeProblemSchema = {
  tags, security,
  summary: 'Propose a problem (Form 01)',
  description: 'Needs the write right over the proposing unit. A ward proposal may not name a technology, vendor or budget (422 naming the words).',
  body: Type.Object({ unit: Type.String({ description: 'proposing unit code' }), receivingUnit: Text, ...ProposalFields }),
  response: errors,
};

export const getProblemSchema = { tags, security, summary: 'One problem', params: Code, response: errors };

export const updateProblemSchema = {
  tags, security,
  summary: 'Edit a problem',
  description: 'The proposing ward while "proposed"; the receiving agency until published, and alone the appraisal fields.',
  params: Code,
  body: Type.Object({
    ...ProposalFields,
    scaleClass: Text, priority: Type.Optional(Type.String()), areaType: Text, dataInputs: Text, outputStandards: Text, sandboxConditions: Text, resources: Text,
    classified: Type.Optional(Type.Boolean()),
  }),
  response: errors,
};

export const transitionProblemSchema = {
  tags, security,
  summary: 'Move a problem to another state',
  description: 'See docs/problems.md for the moves and who makes them. 409 names both states when the move is not allowed.',
  params: Code,
  body: Type.Object({ to: Type.String(), note: Text, evidencePilot: Type.Optional(Type.Union([Type.String({ maxLength: 64, description: 'for "scaled": the code of a pilot of this problem whose effect estimate is sufficient' }), Type.Null()])) }),
  response: errors,
};

export const mergeProblemsSchema = {
  tags, security,
  summary: 'Merge duplicate proposals',
  body: Type.Object({
    codes: Type.Array(Type.String(), { maxItems: 100 }), name: Type.Optional(Type.String()), problem: Type.Optional(Type.String()),
    currentHandling: Type.Optional(Type.String()), managementNeed: Type.Optional(Type.String()), pilotScope: Type.Optional(Type.String()),
    fields: Type.Optional(Type.Array(Type.String(), { maxItems: 10 })), note: Text,
  }),
  response: errors,
};

export const duplicatesSchema = {
  tags, security,
  summary: 'Candidate duplicate proposals',
  querystring: Type.Object({ state: Type.Optional(Type.String()), field: Type.Optional(Type.String()) }),
  response: errors,
};

export const addKpiSchema = {
  tags, security,
  summary: 'Add a KPI (a target on an indicator)',
  params: Code,
  body: Type.Object({
    indicator: Type.String(), op: Type.String(), baseline: Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Null()])),
    goal: Type.Union([Type.String(), Type.Number()]), due: Type.String(), unit: Type.String(), text: Text,
  }),
  response: errors,
};

export const listSolutionsSchema = { tags, security, summary: 'Solution proposals', params: Code, response: errors };

export const reviewSolutionSchema = {
  tags, security,
  summary: 'Review a solution proposal',
  params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 100 }), id: Type.Integer({ minimum: 1 }) }),
  body: Type.Object({ state: Type.String({ description: 'shortlisted | selected | rejected' }), note: Text, kpiCommitment: Type.Optional(Type.String()), timeCommitment: Type.Optional(Type.String()), costCommitment: Text }),
  response: errors,
};

export const areaTypesSchema = { tags, security, summary: 'Area types of wards', response: errors };

export const setAreaTypeSchema = {
  tags, security,
  summary: 'Set a ward\'s area type',
  description: 'A unit administrator of the city. Audited.',
  params: Type.Object({ unit: Type.String({ minLength: 1, maxLength: 100 }) }),
  body: Type.Object({ areaType: Type.String({ description: 'urban_core | peri_urban | rural' }) }),
  response: errors,
};

const PublicProblem = Type.Object({
  code: Type.String(), name: Type.String(), fields: Type.Array(Type.String()), problem: Type.String(), managementNeed: Type.String(), pilotScope: Type.String(),
  dataInputs: Type.Union([Type.String(), Type.Null()]), outputStandards: Type.Union([Type.String(), Type.Null()]), sandboxConditions: Type.Union([Type.String(), Type.Null()]),
  scaleClass: Type.Union([Type.String(), Type.Null()]), areaType: Type.Union([Type.String(), Type.Null()]),
  receivingUnit: Type.Object({ code: Type.String(), name: Type.String() }),
});

export const publicProblemsSchema = {
  tags: ['public'],
  summary: 'Published problems inviting solutions',
  description: 'Open to everyone. No personal data: the response schema lists every field that may leave.',
  querystring: Type.Object({ field: Type.Optional(Type.String()), areaType: Type.Optional(Type.String()) }),
  response: { 200: Type.Object({ consentPurpose: Type.String(), minFillSeconds: Type.Integer(), problems: Type.Array(PublicProblem) }), 422: ProblemSchema },
};

export const submitSolutionSchema = {
  tags: ['public'],
  summary: 'Submit a solution proposal (Form 02)',
  description: 'Open to everyone, rate-limited per address. Needs consent to the stated processing of the contact\'s personal data. `website` must stay empty and `startedAt` (when the form was opened) must be at least 5 seconds ago.',
  params: Code,
  body: Type.Object({
    organisationName: Type.Optional(Type.String()), organisationType: Type.Optional(Type.String({ description: 'university | institute | company' })),
    contactName: Type.Optional(Type.String()), contactTitle: Text, contactEmail: Text, contactPhone: Text,
    capability: Type.Optional(Type.String()), approach: Type.Optional(Type.String()), readiness: Text,
    kpiCommitment: Type.Optional(Type.String()), timeCommitment: Type.Optional(Type.String()), costCommitment: Text, conditions: Text,
    consent: Type.Optional(Type.Boolean()), website: Text, startedAt: Text,
  }),
  response: { 200: Type.Object({ id: Type.Integer(), problem: Type.String(), state: Type.String() }), 404: ProblemSchema, 422: ProblemSchema, 429: ProblemSchema },
};

export const catalogueFileSchema = {
  tags, security,
  summary: 'Export the priority catalogue (XLSX/DOCX, the template layout)',
  description: 'The catalogue table and one page per high-priority problem, over the problems the caller may read. No contacts or other personal data.',
  querystring: Type.Object({
    state: Type.Optional(Type.String({ description: 'comma-separated states' })),
    field: Type.Optional(Type.String({ description: 'a field of management code' })),
    areaType: Type.Optional(Type.String({ description: 'urban_core | peri_urban | rural' })),
  }),
  response: { 200: Type.Unknown({ description: 'the file' }), 401: ProblemSchema, 422: ProblemSchema },
};

export const importProposalsSchema = {
  tags, security,
  summary: 'Import filled Form 01 proposals',
  description: 'multipart/form-data, field "file". Each proposal passes the same checks as POST /problems; any problem (naming row and field) stores nothing; dryRun only checks.',
  consumes: ['multipart/form-data'],
  querystring: Type.Object({
    unit: Type.Optional(Type.String({ maxLength: 100, description: 'proposing unit for rows that name none' })),
    dryRun: Type.Optional(Type.Boolean()),
  }),
  response: errors,
};

/** A contact who need not be a user: by e-mail or by id, in the body so that no e-mail lands in a URL or a log. */
const ContactQuery = Type.Object({
  email: Type.Optional(Type.String({ maxLength: 320, description: 'every contact with this e-mail (case-insensitive)' })),
  contact: Type.Optional(Type.String({ maxLength: 120, description: 'one contact: problem:<code> or solution:<id>' })),
}, { additionalProperties: false });
export const exportContactSchema = { tags, security, summary: 'Export the personal data of a contact who is not a user', body: ContactQuery, response: errors };
export const eraseContactSchema = { tags, security, summary: 'Erase the personal data of a contact who is not a user', body: ContactQuery, response: errors };
