import { Type, type Static } from 'typebox';

const Groups = Type.Record(Type.String(), Type.Number());
const Said = Type.Object({ code: Type.String(), params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])) });
const Explain = Type.Array(
  Type.Object(
    {
      criterion: Type.String(), group: Type.String(), name: Type.String(), rule: Type.String(), applicable: Type.Boolean(),
      input: Type.Union([Type.Number(), Type.Null()]), goal: Type.Union([Type.Number(), Type.String(), Type.Null()]),
      points: Type.Number(), max: Type.Number(),
      source: Type.String({ description: 'where the figure came from, in the Accept-Language' }), reason: Type.String({ description: 'why these points, in the Accept-Language' }),
      said: Type.Object({ reason: Said, source: Said }, { description: 'the catalogued codes and parameters behind reason and source (score.explain.*, score.source.*)' }),
      self: Type.Optional(Type.Union([Type.Number(), Type.Null()])), appraised: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
      evidence: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    },
    { additionalProperties: true },
  ),
);
const Row = Type.Object({ unit: Type.String(), kind: Type.String(), score: Type.Number(), max: Type.Number(), selfScore: Type.Number(), rank: Type.Integer(), groups: Groups });
const Coverage = Type.Object(
  { withData: Type.Integer(), missing: Type.Integer() },
  { description: 'applicable criteria known (with data, or appraised) and not yet known; read beside the score, never folded into it (docs/scoring.md)' },
);

const RankingRowView = Type.Object({
  ...Row.properties,
  coverage: Coverage,
  lowCoverage: Type.Boolean({ description: "coverage below the framework's minCoverage × the best coverage of the kind: ranked after every unit that has enough, and marked (docs/scoring.md)" }),
});

const RankingView = Type.Object({
  framework: Type.String(), version: Type.String(), period: Type.String(),
  minCoverage: Type.Number({ minimum: 0, maximum: 1, description: 'share of the best coverage of its kind a unit needs to be ranked among the others (0: no floor)' }),
  ranking: Type.Array(RankingRowView),
});

/** GET /api/v1/scores as the API answers it: the web reads this type, so a changed field fails its typecheck. */
export type RankingAnswer = Static<typeof RankingView>;
export type RankingRowAnswer = Static<typeof RankingRowView>;

export const rankingSchema = {
  tags: ['scores'],
  summary: 'Current ranking',
  description: 'Ranks compare score ÷ max; a unit below the framework\'s minCoverage is ranked after the others (lowCoverage); within a tie the unit with more data is listed first.',
  querystring: Type.Object({ framework: Type.String({ minLength: 1 }), period: Type.String({ minLength: 4 }), kind: Type.Optional(Type.String()) }),
  response: { 200: RankingView },
};

const UnitScoreView = Type.Object({ framework: Type.String(), version: Type.String(), period: Type.String(), ...Row.properties, explain: Explain });

/** GET /api/v1/scores/:unit, criterion by criterion, as the web reads it. */
export type UnitScoreAnswer = Static<typeof UnitScoreView>;

export const unitScoreSchema = {
  tags: ['scores'],
  summary: 'One unit’s score, criterion by criterion',
  params: Type.Object({ unit: Type.String({ minLength: 1 }) }),
  querystring: Type.Object({ framework: Type.String({ minLength: 1 }), period: Type.String({ minLength: 4 }) }),
  response: { 200: UnitScoreView },
};

export const assessmentSchema = {
  tags: ['scores'],
  summary: 'Record assessed points',
  security: [{ bearer: [] }],
  body: Type.Object({
    framework: Type.String({ minLength: 1 }), criterion: Type.String({ minLength: 1 }), unit: Type.String({ minLength: 1 }),
    period: Type.String({ minLength: 4 }), kind: Type.Union([Type.Literal('self'), Type.Literal('appraised')]),
    points: Type.Number({ minimum: 0 }), evidence: Type.String({ minLength: 1 }), note: Type.Optional(Type.String()),
  }),
  response: { 201: Type.Object({ id: Type.Integer(), recordedAt: Type.String() }) },
};

const ByKind = Type.Record(Type.String(), Type.Number(), { description: 'points a unit of each kind can reach' });
const FrameworkSummary = {
  code: Type.String(), version: Type.String(), name: Type.String(), unitKinds: Type.Array(Type.String()),
  stored: Type.Boolean({ description: 'false: the shipped framework, not yet stored by a scoring run' }),
  groups: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), max: Type.Number(), maxByKind: ByKind, criterionCount: Type.Integer() })),
  criterionCount: Type.Integer(), maxByKind: ByKind,
};

export const frameworksSchema = {
  tags: ['scores'],
  summary: 'The scoring frameworks in use',
  response: { 200: Type.Object({ frameworks: Type.Array(Type.Object(FrameworkSummary)) }) },
};

export const frameworkSchema = {
  tags: ['scores'],
  summary: 'One framework, criterion by criterion',
  params: Type.Object({ code: Type.String({ minLength: 1 }) }),
  response: {
    200: Type.Object({
      ...FrameworkSummary,
      criteria: Type.Array(Type.Object({
        id: Type.String(), group: Type.String(), groupName: Type.String(), name: Type.String(),
        rule: Type.Union([Type.Literal('ratio'), Type.Literal('steps'), Type.Literal('threshold'), Type.Literal('assessed')]),
        max: Type.Number(), unitKinds: Type.Array(Type.String()), goal: Type.Union([Type.String(), Type.Null()]),
        source: Type.Object(
          {
            kind: Type.Union([Type.Literal('indicator'), Type.Literal('share'), Type.Literal('assessed')]),
            indicator: Type.Optional(Type.String()), indicatorName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
            over: Type.Optional(Type.String()), op: Type.Optional(Type.String()), goal: Type.Optional(Type.Number()),
            unitKinds: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])),
            evidence: Type.Optional(Type.Union([Type.String(), Type.Null()])), verifier: Type.Optional(Type.Union([Type.String(), Type.Null()])),
          },
          { description: 'indicator: measured from an indicator; share: share of child units meeting a goal; assessed: points given by the appraisal council' },
        ),
      })),
    }),
  },
};
