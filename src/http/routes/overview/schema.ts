import { Type, type Static } from 'typebox';
import { ProblemSchema } from '../../auth/views.ts';
import { TargetEvaluationView } from '../evaluation/schema.ts';
import { OverviewTargetFilters } from '../exports/schema.ts';

const Status = Type.Union([Type.Literal('met'), Type.Literal('on_track'), Type.Literal('at_risk'), Type.Literal('missed'), Type.Literal('no_data'), Type.Literal('unlinked')]);
const Counts = Type.Object({ met: Type.Integer(), on_track: Type.Integer(), at_risk: Type.Integer(), missed: Type.Integer(), no_data: Type.Integer(), unlinked: Type.Integer() });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const RankRow = Type.Object({
  unit: Type.String(),
  name: Nullable(Type.String()),
  score: Type.Number(),
  max: Type.Number(),
  rank: Type.Integer(),
  coverage: Type.Object({ withData: Type.Integer(), missing: Type.Integer() }, { description: 'applicable criteria with a figure or appraisal, and those still unknown' }),
  lowCoverage: Type.Boolean({ description: "coverage below the framework's minCoverage × the best of its kind: ranked after the units with enough (docs/scoring.md)" }),
});

export const OverviewView = Type.Object({
  unit: Type.Object({ code: Type.String(), name: Nullable(Type.String()) }),
  asOf: Type.String(),
  targets: Type.Object({ total: Type.Integer(), counts: Counts }),
  groupedBy: Type.Literal('plan_section', { description: "the plans' pillars (outermost sections); a target outside any section is grouped under its indicator's name" }),
  groups: Type.Array(Type.Object({ name: Type.String(), total: Type.Integer(), counts: Counts })),
  pillars: Type.Object({
    framework: Nullable(Type.Object({ code: Type.String(), version: Type.String(), name: Type.String() })),
    groups: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), total: Type.Integer(), counts: Counts })),
    ungrouped: Type.Object({ total: Type.Integer(), counts: Counts }),
  }, { description: "targets under the scoring framework's pillars (top-level groups, in its order): by the indicator a criterion measures, else by a plan section naming the pillar; `ungrouped` is what neither places. GET /api/v1/overview/targets?pillar= lists them" }),
  alerts: Type.Object({ open: Type.Integer(), critical: Type.Integer(), warning: Type.Integer(), info: Type.Integer() }, { description: "open alerts of the subtree's units the caller may read, by severity" }),
  risks: Type.Array(Type.Object({
    code: Type.String(),
    text: Nullable(Type.String({ description: "the target's wording, cut to 160 characters" })),
    unit: Nullable(Type.String()),
    unitName: Nullable(Type.String()),
    status: Status,
    pMiss: Type.Number({ minimum: 0, maximum: 1 }),
    due: Nullable(Type.String()),
  }), { description: 'the 10 open targets most likely to miss (met and no-data targets left out), pMiss first' }),
  ranking: Nullable(Type.Object({
    framework: Type.String(),
    version: Type.String(),
    period: Type.String(),
    kind: Type.String({ description: "the subtree's most ranked unit kind (ranks are per kind)" }),
    ranked: Type.Integer(),
    top: Type.Array(RankRow),
    bottom: Type.Array(RankRow),
  })),
  lateReports: Type.Object({
    periods: Type.Array(Type.String()),
    due: Type.Integer(),
    late: Type.Integer(),
    missing: Type.Integer(),
    lateCount: Type.Integer({ description: 'late plus missing past the deadline' }),
    units: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), lateCount: Type.Integer() })),
  }),
});

export const overviewSchema = {
  tags: ['evaluation'],
  summary: 'The leader overview in one small answer',
  description:
    "What the leader's first screen shows for a unit's subtree, as the caller may read it: targets by status and by pillar, the top 10 risks, "
    + 'the top and bottom 5 of the ranking with coverage, and late reports. Same evaluation as GET /api/v1/evaluation; lists there are paged with '
    + 'status, limit and offset. See docs/evaluation.md.',
  security: [{ bearer: [] }],
  querystring: Type.Object({
    unit: Type.String({ minLength: 1, description: 'unit code: this unit and every unit below it' }),
    asOf: Type.Optional(Type.String({ description: 'yyyy-mm-dd or dd/mm/yyyy; today by default' })),
    framework: Type.Optional(Type.String({ description: 'scoring framework code for the ranking excerpt; the first active one by default' })),
  }),
  response: { 200: OverviewView, 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema },
};

export const overviewTargetsSchema = {
  tags: ['evaluation'],
  summary: 'The targets behind an overview figure, paged',
  description:
    "The targets a status tile or a pillar card counts, as the caller may read them: the same evaluation and pillar placement as GET /api/v1/overview, "
    + 'so a card saying 32 opens a list of 32. Ordered by code, paged with limit and offset; unit names beside codes. GET /api/v1/exports/targets.xlsx writes the same list.',
  security: [{ bearer: [] }],
  querystring: Type.Object({
    ...OverviewTargetFilters,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  }),
  response: {
    200: Type.Object({
      asOf: Type.String(),
      total: Type.Integer({ description: 'matching targets the caller may read, before limit and offset' }),
      targets: Type.Array(Type.Object({
        ...TargetEvaluationView.properties,
        unitName: Nullable(Type.String()),
        pillar: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
      })),
    }),
    401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema,
  },
};

/** The answers' shapes, imported by the web (`import type`) so a changed field fails its typecheck. */
export type OverviewAnswer = Static<typeof OverviewView>;
export type OverviewTargetsAnswer = Static<(typeof overviewTargetsSchema.response)[200]>;
