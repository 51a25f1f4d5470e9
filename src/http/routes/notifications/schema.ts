import { Type, type Static } from 'typebox';
import { ProblemSchema } from '../../auth/views.ts';

const security = [{ bearer: [] }];
const tags = ['notifications'];

const InboxNotificationView = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  userId: Type.Union([Type.Integer(), Type.Null()]),
  kind: Type.String({ description: 'What it is about, e.g. "alert.target_at_risk", "report.reminder", "alert.digest"' }),
  title: Type.String({ description: 'In Vietnamese (what the e-mail said)' }),
  body: Type.String(),
  titleEn: Type.Union([Type.String(), Type.Null()], { description: 'The same in English; null when it was written in Vietnamese only' }),
  bodyEn: Type.Union([Type.String(), Type.Null()]),
  data: Type.Unknown(),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const inboxSchema = {
  tags, security,
  summary: 'A unit\'s in-app inbox',
  querystring: Type.Object({
    unit: Type.String({ minLength: 1 }),
    unread: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  }),
  response: { 200: Type.Object({ notifications: Type.Array(InboxNotificationView) }), 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
};
export type InboxNotificationAnswer = Static<typeof InboxNotificationView>;

export const markReadSchema = {
  tags, security,
  summary: 'Mark read',
  params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
};

export const subscribeSchema = {
  tags, security,
  summary: 'Register a webhook; the signing secret is shown once',
  body: Type.Object(
    {
      url: Type.String({ minLength: 8, maxLength: 2000 }),
      unit: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Null()])),
      events: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { description: 'report.reminder, report.escalation, report.*; empty = all' })),
    },
    { additionalProperties: false },
  ),
};

export const deliveriesSchema = {
  tags, security,
  summary: 'Delivery log',
  params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
};

/**
 * A webhook as lists show it: never the secret, only `secretHint` (its last characters) so an
 * operator can tell which secret a receiver holds. The response schema also strips any field not
 * named here, so a secret could not slip out through a later change to the query.
 */
export const WebhookView = Type.Object(
  {
    id: Type.Integer(),
    url: Type.String(),
    unit: Type.Union([Type.String(), Type.Null()], { description: 'null: every unit (city-wide)' }),
    events: Type.Array(Type.String()),
    active: Type.Boolean(),
    secretHint: Type.Union([Type.String(), Type.Null()], { description: 'e.g. "…x9Qz"; null while the secret is still stored in plain text' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
);

export const listWebhooksSchema = {
  tags, security,
  summary: 'List webhooks, without their secrets',
  description: 'Webhooks of the unit\'s subtree (administer right over `unit`), or, without `unit`, of every subtree the caller administers (a system admin also sees city-wide webhooks).',
  querystring: Type.Object({ unit: Type.Optional(Type.String({ minLength: 1 })) }),
  response: { 200: Type.Object({ webhooks: Type.Array(WebhookView) }, { additionalProperties: false }) },
};

export const rotateWebhookSchema = {
  tags, security,
  summary: 'Rotate a webhook\'s signing secret; the new secret is shown once',
  params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
  response: { 200: Type.Object({ id: Type.Integer(), secret: Type.String(), secretHint: Type.String() }, { additionalProperties: false }) },
};

export const deleteWebhookSchema = {
  tags, security,
  summary: 'Delete a webhook: no further deliveries, its secret erased',
  params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
  response: { 200: Type.Object({ id: Type.Integer(), deleted: Type.Literal(true) }, { additionalProperties: false }) },
};
