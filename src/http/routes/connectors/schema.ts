import { Type } from 'typebox';
import { ProblemSchema } from '../../auth/views.ts';

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const ConnectorStatusView = Type.Object({
  name: Type.String(),
  configured: Type.Boolean(),
  format: nullable(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
  everyMinutes: nullable(Type.Number()),
  running: Type.Boolean(),
  lastRunAt: nullable(Type.String()),
  lastSuccessAt: nullable(Type.String()),
  lastErrorAt: nullable(Type.String()),
  lastError: nullable(Type.String()),
  rows: Type.Integer(),
  imported: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  indicators: Type.Array(Type.String()),
  stale: Type.Boolean(),
  expectedFrequency: nullable(Type.String()),
  staleAt: nullable(Type.String()),
});

export const listConnectorsSchema = {
  tags: ['connectors'],
  summary: 'Connector status: runs, errors, staleness',
  security: [{ bearer: [] }],
  response: {
    200: Type.Object({ connectors: Type.Array(ConnectorStatusView), configError: Type.Optional(Type.String()) }),
    401: ProblemSchema,
  },
};
