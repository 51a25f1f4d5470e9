import { Type } from 'typebox';

const Groups = Type.Record(Type.String(), Type.Number());
const Explain = Type.Array(
  Type.Object(
    {
      criterion: Type.String(), group: Type.String(), name: Type.String(), rule: Type.String(), applicable: Type.Boolean(),
      input: Type.Union([Type.Number(), Type.Null()]), goal: Type.Union([Type.Number(), Type.String(), Type.Null()]),
      points: Type.Number(), max: Type.Number(), source: Type.String(), reason: Type.String(),
      self: Type.Optional(Type.Union([Type.Number(), Type.Null()])), appraised: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
      evidence: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    },
    { additionalProperties: true },
  ),
);
const Row = Type.Object({ unit: Type.String(), kind: Type.String(), score: Type.Number(), max: Type.Number(), selfScore: Type.Number(), rank: Type.Integer(), groups: Groups });

export const rankingSchema = {
  tags: ['scores'],
  summary: 'Bảng xếp hạng hiện tại của một bộ chỉ số / current ranking',
  querystring: Type.Object({ framework: Type.String({ minLength: 1 }), period: Type.String({ minLength: 4 }), kind: Type.Optional(Type.String()) }),
  response: { 200: Type.Object({ framework: Type.String(), version: Type.String(), period: Type.String(), ranking: Type.Array(Row) }) },
};

export const unitScoreSchema = {
  tags: ['scores'],
  summary: 'Điểm của một đơn vị, giải thích từng tiêu chí / one unit’s score, criterion by criterion',
  params: Type.Object({ unit: Type.String({ minLength: 1 }) }),
  querystring: Type.Object({ framework: Type.String({ minLength: 1 }), period: Type.String({ minLength: 4 }) }),
  response: { 200: Type.Object({ framework: Type.String(), version: Type.String(), period: Type.String(), ...Row.properties, explain: Explain }) },
};

export const assessmentSchema = {
  tags: ['scores'],
  summary: 'Ghi điểm tự đánh giá (self) hoặc thẩm định (appraised) kèm minh chứng / record assessed points',
  security: [{ bearer: [] }],
  body: Type.Object({
    framework: Type.String({ minLength: 1 }), criterion: Type.String({ minLength: 1 }), unit: Type.String({ minLength: 1 }),
    period: Type.String({ minLength: 4 }), kind: Type.Union([Type.Literal('self'), Type.Literal('appraised')]),
    points: Type.Number({ minimum: 0 }), evidence: Type.String({ minLength: 1 }), note: Type.Optional(Type.String()),
  }),
  response: { 201: Type.Object({ id: Type.Integer(), recordedAt: Type.String() }) },
};
