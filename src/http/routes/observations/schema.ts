import { Type, type Static } from 'typebox';
import { ProblemSchema } from '../../auth/views.ts';

const security = [{ bearer: [] }];
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

// Rows are checked one by one by the domain, which answers 422 with every conflict (index + field);
// a JSON schema on each row would stop at a 400 naming only the first wrong field.
const ObservationRow = Type.Record(Type.String(), Type.Unknown(), {
  description:
    '{"indicator": code, "unit": code, "period": "2026-03"|"2026-Q1"|"2026-H1"|"2026", "value": number} or with "numerator" and ' +
    '"denominator" instead of "value"; optional "note", "evidenceUrl", "reason".',
});

const Summary = Type.Object({
  imported: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  dryRun: Type.Optional(Type.Boolean()),
});

const ConflictsProblem = Type.Intersect([
  ProblemSchema,
  Type.Object({
    conflicts: Type.Optional(Type.Array(Type.Object({
      // Absent for a problem with the whole batch (no source, no rows, too many rows).
      index: Type.Optional(Type.Integer({ description: 'the row (0-based); absent for the batch as a whole' })),
      field: Type.String(),
      message: Type.String({ description: 'in the Accept-Language' }),
      code: Type.Optional(Type.String({ description: 'stable message code (catalogued)' })),
      params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
    }))),
  }),
]);

export const postObservationsSchema = {
  tags: ['observations'],
  summary: 'Push a batch of observations (atomic)',
  description:
    'JSON `{"source", "observations": [...]}` or `text/csv` with rows `indicator,unit,period,value[,numerator,denominator]` ' +
    '(header optional; `?source=` names the source). Any invalid row → 422 with all `conflicts`, nothing stored. ' +
    '`Idempotency-Key` makes retries safe (same key + same body → first answer; different body → 409).',
  security,
  querystring: Type.Object({
    dryRun: Type.Optional(Type.Boolean({ default: false })),
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'source system, for text/csv bodies' })),
  }),
  headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
  body: {
    content: {
      'application/json': {
        schema: Type.Object({ source: Type.String({ minLength: 1, maxLength: 200 }), observations: Type.Array(ObservationRow, { minItems: 1 }) }),
      },
      'text/csv': { schema: Type.String() },
    },
  },
  response: { 200: Summary, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema, 422: ConflictsProblem },
};

const ObservationView = Type.Object({
  indicator: Type.String(),
  unit: Type.String(),
  period: Type.String(),
  periodStart: Type.String(),
  periodEnd: Type.String(),
  version: Type.Integer(),
  current: Type.Boolean(),
  value: nullable(Type.Number()),
  numerator: nullable(Type.Number()),
  denominator: nullable(Type.Number()),
  origin: Type.String(),
  source: Type.String(),
  actor: Type.String({ description: 'who recorded this version: "user:<id>" ("user:<username>" before ids), "token:<id>", "connector:<name>"…' }),
  actorName: Type.String({ description: 'the person\'s display name now ("deleted user" in the reader\'s language once erased), else the actor' }),
  recordedAt: Type.String({ format: 'date-time' }),
  note: nullable(Type.String()),
  evidenceUrl: nullable(Type.String()),
  reason: nullable(Type.String()),
});

/** One row of GET /api/v1/observations, as the web reads it (a changed field fails its typecheck). */
export type ObservationAnswer = Static<typeof ObservationView>;

const ObservationQuery = Type.Object({
  indicator: Type.Optional(Type.String({ minLength: 1 })),
  unit: Type.Optional(Type.String({ minLength: 1 })),
  from: Type.Optional(Type.String({ description: 'period code, inclusive' })),
  to: Type.Optional(Type.String({ description: 'period code, inclusive' })),
  history: Type.Optional(Type.Boolean({ default: false })),
});

export const listObservationsSchema = {
  tags: ['observations'],
  summary: 'Current values, or every version with provenance',
  security,
  querystring: Type.Intersect([ObservationQuery, Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50_000 })) })]),
  response: { 200: Type.Object({ observations: Type.Array(ObservationView) }), 401: ProblemSchema, 422: ProblemSchema },
};

export const exportObservationsSchema = {
  tags: ['observations'],
  summary: 'Full history as CSV',
  security,
  querystring: Type.Omit(ObservationQuery, ['history']),
};

export const dataShareSchema = {
  tags: ['observations'],
  summary: 'Share of values from systems vs typed in',
  security,
  params: Type.Object({ code: Type.String({ minLength: 1 }) }),
  querystring: Type.Object({ subtree: Type.Optional(Type.Boolean({ default: false })) }),
  response: {
    200: Type.Object({
      unit: Type.String(),
      includesSubtree: Type.Boolean(),
      total: Type.Integer(),
      fromSystems: Type.Integer(),
      manual: Type.Integer(),
      imported: Type.Integer(),
      systemShare: nullable(Type.Number()),
    }),
    401: ProblemSchema,
    403: ProblemSchema,
    404: ProblemSchema,
  },
};
