import { Type, type Static } from 'typebox';
import { ProblemSchema } from '../../auth/views.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Status = Type.Union([Type.Literal('met'), Type.Literal('on_track'), Type.Literal('at_risk'), Type.Literal('missed'), Type.Literal('no_data'), Type.Literal('unlinked')]);
const Counts = Type.Object({ met: Type.Integer(), on_track: Type.Integer(), at_risk: Type.Integer(), missed: Type.Integer(), no_data: Type.Integer(), unlinked: Type.Integer() });

const BehindUnitView = Type.Object({
  code: Type.String(),
  name: Nullable(Type.String()),
  kind: Type.String(),
  score: Type.Number({ description: 'sum of the targets\' behind weights (importance × severity × urgency, docs/scoring.md); 0 when nothing is at risk or missed' }),
  counts: Counts,
  total: Type.Integer(),
  reasons: Type.Array(Type.Object({
    code: Type.String(),
    text: Nullable(Type.String()),
    status: Status,
    current: Nullable(Type.Number()),
    goal: Nullable(Type.Number()),
    op: Type.String(),
    gap: Nullable(Type.Number({ description: 'short of the goal in its own unit (positive = short)' })),
    due: Nullable(Type.String()),
    pMiss: Type.Number(),
    weight: Type.Number(),
    measure: Nullable(Type.String({ description: 'what the goal counts ("%"): current, goal and gap are in it' })),
  }), { description: 'the targets pulling the unit behind most, at most 3' }),
  openAlerts: Type.Integer(),
  coverage: Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'targets with data over all targets; null without targets' })),
});

export const unitsBehindSchema = {
  tags: ['evaluation'],
  summary: 'Units furthest behind',
  description: 'Units under `unit` (its direct children, or every unit of `level`) ranked by their targets at risk or missed, weighted by importance and time left; units without evaluated targets are listed apart in `noData`. See docs/scoring.md.',
  security: [{ bearer: [] }],
  querystring: Type.Object({
    unit: Type.String({ minLength: 1, description: 'unit code: rank the units below it' }),
    level: Type.Optional(Type.String({ maxLength: 40, description: 'a unit kind (commune, agency, …) or "ward"; direct children when absent' })),
    asOf: Type.Optional(Type.String({ description: 'yyyy-mm-dd or dd/mm/yyyy; today by default' })),
  }),
  response: {
    200: Type.Object({
      unit: Type.Object({ code: Type.String(), name: Nullable(Type.String()) }),
      asOf: Type.String(),
      level: Nullable(Type.String()),
      ranked: Type.Array(Type.Intersect([BehindUnitView, Type.Object({ rank: Type.Integer() })])),
      noData: Type.Array(BehindUnitView),
    }),
    401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema,
  },
};

/** The answer's shape, imported by the web (`import type`) so a changed field fails its typecheck. */
export type UnitsBehindView = Static<(typeof unitsBehindSchema.response)[200]>;
