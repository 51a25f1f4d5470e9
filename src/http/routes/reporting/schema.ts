import { Type } from 'typebox';

const security = [{ bearer: [] }];
const tags = ['reporting'];
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Cycle = Type.Union(['monthly', 'quarterly', 'half_yearly', 'yearly', 'ad_hoc'].map((c) => Type.Literal(c)));
const PeriodCode = Type.String({ pattern: '^\\d{4}(-(\\d{2}|Q[1-4]|H[12]))?$', description: '2026-03, 2026-Q1, 2026-H1 or 2026' });
const Comment = Type.Object({ comment: Type.String({ minLength: 1, maxLength: 4000 }) });

export const createFromPlanSchema = {
  tags, security,
  summary: 'Create reporting obligations from a plan (one step, idempotent)',
  params: Type.Object({ planId: Type.Integer({ minimum: 1 }) }),
  body: Type.Object({ cycles: Type.Optional(Type.Array(Cycle, { minItems: 1 })) }, { additionalProperties: false, description: 'send {} for monthly obligations' }),
};

export const listObligationsSchema = {
  tags, security,
  summary: 'Obligations of or to a unit',
  querystring: Type.Object({
    unit: Type.Optional(Type.String({ minLength: 1 })),
    recipient: Type.Optional(Type.String({ minLength: 1 })),
    plan: Type.Optional(Type.Integer({ minimum: 1 })),
  }),
};

export const updateObligationSchema = {
  tags, security,
  summary: 'Edit an obligation',
  params: Id,
  body: Type.Object(
    {
      recipient: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Null()])),
      cycle: Type.Optional(Cycle),
      dueDay: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 31 }), Type.Null()])),
      dueOn: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
      title: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
      targetIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }))),
      taskIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }))),
      active: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
};

export const prepareSubmissionSchema = {
  tags, security,
  summary: 'Open the report of a period, pre-filled',
  params: Type.Object({ id: Type.Integer({ minimum: 1 }), period: PeriodCode }),
  querystring: Type.Object({ refresh: Type.Optional(Type.Boolean({ description: 're-read figures, keeping what the unit wrote' })) }),
};

export const getSubmissionSchema = {
  tags, security,
  summary: 'A report with its events',
  params: Id,
};

export const editSubmissionSchema = {
  tags, security,
  summary: 'The unit edits its report',
  params: Id,
  body: Type.Object(
    {
      targets: Type.Optional(Type.Array(Type.Object({
        targetId: Type.Integer(),
        confirmed: Type.Optional(Type.Boolean()),
        note: Type.Optional(Type.String({ maxLength: 4000 })),
        manual: Type.Optional(Type.Union([
          Type.Object({
            value: Type.Number({ description: 'the figure the unit typed (số liệu tự khai); pending until the report is approved' }),
            evidence: Type.String({ maxLength: 4000, description: 'a link, a file reference or an explanation; required to submit' }),
          }, { additionalProperties: false }),
          Type.Null(),
        ])),
        noDataReason: Type.Optional(Type.Union([Type.String({ maxLength: 4000, description: '"chưa có số liệu": why there is no figure' }), Type.Null()])),
      }, { additionalProperties: false }))),
      tasks: Type.Optional(Type.Array(Type.Object({
        taskId: Type.Integer(),
        progress: Type.Optional(Type.Number()),
        status: Type.Optional(Type.String()),
        evidence: Type.Optional(Type.String({ maxLength: 4000 })),
        note: Type.Optional(Type.String({ maxLength: 4000 })),
      }, { additionalProperties: false }))),
      difficulties: Type.Optional(Type.String({ maxLength: 20000 })),
      proposals: Type.Optional(Type.String({ maxLength: 20000 })),
      basedOn: Type.Optional(Type.String({ format: 'date-time', description: "the report's updatedAt as the editor read it: if it was saved since, nothing is stored (409, report.changed_meanwhile) — a form that sends every line would otherwise put back what the other person changed" })),
    },
    { additionalProperties: false },
  ),
};

export const submitSchema = {
  tags, security, summary: 'Gửi báo cáo / submit (every figure present or marked "chưa có số liệu", evidence for typed figures, empty parts confirmed)', params: Id,
  body: Type.Object({
    confirmEmpty: Type.Optional(Type.Array(Type.String({ maxLength: 300 }), { maxItems: 2000, description: 'the empty parts the unit confirms, as the 422 lists them: "targets.<code>", "difficulties", "proposals"' })),
  }, { additionalProperties: false }),
};

export const manualFiguresSchema = {
  tags, security,
  summary: 'Manual figures of a target',
  querystring: Type.Object({ target: Type.String({ minLength: 1, maxLength: 200 }) }),
};
export const returnSchema = { tags, security, summary: 'Return with comments', params: Id, body: Comment };
export const approveSchema = {
  tags, security, summary: 'Approve and lock', params: Id,
  body: Type.Object({ comment: Type.Optional(Type.String({ maxLength: 4000 })) }),
};
export const unlockSchema = { tags, security, summary: 'Audited unlock', params: Id, body: Comment };

export const timelinessSchema = {
  tags, security,
  summary: 'Timeliness per unit and period',
  querystring: Type.Object({
    periods: Type.String({ minLength: 4, description: 'comma-separated period codes' }),
    unit: Type.Optional(Type.String({ minLength: 1 })),
    recipient: Type.Optional(Type.String({ minLength: 1 })),
  }),
};

const UnitBrief = Type.Object({ code: Type.String(), name: Type.String() });

export const reviewQueueSchema = {
  tags, security,
  summary: 'Reports waiting for the caller’s review, oldest first',
  querystring: Type.Object({
    unit: Type.Optional(Type.String({ minLength: 1, description: 'only reports of this unit and the units below it' })),
    period: Type.Optional(PeriodCode),
  }),
  response: {
    200: Type.Object({
      items: Type.Array(Type.Object({
        submissionId: Type.Integer(),
        obligationId: Type.Integer(),
        title: Type.Union([Type.String(), Type.Null()]),
        unit: UnitBrief,
        reviewer: UnitBrief,
        period: Type.Object({ code: Type.String(), label: Type.String({ description: 'Tháng 10/2026' }), labelEn: Type.String() }),
        submittedAt: Type.String({ format: 'date-time' }),
        firstSubmittedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
        submitter: Type.Union([Type.Object({ actor: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
        daysWaiting: Type.Integer({ minimum: 0 }),
      })),
    }),
  },
};
