import { Type } from 'typebox';
import { ProblemSchema } from '../../auth/views.ts';

export const importTargetsSchema = {
  tags: ['targets'],
  summary: 'Nhập chỉ tiêu từ CSV (quản trị) / import targets from CSV (administrators)',
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
