import { Type } from 'typebox';
import { ProblemSchema } from '../../auth/views.ts';

const Str = Type.Union([Type.String(), Type.Null()]);

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
});

export const listAlertsSchema = {
  tags: ['alerts'],
  summary: 'Cảnh báo / alerts',
  security: [{ bearer: [] }],
  querystring: Type.Object({
    unit: Type.Optional(Type.String({ description: 'unit code: alerts of this unit and every unit below it' })),
    open: Type.Optional(Type.Boolean({ description: 'true: only open alerts; false: only resolved ones' })),
  }),
  response: { 200: Type.Object({ alerts: Type.Array(AlertView) }), 401: ProblemSchema, 422: ProblemSchema },
};

export const refreshAlertsSchema = {
  tags: ['alerts'],
  summary: 'Chạy lại các quy tắc cảnh báo (quản trị) / run the alert rules (administrators)',
  security: [{ bearer: [] }],
  querystring: Type.Object({ asOf: Type.Optional(Type.String()) }),
  response: {
    200: Type.Object({ asOf: Type.String(), raised: Type.Integer(), refreshed: Type.Integer(), resolved: Type.Integer(), open: Type.Integer() }),
    401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema,
  },
};
