import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Kysely } from 'kysely';
import { createRequire } from 'node:module';
import type { Database } from '../../db/database.ts';
import { countRateLimitHit } from '../../repositories/rate-limit.repository.ts';

/** A route limit that must hold across every instance sharing the database (see `sharedLimit`). */
export interface SharedLimitMarker {
  sharedAcrossInstances: true;
}

type RouteLimitOptions = Parameters<FastifyRateLimitStore['child']>[0] & Partial<SharedLimitMarker>;
type LocalStoreCtor = new (continueExceeding?: boolean, exponentialBackoff?: boolean, cache?: number) => FastifyRateLimitStore;
type LocalStoreOptions = { continueExceeding?: boolean; exponentialBackoff?: boolean; cache?: number };

// The plugin's own in-memory store (not in its typed exports), for the limits counted per instance.
const LocalStore = createRequire(import.meta.url)('@fastify/rate-limit/store/LocalStore.js') as LocalStoreCtor;

/**
 * The rate-limit store: the global per-address limit counts in memory, per instance (it is checked
 * on every request, and a database round trip each time would cost more than the limit saves),
 * while limits marked `sharedAcrossInstances` — sign-in attempts, the public proposal form — count
 * in the database, so two instances behind a proxy do not give an attacker two budgets.
 */
export function rateLimitStoreFor(db: Kysely<Database>): FastifyRateLimitStoreCtor {
  return class RateLimitStore implements FastifyRateLimitStore {
    private readonly local: FastifyRateLimitStore;

    constructor(options: FastifyRateLimitOptions) {
      const { continueExceeding, exponentialBackoff, cache } = options as LocalStoreOptions;
      this.local = new LocalStore(continueExceeding, exponentialBackoff, cache);
    }

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number, max: number): void {
      this.local.incr(key, callback, timeWindow, max);
    }

    child(routeOptions: RouteLimitOptions): FastifyRateLimitStore {
      if (routeOptions.sharedAcrossInstances) return sharedStore(db);
      return this.local.child(routeOptions);
    }
  };
}

function sharedStore(db: Kysely<Database>): FastifyRateLimitStore {
  const store: FastifyRateLimitStore = {
    incr(key, callback, timeWindow) {
      countRateLimitHit(db, key, timeWindow).then(
        ({ hits, ttlMs }) => callback(null, { current: hits, ttl: ttlMs }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
    child: () => store,
  };
  return store;
}
