import { Type, type Static } from 'typebox';

const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          line: Type.Optional(Type.Integer()),
          index: Type.Optional(Type.Integer()),
          field: Type.Optional(Type.String()),
          message: Type.String(),
        }),
      ),
    ),
  },
  { additionalProperties: true },
);

/** The plan draft (docs/plan-draft-format.md); passed through as extracted. */
const Draft = Type.Unknown({ description: 'PlanDraft: {plan, targets, tasks, warnings} — see docs/plan-draft-format.md' });

const PlanId = Type.Object({ id: Type.String({ minLength: 1, description: 'plan id or document code (URL-encoded)' }) });

const Version = Type.Object({
  id: Type.Integer(),
  planId: Type.Integer(),
  versionNo: Type.Integer(),
  contentHash: Type.String(),
  sourceName: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('superseded')]),
  createdAt: Type.String({ format: 'date-time' }),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

/** What each unit correction of an import changed (AppliedUnitCorrection). */
const AppliedCorrection = Type.Object({
  name: Type.String({ description: 'the unit name as the document writes it (NFC)' }),
  code: Type.String({ description: 'the registry code chosen for it' }),
  references: Type.Integer({ description: 'how many lead/partner/monitor references got the code' }),
  lines: Type.Array(Type.Integer(), { description: 'the items\' source lines' }),
});

export const importPlanSchema = {
  security: [{ bearer: [] }],
  tags: ['plans'],
  summary: 'Import a plan document',
  description: [
    'multipart/form-data with these parts, in any order:',
    '- `file` (required): the plan document, .txt/.md/.docx/.xlsx.',
    '- `units` (optional text field): a JSON object mapping a unit name exactly as the draft writes it to the registry code',
    '  chosen for it, e.g. `{"Trung tâm Phục vụ hành chính công":"HN_P_VINH_TUY_PVHCC"}`. Every reference (lead, partners,',
    '  monitor) with that name and no code gets the code, and the unresolved/ambiguous warnings about it are dropped; references',
    '  that already have a code never change. Applied to dry runs too. A value that is not a JSON object of strings, a name no',
    '  code-less reference carries, or a code the registry does not know answers 422 with `errors[].field` = `units` or `units.<name>`;',
    '  nothing is stored. The same document with the same corrections is "unchanged"; with other corrections it is a new version.',
    'Errors: 400 not multipart / no file; 413 file too large; 422 unreadable document, unknown owner, bad corrections.',
  ].join('\n'),
  consumes: ['multipart/form-data'],
  querystring: Type.Object({
    dryRun: Type.Optional(Type.Boolean({ description: 'extract only; store nothing' })),
    publish: Type.Optional(Type.Boolean({ description: 'publish the imported version' })),
    owner: Type.Optional(Type.String({ minLength: 1, description: 'registry code of the owning unit (ward)' })),
  }),
  response: {
    200: Type.Union([
      Type.Object({
        planId: Type.Integer(),
        versionId: Type.Integer(),
        versionNo: Type.Integer(),
        status: Type.Union([Type.Literal('created'), Type.Literal('unchanged'), Type.Literal('new_version')]),
        published: Type.Boolean(),
        draft: Draft,
        corrections: Type.Array(AppliedCorrection),
      }),
      Type.Object({ draft: Draft, corrections: Type.Array(AppliedCorrection) }),
    ]),
    400: Problem,
    413: Problem,
    422: Problem,
  },
};

export const publishPlanSchema = {
  security: [{ bearer: [] }],
  tags: ['plans'],
  summary: 'Publish a version',
  params: PlanId,
  querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }),
  response: {
    200: Type.Object({
      planId: Type.Integer(),
      versionId: Type.Integer(),
      versionNo: Type.Integer(),
      changed: Type.Boolean(),
      targets: Type.Integer(),
      tasks: Type.Integer(),
    }),
    400: Problem,
    404: Problem,
    422: Problem,
  },
};

const PlanSummaryView = Type.Object({
  id: Type.Integer(),
  code: Type.Union([Type.String(), Type.Null()]),
  title: Type.String(),
  issuer: Type.Union([Type.String(), Type.Null()]),
  issuedOn: Type.Union([Type.String(), Type.Null()]),
  ownerUnitCode: Type.Union([Type.String(), Type.Null()]),
  versionCount: Type.Integer(),
  latestVersionNo: Type.Union([Type.Integer(), Type.Null()]),
  latestStatus: Type.Union([Type.String(), Type.Null()]),
  publishedVersionNo: Type.Union([Type.Integer(), Type.Null()]),
});

/** One row of GET /api/v1/plans, as the web reads it (a changed field fails its typecheck). */
export type PlanSummaryAnswer = Static<typeof PlanSummaryView>;

export const listPlansSchema = {
  security: [{ bearer: [] }],
  tags: ['plans'],
  summary: 'List plans',
  response: {
    200: Type.Array(PlanSummaryView),
  },
};

const Unit = Type.Object({ name: Type.String(), code: Type.Union([Type.String(), Type.Null()]), collective: Type.Boolean() });
const Due = Type.Object({
  raw: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  start: Type.Union([Type.String(), Type.Null()]),
  end: Type.Union([Type.String(), Type.Null()]),
});
const ItemCommon = {
  id: Type.Union([Type.Integer(), Type.Null()]),
  code: Type.Union([Type.String(), Type.Null()]),
  seq: Type.Union([Type.Integer(), Type.Null()]),
  sectionId: Type.Union([Type.Integer(), Type.Null()]),
  sectionPath: Type.Array(Type.String()),
  lead: Type.Array(Unit),
  partners: Type.Array(Unit),
  due: Due,
  sourceLine: Type.Integer(),
};
// Children repeat this shape; typed loosely so the serializer needs no recursive reference.
const Section = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  number: Type.Union([Type.String(), Type.Null()]),
  position: Type.Integer(),
  children: Type.Array(Type.Unknown({ description: 'Section (same shape)' })),
});

const PlanTargetView = Type.Object({
  ...ItemCommon,
  text: Type.String(),
  measure: Type.Union([Type.String(), Type.Null()]),
  goal: Type.Object({ op: Type.String(), value: Type.Union([Type.Number(), Type.Null()]), raw: Type.String() }),
  monitor: Type.Array(Unit),
  basis: Type.Union([Type.String(), Type.Null()]),
});
const PlanTaskView = Type.Object({
  ...ItemCommon,
  title: Type.String(),
  result: Type.Union([Type.String(), Type.Null()]),
  product: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.String(), Type.Null()]),
  progress: Type.Union([Type.Number(), Type.Null()]),
});
const PlanDetailView = Type.Object({
  id: Type.Integer(),
  code: Type.Union([Type.String(), Type.Null()]),
  title: Type.String(),
  issuer: Type.Union([Type.String(), Type.Null()]),
  issuedOn: Type.Union([Type.String(), Type.Null()]),
  owner: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  versions: Type.Array(Version),
  version: Version,
  sections: Type.Array(Section),
  targets: Type.Array(PlanTargetView),
  tasks: Type.Array(PlanTaskView),
  warnings: Type.Array(Type.Object({
    line: Type.Integer(), code: Type.String(), message: Type.String({ description: 'in the Accept-Language' }),
    said: Type.Optional(Type.Object({ code: Type.String(), params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])) }, { description: 'the catalogued code (plan_draft.*) and parameters behind message' })),
  })),
});

/** GET /api/v1/plans/:id and its items, as the web reads them (a changed field fails its typecheck). */
export type PlanDetailAnswer = Static<typeof PlanDetailView>;
export type PlanTargetAnswer = Static<typeof PlanTargetView>;
export type PlanTaskAnswer = Static<typeof PlanTaskView>;

export const getPlanSchema = {
  security: [{ bearer: [] }],
  tags: ['plans'],
  summary: 'A plan with its tree and items',
  params: PlanId,
  querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }),
  response: {
    200: PlanDetailView,
    400: Problem,
    404: Problem,
    422: Problem,
  },
};

export const diffPlanSchema = {
  security: [{ bearer: [] }],
  tags: ['plans'],
  summary: 'What changed between two versions',
  params: PlanId,
  querystring: Type.Object({
    from: Type.Optional(Type.Integer({ minimum: 1 })),
    to: Type.Optional(Type.Integer({ minimum: 1 })),
  }),
  response: {
    200: Type.Object({
      planId: Type.Integer(),
      from: Type.Integer(),
      to: Type.Integer(),
      plan: Type.Array(Type.Object({ field: Type.String(), from: Type.Union([Type.String(), Type.Null()]), to: Type.Union([Type.String(), Type.Null()]) })),
      targets: Type.Unknown(),
      tasks: Type.Unknown(),
    }),
    400: Problem,
    404: Problem,
    422: Problem,
  },
};

const DraftVersionParams = Type.Object({
  id: Type.String({ minLength: 1, description: 'plan id or document code (URL-encoded)' }),
  versionNo: Type.Integer({ minimum: 1 }),
});

export const getDraftSchema = {
  security: [{ bearer: [] }],
  tags: ['plans'],
  summary: 'The stored draft of a version, for review',
  params: DraftVersionParams,
  response: {
    200: Type.Object({ planId: Type.Integer(), versionNo: Type.Integer(), status: Type.String(), draft: Draft }),
    404: Problem,
  },
};

export const editDraftItemSchema = {
  security: [{ bearer: [] }],
  tags: ['plans'],
  summary: 'Correct one draft item, link a target to an indicator',
  params: Type.Object({
    id: Type.String({ minLength: 1 }),
    versionNo: Type.Integer({ minimum: 1 }),
    kind: Type.Union([Type.Literal('targets'), Type.Literal('tasks')]),
    index: Type.Integer({ minimum: 0, description: '0-based position in the draft list' }),
  }),
  body: Type.Object({
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
    goal: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'as written, e.g. "≥ 95%"' })),
    measure: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    due: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'dd/mm/yyyy, "Quý II/2026", "Thường xuyên"…' })),
    lead: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 })),
    partners: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 200 })),
    indicator: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
    weight: Type.Optional(Type.Number({ description: 'importance in the "behind" ranking, 0 < weight ≤ 10 (targets only)' })),
  }, { additionalProperties: false, minProperties: 1 }),
};
