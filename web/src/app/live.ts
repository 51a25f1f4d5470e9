import { useEffect, useRef, useState } from 'react';

/** The events the server streams (src/realtime/event-bus.ts); only the fields the screens use. */
export type LiveEventType = 'observation' | 'target_status' | 'score' | 'rank';
export interface LiveEvent {
  type: LiveEventType;
  unit: string;
  indicator?: string;
  target?: string;
  [field: string]: unknown;
}

/**
 * Subscribes to `GET /api/v1/events` while `enabled` (the stream needs a signed-in user) and calls
 * `onChange` with the events of the last moment, batched: a burst of observations (a connector's
 * batch) causes one re-fetch, not hundreds. EventSource reconnects by itself after a drop.
 *
 * @example
 * const live = useLiveEvents(['target_status', 'score'], () => reload(), { enabled: !!user });
 * live.connected // → true once the stream is open
 */
export function useLiveEvents(
  types: readonly LiveEventType[],
  onChange: (events: LiveEvent[]) => void,
  options: { enabled: boolean; unit?: string; batchMs?: number },
): { connected: boolean; received: number } {
  const [connected, setConnected] = useState(false);
  const [received, setReceived] = useState(0);
  const callback = useRef(onChange);
  useEffect(() => {
    callback.current = onChange;
  }, [onChange]);
  const typesKey = types.join(',');
  const { enabled, unit, batchMs = 400 } = options;
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const params = new URLSearchParams({ types: typesKey });
    if (unit) params.set('unit', unit);
    const source = new EventSource(`/api/v1/events?${params.toString()}`, { withCredentials: true });
    let pending: LiveEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const batch = pending;
      pending = [];
      setReceived((n) => n + batch.length);
      callback.current(batch);
    };
    const onEvent = (e: MessageEvent<string>) => {
      try {
        pending.push(JSON.parse(e.data) as LiveEvent);
      } catch {
        return;
      }
      timer ??= setTimeout(flush, batchMs);
    };
    for (const type of typesKey.split(',')) source.addEventListener(type, onEvent);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
      setConnected(false);
    };
  }, [enabled, typesKey, unit, batchMs]);
  return { connected, received };
}
