import { Type, type Static } from 'typebox';
import { ProblemSchema } from '../../auth/views.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Status = Type.Union([Type.Literal('met'), Type.Literal('on_track'), Type.Literal('at_risk'), Type.Literal('missed'), Type.Literal('no_data'), Type.Literal('unlinked')]);

const BreakdownRowView = Type.Object({
  code: Type.String(),
  unit: Nullable(Type.String()),
  unitName: Nullable(Type.String()),
  status: Status,
  current: Nullable(Type.Number()),
  currentPeriod: Nullable(Type.String()),
  goal: Nullable(Type.Number()),
  op: Type.String(),
  gap: Nullable(Type.Number({ description: 'short of the goal in its own unit (positive = short)' })),
  due: Nullable(Type.String()),
  series: Type.Array(Type.Object({ period: Type.String(), value: Nullable(Type.Number()) })),
});

/** One unit's row of GET /api/v1/targets/breakdown, as the target page reads it. */
export type TargetBreakdownRowAnswer = Static<typeof BreakdownRowView>;

export const targetBreakdownSchema = {
  tags: ['evaluation'],
  summary: 'A set target unit by unit',
  description: 'The member targets of a set-scoped (city) target that the caller may read: status, current value, gap and the last 12 months, furthest behind first. A target not split by unit answers no rows.',
  security: [{ bearer: [] }],
  querystring: Type.Object({
    target: Type.String({ minLength: 1, maxLength: 200, description: 'the set target\'s code (CT-01)' }),
    asOf: Type.Optional(Type.String({ description: 'yyyy-mm-dd or dd/mm/yyyy; today by default' })),
  }),
  response: {
    200: Type.Object({
      code: Type.String(),
      asOf: Type.String(),
      rows: Type.Array(BreakdownRowView),
    }),
    401: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema,
  },
};
