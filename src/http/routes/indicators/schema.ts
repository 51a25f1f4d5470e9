import { Type } from 'typebox';
import { AGGREGATIONS, DIRECTIONS, FREQUENCIES } from '../../../domain/indicators/indicator.ts';
import { ProblemSchema } from '../../auth/views.ts';

const security = [{ bearer: [] }];

export const IndicatorView = Type.Object({
  code: Type.String(),
  name: Type.String(),
  measure: Type.String(),
  direction: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  aggregation: Type.Union([
    Type.Literal('sum'), Type.Literal('mean'), Type.Literal('ratio'), Type.Literal('min'), Type.Literal('max'), Type.Literal('last'),
  ]),
  numerator: Type.Union([Type.String(), Type.Null()]),
  denominator: Type.Union([Type.String(), Type.Null()]),
  frequency: Type.String({ description: FREQUENCIES.join(' | ') }),
  sourceSystem: Type.Union([Type.String(), Type.Null()]),
  classified: Type.Boolean(),
});

export const listIndicatorsSchema = {
  tags: ['indicators'],
  summary: 'Indicator definitions',
  security,
  response: { 200: Type.Object({ indicators: Type.Array(IndicatorView) }), 401: ProblemSchema },
};

export const getIndicatorSchema = {
  tags: ['indicators'],
  summary: 'One indicator by code',
  security,
  params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }),
  response: { 200: IndicatorView, 401: ProblemSchema, 404: ProblemSchema },
};

export const createIndicatorSchema = {
  tags: ['indicators'],
  summary: 'Define an indicator (system admin)',
  description: 'Field rules are checked by the domain and reported as 422 naming each field.',
  security,
  body: Type.Object(
    {
      code: Type.String(),
      name: Type.String(),
      measure: Type.String(),
      direction: Type.String({ description: DIRECTIONS.join(' | ') }),
      aggregation: Type.String({ description: AGGREGATIONS.join(' | ') }),
      numerator: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      denominator: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      frequency: Type.Optional(Type.String({ description: FREQUENCIES.join(' | ') })),
      sourceSystem: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      classified: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
  response: { 201: IndicatorView, 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema },
};
