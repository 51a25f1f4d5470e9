import { Type } from 'typebox';
import { ProblemSchema } from '../../auth/views.ts';

const Scalar = Type.Union([Type.String({ maxLength: 100 }), Type.Null()]);

export const linkTargetSchema = {
  tags: ['targets'],
  summary: 'Link a plan target to the indicator that measures it',
  description:
    'Links a target of the plan\'s published version (`:code` = "3-T4" or "T4") to an indicator, so it is evaluated in real time. ' +
    '`unit` overrides the scope: a unit code, or a set `*commune`/`*agency` (each member gets `<code>.<unit>`, the target becomes the city roll-up). ' +
    '`op`/`value` override a goal the plan states qualitatively or not at all; `due` fills a missing due date (dd/mm/yyyy or yyyy-mm-dd). ' +
    'A link to another indicator (or another goal, unit, due) is changed only with `replace: true` (409 otherwise); the same link again answers "unchanged". ' +
    'Needs the administer right over the plan\'s owner (the city for a plan without one). Audited.',
  security: [{ bearer: [] }],
  params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }), code: Type.String({ minLength: 1, maxLength: 100 }) }),
  body: Type.Object(
    {
      indicator: Type.String({ minLength: 1, maxLength: 100 }),
      unit: Type.Optional(Scalar),
      op: Type.Optional(Scalar),
      value: Type.Optional(Type.Union([Type.Number(), Type.String({ maxLength: 30 }), Type.Null()])),
      due: Type.Optional(Scalar),
      replace: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
  response: {
    200: Type.Object({
      planId: Type.Integer(),
      target: Type.String(),
      indicator: Type.String(),
      previousIndicator: Type.Union([Type.String(), Type.Null()]),
      status: Type.Union([Type.Literal('linked'), Type.Literal('replaced'), Type.Literal('unchanged')]),
      unit: Type.String(),
      op: Type.String(),
      value: Type.Number(),
      due: Type.String(),
      members: Type.Array(Type.String()),
    }),
    401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema,
  },
};
