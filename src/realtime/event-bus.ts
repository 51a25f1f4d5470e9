import type { DatabaseHandle } from '../db/connect-database.ts';

/** What dashboards receive over GET /api/v1/events. */
export type LiveEvent =
  | { type: 'observation'; indicator: string; unit: string; period: string; classified?: boolean }
  | {
      type: 'target_status';
      target: string;
      unit: string;
      indicator: string;
      status: string;
      previous: string | null;
      current: number | null;
      forecast: number | null;
      pMiss: number;
      reason: string;
      classified?: boolean;
    }
  | { type: 'score'; framework: string; period: string; unit: string; kind: string; score: number; max: number; previous: number | null; groups: Record<string, number>; classified?: boolean }
  | { type: 'rank'; framework: string; period: string; unit: string; kind: string; rank: number; previous: number | null; classified?: boolean };

export type LiveEventType = LiveEvent['type'];
export const LIVE_EVENT_TYPES: readonly LiveEventType[] = ['observation', 'target_status', 'score', 'rank'];

/** An in-process fan-out of live events: the real-time engine publishes, SSE connections subscribe. */
export class EventBus {
  private readonly listeners = new Set<(event: LiveEvent) => void>();

  /** @returns the function that unsubscribes. */
  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  publish(event: LiveEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // One broken subscriber (a closed socket) must not stop the others.
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}

const buses = new WeakMap<DatabaseHandle, EventBus>();

/**
 * The bus of one open database: the engine and the SSE route of the same server share it, and two
 * servers on two handles (two instances in a test) have their own, each fed by its own LISTEN.
 *
 * @example
 * eventBusFor(ctx.database).subscribe((e) => console.log(e.type));
 */
export function eventBusFor(database: DatabaseHandle): EventBus {
  let bus = buses.get(database);
  if (!bus) buses.set(database, (bus = new EventBus()));
  return bus;
}
