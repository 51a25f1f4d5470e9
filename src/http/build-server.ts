import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import etag from '@fastify/etag';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { AppContext } from '../app-context.ts';
import { authPlugin } from './auth/auth-plugin.ts';
import { registerMetrics } from './metrics.ts';
import { rateLimitOptions } from './auth/rate-limit.ts';
import { rateLimitStoreFor } from './auth/rate-limit-store.ts';
import { trustProxyFromEnv } from './trust-proxy.ts';
import { listenForChanges } from '../realtime/change-clock.ts';
import { startRealtimeEngine } from '../realtime/realtime-engine.ts';
import { problemErrorHandler, sendProblem } from './problem.ts';
import { registerUntrustedBodyRules } from './untrusted-body.ts';
import type { App } from './route-module.ts';
import { firstScreenDrawer } from './web/first-screen.ts';
import { serveWebApp } from './web/serve-web-app.ts';
import { routeModules } from './routes/index.ts';
import { registerDemoAccounts } from './routes/auth/demo-accounts.ts';
import type { DemoAccount } from '../use-cases/demo/seed-demo-accounts.ts';

export interface ServerOptions {
  logger?: FastifyServerOptions['logger'];
  /** A demo server's accounts, offered on its sign-in page (`GET /api/v1/auth/demo-accounts`). */
  demoAccounts?: readonly DemoAccount[];
}

/**
 * The HTTP API: every route has a JSON schema (validated at the boundary and published as
 * OpenAPI at /api/docs), and every error is application/problem+json.
 */
export async function buildServer(ctx: AppContext, options: ServerOptions = {}): Promise<App> {
  const trustProxy = trustProxyFromEnv();
  const app = Fastify({
    logger: options.logger ?? false,
    ...(trustProxy === undefined ? {} : { trustProxy }),
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  registerUntrustedBodyRules(app);

  await app.register(helmet, {
    // The API docs page loads its own inline scripts and styles.
    contentSecurityPolicy: false,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Theo Dõi API', version: '1', description: 'Đo lường, giám sát, chấm điểm tự động chuyển đổi số' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  // Every read carries an ETag and answers 304 when the client has it already; then responses are
  // compressed (brotli or gzip, as the client accepts). ETag first: it hashes the uncompressed body.
  await app.register(etag, { weak: true });
  await app.register(compress, { encodings: ['br', 'gzip'], threshold: 1024 });
  // Before the routes: both hook into every route registered after them.
  await app.register(cookie);
  await app.register(rateLimit, rateLimitOptions(rateLimitStoreFor(ctx.db)));
  await app.register(authPlugin, { ctx });
  registerMetrics(app, ctx);
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  app.setErrorHandler(problemErrorHandler);
  const webFallback = await serveWebApp(app, { firstScreen: await firstScreenDrawer(app) });
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/');
    if (isPage && webFallback) return webFallback(request, reply);
    return sendProblem(reply, { type: 'about:blank', title: 'Not found', status: 404, detail: `${request.method} ${request.url}` });
  });

  for (const routes of routeModules) await routes(app, ctx);
  if (options.demoAccounts) registerDemoAccounts(app, options.demoAccounts);
  // Real time: re-evaluate on every NOTIFY of changed data and feed /api/v1/events; stopped with the server.
  const realtime = await startRealtimeEngine(ctx, app.log);
  app.addHook('onClose', () => realtime.stop());
  // What answers and credentials this server keeps in memory are kept until it hears a change.
  const stopListening = await listenForChanges(ctx);
  app.addHook('onClose', () => stopListening());
  await app.ready();
  return app;
}
