import { sql } from 'kysely';
import type { RouteModule } from '../../route-module.ts';
import { healthSchema } from './schema.ts';

const health: RouteModule = (app, ctx) => {
  app.get('/api/health', { schema: healthSchema }, async () => {
    await sql`select 1`.execute(ctx.db);
    return { status: 'ok' as const, engine: ctx.database.engine };
  });
};

export default health;
