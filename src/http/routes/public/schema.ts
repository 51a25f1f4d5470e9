import { Type, type Static } from 'typebox';

const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.Optional(Type.String()), message: Type.String() }, { additionalProperties: true }))),
  },
  { additionalProperties: true },
);

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const PlanRef = Type.Object({ id: Type.String({ minLength: 1, description: 'plan id or document code (URL-encoded: 12%2FKH-UBND)' }) });
const AsOf = Type.Object({ asOf: Type.Optional(Type.String({ description: 'As-of date, today by default' })) });
const Status = Type.Union([Type.Literal('met'), Type.Literal('on_track'), Type.Literal('at_risk'), Type.Literal('missed'), Type.Literal('no_data'), Type.Literal('unlinked')]);

const Summary = {
  targets: Type.Integer(),
  byStatus: Type.Object({ met: Type.Integer(), on_track: Type.Integer(), at_risk: Type.Integer(), missed: Type.Integer(), no_data: Type.Integer(), unlinked: Type.Integer() }),
  tasks: Type.Integer(),
  tasksDone: Type.Integer(),
  tasksOverdue: Type.Integer(),
  taskProgress: Nullable(Type.Number()),
};

const PublicTarget = Type.Object({
  code: Type.String(),
  text: Type.String(),
  sectionPath: Type.Array(Type.String()),
  pillar: Nullable(Type.String()),
  responsibleUnit: Nullable(Type.String()),
  measure: Nullable(Type.String()),
  goal: Type.Object({ op: Type.String(), value: Nullable(Type.Number()), raw: Type.String() }),
  due: Nullable(Type.String()),
  dueRaw: Nullable(Type.String()),
  status: Nullable(Status),
  current: Nullable(Type.Number()),
  currentPeriod: Nullable(Type.String()),
  progress: Nullable(Type.Number()),
  reason: Nullable(Type.String()),
  reasonEn: Nullable(Type.String()),
});

const PublicTask = Type.Object({
  code: Type.String(),
  title: Type.String(),
  sectionPath: Type.Array(Type.String()),
  pillar: Nullable(Type.String()),
  responsibleUnit: Nullable(Type.String()),
  result: Nullable(Type.String()),
  product: Nullable(Type.String()),
  due: Nullable(Type.String()),
  dueRaw: Nullable(Type.String()),
  status: Nullable(Type.String()),
  progress: Nullable(Type.Number()),
  overdue: Type.Boolean(),
});

export const PublicPlanProgress = Type.Object({
  plan: Type.Object({
    id: Type.Integer(),
    code: Nullable(Type.String()),
    title: Type.String(),
    issuer: Nullable(Type.String()),
    issuedOn: Nullable(Type.String()),
    owner: Nullable(Type.Object({ code: Type.String(), name: Type.String() })),
    versionNo: Type.Integer(),
    publishedAt: Nullable(Type.String({ format: 'date-time' })),
  }),
  asOf: Type.String(),
  summary: Type.Object(Summary),
  pillars: Type.Array(Type.Object({ title: Nullable(Type.String()), ...Summary })),
  targets: Type.Array(PublicTarget),
  tasks: Type.Array(PublicTask),
});

/** GET /api/v1/public/plans/:id, as the open page reads it (a changed field fails the web's typecheck). */
export type PublicPlanProgressAnswer = Static<typeof PublicPlanProgress>;

const PublicPlanSummary = Type.Object({
  id: Type.Integer(),
  code: Nullable(Type.String()),
  title: Type.String(),
  issuer: Nullable(Type.String()),
  issuedOn: Nullable(Type.String()),
  ownerUnitCode: Nullable(Type.String()),
  publishedVersionNo: Type.Integer(),
});

/** One row of GET /api/v1/public/plans. */
export type PublicPlanSummaryAnswer = Static<typeof PublicPlanSummary>;

export const listPublicPlansSchema = {
  tags: ['public'],
  summary: 'Published plans, no sign-in',
  response: {
    200: Type.Array(PublicPlanSummary),
  },
};

export const getPublicPlanSchema = {
  tags: ['public'],
  summary: 'Non-classified progress of a published plan',
  params: PlanRef,
  querystring: AsOf,
  response: { 200: PublicPlanProgress, 404: Problem, 422: Problem },
};

/** The open-data files: the body is the file itself (CSV with BOM, JSON, or XLSX). */
export const openDataSchema = (format: string) => ({
  tags: ['public'],
  summary: `Open data (${format.toUpperCase()}) of a published plan`,
  params: PlanRef,
  querystring: AsOf,
  response: { 200: Type.Unknown({ description: 'the file (text/csv with BOM, application/json or XLSX), sent as an attachment' }), 404: Problem, 422: Problem },
});
