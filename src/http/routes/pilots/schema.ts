import { Type, type Static } from 'typebox';
import { ProblemSchema } from '../../auth/views.ts';

const Month = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$', description: 'month, YYYY-MM' });
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const Codes = (description: string) => Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 200, description });
const State = Type.Union([Type.Literal('planned'), Type.Literal('running'), Type.Literal('finished')]);

export const PilotView = Type.Object({
  code: Type.String(),
  title: Type.String(),
  problemCode: Type.Union([Type.String(), Type.Null()], { description: 'the problem it answers (problems registry); no foreign key' }),
  indicators: Type.Array(Type.String(), { description: 'KPI indicator codes (classified ones only for callers who may see them)' }),
  treatedUnits: Type.Array(Type.String()),
  comparisonUnits: Type.Array(Type.String()),
  start: Type.String({ description: 'first month of the pilot, YYYY-MM' }),
  end: Type.Union([Type.String(), Type.Null()], { description: 'last month measured, YYYY-MM; null while open-ended' }),
  state: State,
  createdBy: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const PilotBody = {
  title: Type.String({ minLength: 1, maxLength: 500 }),
  problemCode: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()])),
  indicators: Codes('KPI indicator codes, at least one'),
  treatedUnits: Codes('units running the pilot'),
  comparisonUnits: Codes('units carrying on as before; none of them treated'),
  start: Month,
  end: Type.Optional(Type.Union([Month, Type.Null()])),
  state: Type.Optional(State),
};

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

export const listPilotsSchema = {
  tags: ['pilots'],
  summary: 'Pilots with comparison',
  description: 'Only pilots all of whose units the caller may read.',
  security: [{ bearer: [] }],
  querystring: Type.Object({ state: Type.Optional(State), problem: Type.Optional(Type.String({ minLength: 1 })) }),
  response: { 200: Type.Object({ pilots: Type.Array(PilotView) }), 401: ProblemSchema },
};

export const getPilotSchema = {
  tags: ['pilots'],
  summary: 'One pilot',
  security: [{ bearer: [] }],
  params: Type.Object({ code: Type.String({ minLength: 1 }) }),
  response: { 200: PilotView, ...errors },
};

export const createPilotSchema = {
  tags: ['pilots'],
  summary: 'Create a pilot',
  description: 'Needs unit_admin at one unit holding every treated and comparison unit. Unknown units or indicators, or a unit in both groups: 400 naming it.',
  security: [{ bearer: [] }],
  body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }), ...PilotBody }, { additionalProperties: false }),
  response: { 201: PilotView, ...errors, 409: ProblemSchema },
};

export const updatePilotSchema = {
  tags: ['pilots'],
  summary: 'Update a pilot',
  description: 'The fields given replace the stored ones. Needs unit_admin over the units before and after.',
  security: [{ bearer: [] }],
  params: Type.Object({ code: Type.String({ minLength: 1 }) }),
  body: Type.Partial(Type.Object(PilotBody), { additionalProperties: false }),
  response: { 200: PilotView, ...errors },
};

const Message = Type.Object({ code: Type.String(), vi: Type.String(), en: Type.String() });
const GroupSummary = Type.Object({
  units: Type.Integer({ description: 'units that counted' }),
  preMean: NullableNumber,
  postMean: NullableNumber,
  change: NullableNumber,
  preObservations: Type.Integer(),
  postObservations: Type.Integer(),
});

export const EstimateView = Type.Object({
  sufficient: Type.Boolean(),
  reason: Type.Union([Message, Type.Null()], { description: 'why there is no estimate: invalid_window | no_units | too_few_units | too_few_pre_months | too_few_post_months | too_many_gaps | no_spread' }),
  effect: Type.Union([Type.Number(), Type.Null()], { description: 'change in treated minus change in comparison, in the indicator’s unit' }),
  interval: Type.Union([Type.Object({ low: Type.Number(), high: Type.Number(), level: Type.Number() }), Type.Null()]),
  standardError: NullableNumber,
  degreesOfFreedom: NullableNumber,
  pValue: Type.Union([Type.Number(), Type.Null()], { description: 'two-sided, of "no effect"' }),
  window: Type.Union([Type.Object({ preFrom: Type.String(), preTo: Type.String(), postFrom: Type.String(), postTo: Type.String() }), Type.Null()]),
  treated: GroupSummary,
  comparison: GroupSummary,
  preTrend: Type.Union([Type.Object({ slopeDifference: Type.Number(), pValue: Type.Number(), parallel: Type.Boolean() }), Type.Null()]),
  warnings: Type.Array(Message, { description: 'pre_trends_differ | units_left_out | few_degrees_of_freedom' }),
  excludedUnits: Type.Array(Type.Object({ unit: Type.String(), group: Type.String(), reason: Type.String() })),
});

export const effectSchema = {
  tags: ['pilots'],
  summary: 'A pilot’s effect by difference in differences',
  description: 'Per indicator: the estimate with its interval, and the chart (monthly means of treated and comparison units, the start month to mark). See docs/pilots.md.',
  security: [{ bearer: [] }],
  params: Type.Object({ code: Type.String({ minLength: 1 }) }),
  querystring: Type.Object({ confidence: Type.Optional(Type.Number({ minimum: 0.5, maximum: 0.99, default: 0.9 })) }),
  response: {
    200: Type.Object({
      pilot: Type.Object({
        code: Type.String(), title: Type.String(), start: Type.String(), end: Type.Union([Type.String(), Type.Null()]), state: State,
        treatedUnits: Type.Array(Type.String()), comparisonUnits: Type.Array(Type.String()),
      }),
      from: Type.String({ description: 'first month read' }),
      to: Type.String({ description: 'last month read (the end, or the current month while running)' }),
      confidence: Type.Number(),
      indicators: Type.Array(Type.Object({
        indicator: Type.Object({ code: Type.String(), name: Type.String(), measure: Type.String(), direction: Type.Union([Type.Literal('up'), Type.Literal('down')]) }),
        estimate: EstimateView,
        chart: Type.Object({
          start: Type.String({ description: 'the month to mark as the start' }),
          startLabel: Type.String(),
          points: Type.Array(Type.Object({
            period: Type.String(), label: Type.String(), phase: Type.Union([Type.Literal('pre'), Type.Literal('post')]),
            treated: NullableNumber, comparison: NullableNumber, treatedUnits: Type.Integer(), comparisonUnits: Type.Integer(),
          })),
        }),
      })),
      hiddenIndicators: Type.Integer({ description: 'classified indicators left out for this caller' }),
    }),
    ...errors,
  },
};

/** A pilot as the API answers it (GET /api/v1/pilots[/:code]); the web imports this type rather than copying it. */
export type PilotAnswer = Static<typeof PilotView>;
/** GET /api/v1/pilots/:code/effect, as the web reads it. */
export type PilotEffectAnswer = Static<(typeof effectSchema.response)[200]>;
