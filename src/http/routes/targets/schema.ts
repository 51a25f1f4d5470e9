import { Type } from 'typebox';
import { ProblemSchema } from '../../auth/views.ts';

export const importTargetsSchema = {
  tags: ['targets'],
  summary: 'Import targets from CSV (administrators)',
  description:
    'text/csv with header `code,indicator,unit,op,value,due` and optional `start,baseline,text`. `unit` is a unit code or a set ' +
    '`*commune`, `*agency`…: each member gets `<code>.<unit>` and `<code>` is the city roll-up. All or nothing; 422 names line and field.',
  security: [{ bearer: [] }],
  body: Type.String(),
  response: {
    201: Type.Object({ created: Type.Integer(), unchanged: Type.Integer(), codes: Type.Array(Type.String()) }),
    401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema,
  },
};

export const setTargetWeightSchema = {
  tags: ['targets'],
  summary: 'Set a target\'s importance weight',
  description:
    'How much the target counts in the "behind" ranking (`GET /api/v1/units/behind`): its pull (severity × urgency) is multiplied ' +
    'by the weight. 1 is ordinary; 0 < weight ≤ 10 (422 `target.weight_range` otherwise). A set target\'s members (`<code>.<unit>`) ' +
    'take the weight too. Needs the administer right over the target\'s unit. Audited.',
  security: [{ bearer: [] }],
  params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 100 }) }),
  body: Type.Object({ weight: Type.Number() }, { additionalProperties: false }),
  response: {
    200: Type.Object({ code: Type.String(), weight: Type.Number(), previous: Type.Number() }),
    401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema,
  },
};
