import { Type, type Static } from 'typebox';
import { ProblemSchema } from '../../auth/views.ts';

const Str = Type.Union([Type.String(), Type.Null()]);

export const AcknowledgementView = Type.Object({
  actor: Type.String({ description: 'who acknowledged, as recorded: "user:<id>" ("user:<username>" before ids), "token:<id>"…' }),
  actorName: Type.String({ description: 'their display name now ("deleted user" in the reader\'s language once erased), else the actor' }),
  at: Type.String({ description: 'when (ISO timestamp)' }),
  note: Type.String(),
});

export const AlertView = Type.Object({
  id: Type.Integer(),
  kind: Type.String({ description: 'target_at_risk | task_due_soon | task_overdue | stale_source | outlier' }),
  severity: Type.String({ description: 'info | warning | critical' }),
  since: Type.String({ description: 'ISO date from which the condition holds' }),
  reason: Type.String(),
  reasonEn: Type.String(),
  data: Type.Unknown(),
  target: Str,
  task: Str,
  unit: Str,
  indicator: Str,
  targetText: Type.Union([Type.String(), Type.Null()], { description: "the target's text (its indicator's name when the text is empty)" }),
  unitName: Str,
  taskTitle: Str,
  indicatorName: Str,
  raisedAt: Type.String(),
  resolvedAt: Str,
  acknowledged: Type.Union([AcknowledgementView, Type.Null()], {
    description: 'the latest acknowledgement; null when no one has acknowledged this alert (an alert raised again after it was resolved is a new, unacknowledged alert)',
  }),
});

const SeverityCounts = Type.Object({ critical: Type.Integer(), warning: Type.Integer(), info: Type.Integer() });

export const AlertGroupView = Type.Object({
  key: Type.Union([Type.String(), Type.Null()], { description: 'indicator code, unit code, target code or kind; null for alerts with none (no indicator: tasks; no unit: city-wide)' }),
  name: Type.String({ description: "the group's name: indicator name, unit name, target text or the kind in Vietnamese" }),
  nameEn: Type.String({ description: 'the name in English (indicator and unit names and target texts are proper names and stay as they are)' }),
  total: Type.Integer(),
  counts: SeverityCounts,
  units: Type.Integer({ description: 'how many different units the group\'s alerts concern' }),
});

const list = (values: readonly string[]) => `comma-separated, any of: ${values.join(', ')}`;

export const listAlertsSchema = {
  tags: ['alerts'],
  summary: 'Alerts: filters, groups, paging',
  description: 'Only alerts the caller may read count (in `total` and in group counts). With `groupBy`, `groups` covers every matching alert and `alerts` is the page in group order.',
  security: [{ bearer: [] }],
  querystring: Type.Object({
    unit: Type.Optional(Type.String({ description: 'unit code: alerts of this unit and every unit below it' })),
    open: Type.Optional(Type.Boolean({ description: 'true: only open alerts; false: only resolved ones' })),
    severity: Type.Optional(Type.String({ description: list(['critical', 'warning', 'info']) })),
    kind: Type.Optional(Type.String({ description: list(['target_at_risk', 'task_due_soon', 'task_overdue', 'stale_source', 'outlier']) })),
    acknowledged: Type.Optional(Type.Boolean({ description: 'true: only acknowledged alerts; false: only those no one has acknowledged' })),
    groupBy: Type.Optional(Type.Union([Type.Literal('indicator'), Type.Literal('unit'), Type.Literal('target'), Type.Literal('kind')], { description: 'group with counts per severity and the number of units (indicator: a city leader\'s view, one group per indicator across the wards)' })),
    limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, description: 'page size (default 100)' })),
    offset: Type.Optional(Type.Integer({ minimum: 0, description: 'alerts to skip (default 0)' })),
  }),
  response: {
    200: Type.Object({
      total: Type.Integer({ description: 'matching alerts the caller may read, on all pages' }),
      limit: Type.Integer(),
      offset: Type.Integer(),
      alerts: Type.Array(AlertView),
      groups: Type.Optional(Type.Array(AlertGroupView)),
    }),
    400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema,
  },
};

export const acknowledgeAlertSchema = {
  tags: ['alerts'],
  summary: 'Acknowledge an alert with a note',
  description: 'Needs the write right (reporter, approver or administrator) over the alert\'s unit; a city-wide alert needs it over the root unit. The alert stays open while its condition holds. Audited.',
  security: [{ bearer: [] }],
  params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
  body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 2000, description: 'what is being done about it; 1–2000 characters, no NUL' }) }),
  response: {
    200: Type.Object({ id: Type.Integer(), acknowledged: AcknowledgementView }),
    401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema,
  },
};

export const refreshAlertsSchema = {
  tags: ['alerts'],
  summary: 'Run the alert rules (administrators)',
  security: [{ bearer: [] }],
  querystring: Type.Object({ asOf: Type.Optional(Type.String()) }),
  response: {
    200: Type.Object({ asOf: Type.String(), raised: Type.Integer(), refreshed: Type.Integer(), resolved: Type.Integer(), open: Type.Integer() }),
    401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema,
  },
};

const DigestAlertLine = Type.Object({
  id: Type.Integer(),
  isNew: Type.Boolean({ description: 'raised after the unit\'s last digest went out (all alerts are new before the first)' }),
  subject: Type.String({ description: 'the unit (and task or indicator) in words' }),
  subjectEn: Type.String({ description: 'the same in English words' }),
  reason: Type.String(),
  reasonEn: Type.String(),
  since: Type.String({ description: 'ISO date from which the condition holds' }),
});

const DigestTargetGroup = Type.Object({
  target: Type.Union([Type.String(), Type.Null()], { description: "the target's code; null for alerts about no target (tasks, data sources)" }),
  name: Type.String({ description: "the target's text" }),
  nameEn: Type.String({ description: "the target's text (as the plan says it), or what stands for no target in English" }),
  total: Type.Integer(),
  newCount: Type.Integer(),
  alerts: Type.Array(DigestAlertLine),
});

export const AlertDigestView = Type.Object({
  unit: Type.String(),
  unitName: Type.String(),
  asOf: Type.String({ description: 'ISO date' }),
  since: Type.Union([Type.String(), Type.Null()], { description: 'when the last digest of this unit went out (ISO time); null before the first' }),
  total: Type.Integer({ description: 'open, unacknowledged alerts of the unit and the units below it that the caller may read' }),
  newCount: Type.Integer(),
  severities: Type.Array(Type.Object({
    severity: Type.Union([Type.Literal('critical'), Type.Literal('warning'), Type.Literal('info')]),
    label: Type.String({ description: 'the severity in Vietnamese' }),
    labelEn: Type.String({ description: 'the severity in English' }),
    total: Type.Integer(),
    newCount: Type.Integer(),
    targets: Type.Array(DigestTargetGroup),
  })),
  subject: Type.String({ description: 'the subject the digest goes out with, in the language asked for (Accept-Language; Vietnamese unless English comes first)' }),
  text: Type.String({ description: 'the body, in the same language' }),
});

export const alertDigestSchema = {
  tags: ['alerts'],
  summary: 'A unit\'s alert digest',
  description:
    'The open alerts of the unit and every unit below it that no one has acknowledged, by severity and then by target, with those raised since the unit\'s last digest marked new — as subscribers receive it by e-mail every day. Needs the read right over the unit; alerts the caller may not read (other units, classified) are left out.',
  security: [{ bearer: [] }],
  querystring: Type.Object({ unit: Type.String({ minLength: 1, maxLength: 100, description: 'unit code' }) }),
  response: { 200: AlertDigestView, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
};

const OwnDigestSubscriptionView = Type.Object({
  unit: Type.String(),
  unitName: Type.String(),
  email: Type.String({ description: "the signed-in person's account address" }),
  subscribed: Type.Boolean(),
});

export const ownDigestSubscriptionSchema = {
  tags: ['alerts'],
  summary: "Whether I receive a unit's daily alert digest",
  description: "The signed-in person's own subscription to a unit's daily alert digest (07:00, e-mail), at their account's address. Needs the read right over the unit; a person without an e-mail address on their account gets 422; a token gets 403 (subscriptions are people's).",
  security: [{ bearer: [] }],
  querystring: Type.Object({ unit: Type.String({ minLength: 1, maxLength: 100, description: 'unit code' }) }),
  response: { 200: OwnDigestSubscriptionView, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema },
};

export const setOwnDigestSubscriptionSchema = {
  tags: ['alerts'],
  summary: "Subscribe me to (or unsubscribe me from) a unit's daily alert digest",
  description: "As GET, then sets the subscription of the account's own address; audited (subscribe / unsubscribe). Setting what is already set changes nothing.",
  security: [{ bearer: [] }],
  body: Type.Object({ unit: Type.String({ minLength: 1, maxLength: 100 }), subscribed: Type.Boolean() }, { additionalProperties: false }),
  response: { 200: OwnDigestSubscriptionView, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema },
};

/** The signed-in person's own digest subscription, as the API answers it. */
export type OwnDigestSubscriptionAnswer = Static<typeof OwnDigestSubscriptionView>;

/** One alert as the API answers it (the web imports this type rather than copying it). */
export type AlertAnswer = Static<typeof AlertView>;
/** One group of GET /api/v1/alerts?groupBy=… */
export type AlertGroupAnswer = Static<typeof AlertGroupView>;
