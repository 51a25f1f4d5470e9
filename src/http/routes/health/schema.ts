import { Type } from 'typebox';

export const healthSchema = {
  tags: ['system'],
  summary: 'Liveness and database reachability',
  response: {
    200: Type.Object({ status: Type.Literal('ok'), engine: Type.Union([Type.Literal('postgres'), Type.Literal('pglite')]) }),
  },
};
