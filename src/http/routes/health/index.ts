import { sql } from 'kysely';
import { realtimeEngineFor } from '../../../realtime/realtime-engine.ts';
import type { RouteModule } from '../../route-module.ts';
import { healthSchema } from './schema.ts';

const health: RouteModule = (app, ctx) => {
  app.get('/api/health', { schema: healthSchema }, async () => {
    await sql`select 1`.execute(ctx.db);
    // A reachable database with a deaf listener is still "ok" for liveness (restarting would not
    // help: the listener reconnects by itself); monitoring reads `realtime.listener` for that.
    return { status: 'ok' as const, engine: ctx.database.engine, realtime: realtimeEngineFor(ctx.database)?.status() ?? null };
  });
};

export default health;
