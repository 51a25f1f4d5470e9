import { Type } from 'typebox';
import { ProblemSchema } from '../../auth/views.ts';

export const setClassificationSchema = {
  tags: ['classification'],
  summary: 'Mark an item classified or not',
  description:
    'kind: plan (id), section (id: every target and task under it), target or task (code), indicator (code). Needs the administer right over the item\'s owner (the city for indicators) and the right to see its classified items. Audited.',
  security: [{ bearer: [] }],
  body: Type.Object(
    {
      kind: Type.String({ minLength: 1, maxLength: 20 }),
      ref: Type.String({ minLength: 1, maxLength: 200 }),
      classified: Type.Boolean(),
    },
    { additionalProperties: false },
  ),
  response: { 200: Type.Object({ kind: Type.String(), ref: Type.String(), classified: Type.Boolean(), changed: Type.Integer() }), 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema },
};
