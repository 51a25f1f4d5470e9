import { Type } from 'typebox';
import { ProblemSchema } from '../../auth/views.ts';

const security = [{ bearer: [] }];

const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.String({ description: 'who, as recorded in the hash chain: "user:<id>" ("user:<username>" in entries written before ids), "token:<id>", "cli:<os user>"…' }),
  actorName: Type.String({ description: 'the person\'s display name now (users table; "deleted user" in the reader\'s language once erased), else the actor' }),
  action: Type.String(),
  entity: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  prevHash: Type.Union([Type.String(), Type.Null()]),
  hash: Type.String(),
});

export const listAuditSchema = {
  tags: ['audit'],
  summary: 'Audit log, newest first',
  description: 'System admins see every entry; unit admins see what the users and tokens of their units did.',
  security,
  querystring: Type.Object({
    entity: Type.Optional(Type.String()),
    entityId: Type.Optional(Type.String()),
    actor: Type.Optional(Type.String({ description: 'user:<id> or user:<username> (either finds both recorded forms), token:<id>, cli:<os user>…' })),
    beforeId: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  }),
  response: { 200: Type.Object({ entries: Type.Array(AuditEntry) }), 401: ProblemSchema, 403: ProblemSchema },
};

export const verifyAuditSchema = {
  tags: ['audit'],
  summary: 'Verify the audit hash chain',
  description: '`ok` is false when the chain is broken (`firstBadId`, `reason`) or an ingest batch\'s rows no longer match their digest (`batches.mismatches`).',
  security,
  querystring: Type.Object({
    anchorId: Type.Optional(Type.Integer({ minimum: 1, description: 'id of an anchored head (`theodoi audit anchor`); with anchorHash' })),
    anchorHash: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$', description: 'its hash: verification fails unless that entry still holds it' })),
  }),
  response: {
    200: Type.Object({
      ok: Type.Boolean(),
      entries: Type.Integer(),
      firstBadId: Type.Union([Type.Integer(), Type.Null()]),
      reason: Type.Union([Type.String(), Type.Null()]),
      head: Type.Union([Type.String(), Type.Null()]),
      batches: Type.Object(
        {
          checked: Type.Integer(),
          notCovered: Type.Integer({ description: 'ingest batches written before batch digests existed' }),
          mismatched: Type.Integer(),
          mismatches: Type.Array(Type.Object({ entryId: Type.Integer(), batchId: Type.Integer(), reason: Type.String() }), { maxItems: 100 }),
        },
        { description: 'observation ingest batches whose stored rows were recomputed against the digest their entry recorded' },
      ),
      anchor: Type.Optional(
        Type.Object({
          id: Type.Union([Type.Integer(), Type.Null()]),
          hash: Type.Union([Type.String(), Type.Null()]),
          ok: Type.Boolean(),
          reason: Type.Union([Type.String(), Type.Null()]),
        }),
      ),
    }),
    400: ProblemSchema,
    401: ProblemSchema,
    403: ProblemSchema,
  },
};
