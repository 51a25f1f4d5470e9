// The two servers an overview load bench offers its load to: the real server's overview, and its
// baseline — the same bytes from a route with no work, behind the same ETag plugin, on its own
// Fastify instance (the real server is sealed once built). Both warmed up with 20 requests.
import etag from '@fastify/etag';
import Fastify from 'fastify';
import type { App } from '../src/http/route-module.ts';

export interface OverviewAndTwin {
  /** The real server's address, and its overview's URL. */
  address: string;
  url: string;
  /** The overview's answer, as the twin serves it. */
  body: string;
  /** The static twin's URL. */
  staticUrl: string;
  /** Closes the twin (the caller closes its own server). */
  closeTwin: () => Promise<void>;
}

export async function overviewAndStaticTwin(app: App, unit: string, headers: Record<string, string>): Promise<OverviewAndTwin> {
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `${address}/api/v1/overview?unit=${unit}`;
  const first = await fetch(url, { headers });
  if (first.status !== 200) throw new Error(`overview answered ${first.status}: ${await first.text()}`);
  const body = await first.text();
  const twin = Fastify({ logger: false });
  await twin.register(etag, { weak: true });
  twin.get('/overview', (_request, reply) => reply.type('application/json; charset=utf-8').send(body));
  const staticUrl = `${await twin.listen({ port: 0, host: '127.0.0.1' })}/overview`;
  for (let i = 0; i < 20; i++) {
    await (await fetch(url, { headers })).text();
    await (await fetch(staticUrl)).text();
  }
  return { address, url, body, staticUrl, closeTwin: () => twin.close() };
}
