import { Type } from 'typebox';

export const rollupSchema = {
  tags: ['rollups'],
  summary: 'A unit’s monthly series rolled up the unit tree',
  security: [{ bearer: [] }],
  querystring: Type.Object({
    indicator: Type.String({ minLength: 1 }),
    unit: Type.String({ minLength: 1 }),
    from: Type.Optional(Type.String()),
    to: Type.Optional(Type.String()),
  }),
  response: {
    200: Type.Object({
      indicator: Type.String(),
      unit: Type.String(),
      series: Type.Array(
        Type.Object({
          period: Type.String(),
          value: Type.Union([Type.Number(), Type.Null()]),
          source: Type.Union([Type.Literal('own'), Type.Literal('rollup'), Type.Literal('none')]),
          count: Type.Integer(),
        }),
      ),
    }),
  },
};
