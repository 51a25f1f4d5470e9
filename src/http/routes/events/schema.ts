import { Type } from 'typebox';

export const eventsSchema = {
  tags: ['realtime'],
  summary:
    'Live events (server-sent events)',
  security: [{ bearer: [] }],
  querystring: Type.Object({
    types: Type.Optional(Type.String({ description: 'comma-separated: observation,target_status,score,rank' })),
    unit: Type.Optional(Type.String({ description: 'only events about this unit code' })),
  }),
};
