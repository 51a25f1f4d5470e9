import { Type } from 'typebox';

const ListenGap = Type.Object(
  {
    from: Type.String({ format: 'date-time', description: 'When the LISTEN connection was lost' }),
    to: Type.String({ format: 'date-time', description: 'When LISTEN was in effect again' }),
    durationMs: Type.Integer(),
    fromSequence: Type.Integer({ description: 'Highest change number applied when the connection was lost' }),
    toSequence: Type.Integer({ description: 'Highest change number applied after catching up' }),
    batchesCaughtUp: Type.Integer({ description: 'Logged batches missed while deaf and applied after' }),
    changesCaughtUp: Type.Integer({ description: 'Changed cells in those batches' }),
  },
  { description: 'The last time the listener could not hear changes, and what it caught up on' },
);

const Realtime = Type.Object(
  {
    listener: Type.Union([Type.Literal('listening'), Type.Literal('reconnecting'), Type.Literal('stopped')]),
    since: Type.String({ format: 'date-time', description: 'When the listener entered this state' }),
    lastSequence: Type.Union([Type.Integer(), Type.Null()], { description: 'Highest change-log number this process applied; null when none since it started' }),
    lastGap: Type.Union([ListenGap, Type.Null()]),
  },
  { description: 'The real-time listener (re-evaluation and live events): null when this process runs none' },
);

export const healthSchema = {
  tags: ['system'],
  summary: 'Liveness, database reachability and the real-time listener',
  response: {
    200: Type.Object({
      status: Type.Literal('ok'),
      engine: Type.Union([Type.Literal('postgres'), Type.Literal('pglite')]),
      realtime: Type.Union([Realtime, Type.Null()]),
    }),
  },
};
