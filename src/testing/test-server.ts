import { contextFor, type AppContext } from '../app-context.ts';
import { buildServer } from '../http/build-server.ts';
import type { App } from '../http/route-module.ts';
import { createTestDatabase } from './test-database.ts';

export interface TestServer {
  url: string;
  app: App;
  ctx: AppContext;
  close(): Promise<void>;
}

/** A real server listening on a free loopback port, on a fresh test database. */
export async function startTestServer(prepare?: (ctx: AppContext) => Promise<void>): Promise<TestServer> {
  const database = await createTestDatabase();
  const ctx = contextFor(database);
  if (prepare) await prepare(ctx);
  const app = await buildServer(ctx);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    app,
    ctx,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
