/**
 * `/metrics` in Prometheus's text format, for the operator who keeps the city's instance running:
 * request counts and latencies by route pattern (never by raw URL: ids would explode the series),
 * observation batches by outcome, open live-event (SSE) connections, jobs by state, each
 * connector's age since its last success, the real-time listener's state, and Node's own process
 * metrics. Each server keeps its own registry, so two servers in one process (tests) never share
 * counters. Reading it needs the system administrator's right (a token for the scraper): the
 * figures describe the whole installation.
 */
import client from 'prom-client';
import type { AppContext } from '../app-context.ts';
import { realtimeEngineFor } from '../realtime/realtime-engine.ts';
import { connectorLastSuccess, jobCountsByState } from '../repositories/operations.repository.ts';
import { accessRoots, requireAuthenticated } from './auth/auth-plugin.ts';
import { httpProblem } from './problem.ts';
import { message } from '../domain/messages/message.ts';
import type { App } from './route-module.ts';

export function registerMetrics(app: App, ctx: AppContext): void {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'theodoi_' });
  const requests = new client.Counter({ name: 'theodoi_http_requests_total', help: 'HTTP requests by method, route pattern and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const latency = new client.Histogram({
    name: 'theodoi_http_request_duration_seconds', help: 'HTTP response time by method and route pattern', labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
  });
  const batches = new client.Counter({ name: 'theodoi_observation_batches_total', help: 'Observation batches received over HTTP, by outcome (status class)', labelNames: ['outcome'], registers: [registry] });
  let sseClients = 0;
  new client.Gauge({ name: 'theodoi_sse_clients', help: 'Open live-event (SSE) connections', registers: [registry], collect() { this.set(sseClients); } });
  new client.Gauge({
    name: 'theodoi_jobs', help: 'Jobs in the queue by state', labelNames: ['state'], registers: [registry],
    async collect() {
      this.reset();
      for (const { state, count } of await jobCountsByState(ctx.db)) this.set({ state }, count);
    },
  });
  new client.Gauge({
    name: 'theodoi_connector_seconds_since_success', help: 'Seconds since each connector last ran successfully (absent: never)', labelNames: ['connector'], registers: [registry],
    async collect() {
      this.reset();
      const now = ctx.now().getTime();
      for (const c of await connectorLastSuccess(ctx.db)) if (c.lastSuccessAt) this.set({ connector: c.name }, (now - c.lastSuccessAt.getTime()) / 1000);
    },
  });
  new client.Gauge({
    name: 'theodoi_realtime_listening', help: '1 while the real-time listener hears changes (LISTEN in effect), 0 while reconnecting or stopped', registers: [registry],
    collect() { this.set(realtimeEngineFor(ctx.database)?.status().listener === 'listening' ? 1 : 0); },
  });

  app.addHook('onRequest', (request, _reply, done) => {
    if (request.url.startsWith('/api/v1/events')) {
      sseClients++;
      request.raw.once('close', () => sseClients--);
    }
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    // The pattern (/api/v1/plans/:id), or one label for everything unrouted (pages, 404s).
    const route = request.routeOptions.url ?? 'unrouted';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    if (request.method === 'POST' && route === '/api/v1/observations') batches.inc({ outcome: `${Math.floor(reply.statusCode / 100)}xx` });
    done();
  });

  app.get('/metrics', { schema: { tags: ['system'], summary: 'Operational metrics (Prometheus text format)', security: [{ bearer: [] }] } }, async (request, reply) => {
    requireAuthenticated(request);
    if (accessRoots(request, 'administer') !== null) throw httpProblem(403, 'Forbidden', message('auth.system_admin_required'));
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
