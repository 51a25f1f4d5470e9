import { Type } from 'typebox';
import { UNIT_KINDS } from '../../../domain/units/unit.ts';
import { ProblemSchema } from '../../auth/views.ts';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Kind = Type.Enum([...UNIT_KINDS]);
const Code = Type.String({ minLength: 1, maxLength: 100 });

const UnitSummary = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: Kind,
  parent: Type.Union([Type.String(), Type.Null()]),
});

const SuccessionLink = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: Kind,
  parent: Type.Union([Type.String(), Type.Null()]),
  effectiveOn: Type.String(),
});

export const listUnitsSchema = {
  tags: ['units'],
  summary: 'List the unit registry',
  description: 'Parents before children. `q` matches names, aliases and codes ignoring case and diacritics ("so khoa hoc").',
  querystring: Type.Object({
    kind: Type.Optional(Kind),
    parent: Type.Optional(Code),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    asOf: Type.Optional(IsoDate),
  }),
  response: { 200: Type.Object({ units: Type.Array(UnitSummary) }), 400: ProblemSchema, 422: ProblemSchema },
};

export const getUnitSchema = {
  tags: ['units'],
  summary: 'One unit with aliases, parent, children and merger history',
  params: Type.Object({ code: Code }),
  response: {
    200: Type.Object({
      code: Type.String(),
      name: Type.String(),
      kind: Kind,
      parent: Type.Union([Type.String(), Type.Null()]),
      aliases: Type.Array(Type.String()),
      validFrom: Type.Union([Type.String(), Type.Null()]),
      validTo: Type.Union([Type.String(), Type.Null()]),
      parentUnit: Type.Union([UnitSummary, Type.Null()]),
      children: Type.Array(UnitSummary),
      predecessors: Type.Array(SuccessionLink),
      successors: Type.Array(SuccessionLink),
    }),
    404: ProblemSchema,
  },
};

export const resolveUnitSchema = {
  tags: ['units'],
  summary: 'Resolve a unit name, best match first',
  description:
    'Case-, diacritics-, punctuation- and abbreviation-insensitive, tolerant of small typos. Collective names ("Sở, ban, ngành") come back with `collective: true` and their members when enumerable.',
  querystring: Type.Object({
    name: Type.String({ minLength: 1, maxLength: 500 }),
    within: Type.Optional(Code),
    asOf: Type.Optional(IsoDate),
  }),
  response: {
    200: Type.Object({
      input: Type.String(),
      collective: Type.Boolean(),
      ambiguous: Type.Optional(Type.Boolean()),
      matches: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), kind: Kind, score: Type.Number({ minimum: 0, maximum: 1 }) })),
    }),
    400: ProblemSchema,
    422: ProblemSchema,
  },
};
