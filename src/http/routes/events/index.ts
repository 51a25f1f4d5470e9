import { eventBusFor, LIVE_EVENT_TYPES, type LiveEvent, type LiveEventType } from '../../../realtime/event-bus.ts';
import { requireAuthenticated } from '../../auth/auth-plugin.ts';
import type { RouteModule } from '../../route-module.ts';
import { eventsSchema } from './schema.ts';

// Proxies close idle connections; a comment line every 15 s keeps the stream open.
const HEARTBEAT_MS = 15_000;

const events: RouteModule = (app, ctx) => {
  // Open streams end when the server closes, or closing would wait for them forever.
  const open = new Set<() => void>();
  app.addHook('onClose', (_instance, done) => {
    for (const end of open) end();
    done();
  });
  app.get('/api/v1/events', { schema: eventsSchema }, (request, reply) => {
    requireAuthenticated(request);
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
    const send = (event: LiveEvent) => {
      if (!wanted.has(event.type)) return;
      if (unit && event.unit !== unit) return;
      res.write(`id: ${++id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    };
    const unsubscribe = eventBusFor(ctx.database).subscribe(send);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    const close = () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(end);
    };
    const end = () => {
      close();
      res.end();
    };
    open.add(end);
    request.raw.on('close', close);
  });
};

export default events;
