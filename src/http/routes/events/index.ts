import { eventBusFor, LIVE_EVENT_TYPES, type LiveEvent, type LiveEventType } from '../../../realtime/event-bus.ts';
import { readVisibility, requireAccess, requireAuthenticated } from '../../auth/auth-plugin.ts';
import type { RouteModule } from '../../route-module.ts';
import { eventsSchema } from './schema.ts';

/**
 * Proxies close idle connections: a comment line every 15 s (`THEODOI_SSE_HEARTBEAT_MS`) keeps the
 * stream open. It is also how a stream whose browser left is found behind a proxy (Caddy lets go of
 * the upstream only when a write to the gone client fails, about two heartbeats later).
 */
function heartbeatMs(): number {
  const value = Number(process.env.THEODOI_SSE_HEARTBEAT_MS ?? 15_000);
  return Number.isInteger(value) && value >= 100 ? value : 15_000;
}

const events: RouteModule = (app, ctx) => {
  const heartbeatEvery = heartbeatMs();
  // Open streams end when the server starts closing (preClose: before it waits for in-flight
  // requests), or closing would wait for them — behind a proxy, until its idle timeout.
  const open = new Set<() => void>();
  app.addHook('preClose', (done) => {
    for (const end of open) end();
    done();
  });
  app.get('/api/v1/events', { schema: eventsSchema }, async (request, reply) => {
    requireAuthenticated(request);
    if (request.query.unit) await requireAccess(request, 'read', request.query.unit);
    const wanted = new Set<LiveEventType>(
      request.query.types ? request.query.types.split(',').map((t) => t.trim()).filter((t): t is LiveEventType => (LIVE_EVENT_TYPES as string[]).includes(t)) : LIVE_EVENT_TYPES,
    );
    const unit = request.query.unit ?? null;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(': theodoi live events\n\n');
    let id = 0;
    // Each event is filtered for this subscriber by the same read rule as every other read. Checks
    // may load the unit tree, so they are chained: events still leave in the order they came.
    let queue = Promise.resolve();
    const send = (event: LiveEvent) => {
      if (!wanted.has(event.type)) return;
      if (unit && event.unit !== unit) return;
      queue = queue
        .then(async () => {
          const readable = await readVisibility(request, [event.unit]);
          if (readable(event.unit, event.classified ?? false) && !res.writableEnded) {
            const { classified: _c, ...shown } = event;
            res.write(`id: ${++id}\nevent: ${event.type}\ndata: ${JSON.stringify(shown)}\n\n`);
          }
        })
        .catch((error: unknown) => request.log.warn({ err: error }, 'live event not delivered'));
    };
    const unsubscribe = eventBusFor(ctx.database).subscribe(send);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatEvery);
    const close = () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(end);
    };
    const end = () => {
      close();
      // The connection goes too: the browser's EventSource reconnects, to another instance.
      res.end(() => res.socket?.destroy());
    };
    open.add(end);
    request.raw.on('close', close);
  });
};

export default events;
