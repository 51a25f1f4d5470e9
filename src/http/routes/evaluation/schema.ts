import { Type, type Static } from 'typebox';
import { ProblemSchema } from '../../auth/views.ts';

const Num = Type.Union([Type.Number(), Type.Null()]);

export const TargetEvaluationView = Type.Object({
  code: Type.String(),
  status: Type.Union([Type.Literal('met'), Type.Literal('on_track'), Type.Literal('at_risk'), Type.Literal('missed'), Type.Literal('no_data'), Type.Literal('unlinked')]),
  current: Num,
  currentPeriod: Type.Union([Type.String(), Type.Null()]),
  expected: Num,
  progress: Num,
  forecast: Num,
  forecastLow: Num,
  forecastHigh: Num,
  pMiss: Type.Number({ minimum: 0, maximum: 1 }),
  requiredRate: Num,
  achievedRate: Num,
  seasonal: Type.Boolean(),
  levelShiftFrom: Type.Union([Type.String(), Type.Null()]),
  model: Type.Union([Type.Literal('trend'), Type.Literal('seasonal'), Type.Literal('break'), Type.Literal('saturating'), Type.Null()], {
    description: 'the forecast model the status rests on: linear trend (damped or not, see damping), trend with month-of-year effects, trend with a structural break, or a saturating curve; null without a forecast (fewer than 3 values)',
  }),
  ceiling: Type.Union([Type.Number(), Type.Null()], { description: 'the level a saturating curve approaches (the value is capped near it); null for the other models' }),
  damping: Type.Optional(Type.Union([Type.Number(), Type.Null()], {
    description: "how a trend's pace is projected: 1 keeps it, below 1 lets it fade month by month, chosen on the series' own history; null without a trend (no forecast, or a saturating curve); absent from evaluations stored before 05/12/2026",
  })),
  reason: Type.String(),
  reasonEn: Type.String(),
  text: Type.Union([Type.String(), Type.Null()], { description: "the target's wording (its indicator's name when it has none)" }),
  indicator: Type.Union([Type.String(), Type.Null()]),
  unit: Type.Union([Type.String(), Type.Null()]),
  responsibleUnit: Type.Union([Type.String(), Type.Null()]),
  op: Type.String(),
  goal: Num,
  due: Type.Union([Type.String(), Type.Null()]),
  scopeKind: Type.Union([Type.String(), Type.Null()]),
  measure: Type.Union([Type.String(), Type.Null()], { description: 'what the goal counts ("%", "doanh nghiệp"): the target\'s, else its indicator\'s' }),
});

/** One evaluated target as the API answers it: the web reads this type, so a changed field fails its typecheck. */
export type TargetEvaluationAnswer = Static<typeof TargetEvaluationView>;

export const evaluationSchema = {
  tags: ['evaluation'],
  summary: 'Evaluate targets at a date',
  description: 'Status met | on_track | at_risk | missed | no_data | unlinked, current value, expected path, forecast at the due date with an 80% interval, pMiss and the reason (vi, en). See docs/evaluation.md.',
  security: [{ bearer: [] }],
  querystring: Type.Object({
    asOf: Type.Optional(Type.String({ description: 'yyyy-mm-dd or dd/mm/yyyy; today by default' })),
    unit: Type.Optional(Type.String({ description: 'unit code: this unit and every unit below it' })),
    plan: Type.Optional(Type.String({ description: 'plan id or code' })),
    target: Type.Optional(Type.String({ maxLength: 4000, description: 'target code, or several separated by commas (CT-01,CT-02): only these targets; an unknown code is a 422 naming it' })),
    status: Type.Optional(Type.String({
      pattern: '^(met|on_track|at_risk|missed|no_data|unlinked)(,(met|on_track|at_risk|missed|no_data|unlinked))*$',
      description: 'only targets in this status, or in any of several separated by commas (at_risk,missed)',
    })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, description: 'at most this many targets (ordered by code); every target when absent' })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: 'targets to skip before the page, with limit' })),
  }),
  response: {
    200: Type.Object({
      asOf: Type.String(),
      total: Type.Integer({ description: 'targets matching the filters that the caller may read, before limit and offset' }),
      targets: Type.Array(TargetEvaluationView),
    }),
    401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema,
  },
};
