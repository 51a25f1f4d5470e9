import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, type AppContext } from '../app-context.ts';
import type { DatabaseHandle, ListenHooks } from '../db/connect-database.ts';
import { createTestDatabase, testEngine } from '../testing/test-database.ts';
import { ingestObservations } from '../use-cases/observations/ingest-observations.ts';
import { CHANGE_CHANNEL, LIVE_EVENT_CHANNEL } from './change-feed.ts';
import type { LiveEvent } from './event-bus.ts';
import { startRealtimeEngine, type RealtimeEngine } from './realtime-engine.ts';

/**
 * The engine's side of a lost LISTEN, without stopping a server: the handle's `listen` is wrapped so
 * the test plays the connection — it drops notifications while "deaf", keeps them to deliver late,
 * and calls the hooks a real reconnect would call.
 */
describe(`catching up after a lost LISTEN (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: AppContext;
  let engine: RealtimeEngine;
  const hooks = new Map<string, ListenHooks>();
  const listeners = new Map<string, (payload: string) => void>();
  const dropped: string[] = [];
  let deaf = false;
  const events: LiveEvent[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    const handle: DatabaseHandle = {
      ...t,
      async listen(channel, listener, h) {
        if (h) hooks.set(channel, h);
        listeners.set(channel, listener);
        return t.listen(channel, (payload) => {
          if (!deaf) listener(payload);
          else if (channel === CHANGE_CHANNEL) dropped.push(payload);
        });
      },
    };
    ctx = contextFor(handle, () => new Date('2026-12-20T00:00:00Z'));
    const city = await ctx.db.insertInto('units').values({ code: 'HN', name: 'Hà Nội', kind: 'city', parent_id: null }).returning('id').executeTakeFirstOrThrow();
    await ctx.db.insertInto('units').values({ code: 'P_A', name: 'P_A', kind: 'commune', parent_id: city.id }).execute();
    await ctx.db.insertInto('indicators').values({ code: 'ONLINE', name: 'Tỷ lệ hồ sơ trực tuyến', measure: '%', aggregation: 'mean' }).execute();
    engine = await startRealtimeEngine(ctx);
    engine.bus.subscribe((e) => events.push(e));
  });
  afterAll(async () => {
    await engine.stop();
    await t.close();
  });

  const write = (period: string, value: number) =>
    ingestObservations(ctx, { actor: 'test', origin: 'system', principal: null }, { source: 's', observations: [{ indicator: 'ONLINE', unit: 'P_A', period, value }] });
  /** Waits (up to 5 s) until `n` applications were seen: notifications arrive on their own schedule. */
  const settle = async (n: number) => {
    for (let i = 0; i < 100 && applications().length < n; i++) await new Promise((r) => setTimeout(r, 50));
    await engine.idle();
    // Long enough for a duplicate, if any, to show.
    await new Promise((r) => setTimeout(r, 100));
  };
  const applications = () => events.filter((e) => e.type === 'observation').map((e) => (e.type === 'observation' ? e.period : ''));

  it('applies what was written while deaf once both channels listen again, and a late notification of it not again', async () => {
    await write('2026-01', 10);
    await settle(1);
    expect(applications()).toEqual(['2026-01']);
    const first = engine.status().lastSequence;
    expect(first).toBeGreaterThan(0);

    deaf = true;
    hooks.get(CHANGE_CHANNEL)?.onLost?.(new Error('terminating connection due to administrator command'));
    hooks.get(LIVE_EVENT_CHANNEL)?.onLost?.(null);
    expect(engine.status()).toMatchObject({ listener: 'reconnecting', lastGap: null });
    await write('2026-02', 20);
    await write('2026-03', 30);
    for (let i = 0; i < 100 && dropped.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(dropped).toHaveLength(2);

    deaf = false;
    hooks.get(CHANGE_CHANNEL)?.onRelisten?.();
    // The catch-up's live events go out on the other channel: nothing is applied until it listens too.
    expect(engine.status().listener).toBe('reconnecting');
    await engine.idle();
    expect(applications()).toEqual(['2026-01']);
    hooks.get(LIVE_EVENT_CHANNEL)?.onRelisten?.();
    await settle(3);
    expect(applications()).toEqual(['2026-01', '2026-02', '2026-03']);

    // The notifications of the caught-up batches arrive after all (sent before LISTEN, delivered late).
    for (const payload of dropped) listeners.get(CHANGE_CHANNEL)?.(payload);
    await settle(4);
    expect(applications()).toEqual(['2026-01', '2026-02', '2026-03']);

    const status = engine.status();
    expect(status).toMatchObject({
      listener: 'listening',
      lastSequence: (first ?? 0) + 2,
      lastGap: { fromSequence: first, toSequence: (first ?? 0) + 2, batchesCaughtUp: 2, changesCaughtUp: 2 },
    });

    // And a write after is heard as usual, once.
    await write('2026-04', 40);
    await settle(4);
    expect(applications()).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(engine.status().lastSequence).toBe((first ?? 0) + 3);
  });
});
