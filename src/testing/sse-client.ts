import type { LiveEvent } from '../realtime/event-bus.ts';

/**
 * A minimal EventSource for tests: reads /api/v1/events with a bearer token, keeps every event
 * (`seen`) and resolves waiters whose predicate an event satisfies.
 *
 * @example
 * const client = await sseClient(`${url}/api/v1/events`, token);
 * await client.next((e) => e.type === 'rank');
 */
export async function sseClient(url: string, token: string) {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: controller.signal });
  if (res.status !== 200 || !res.body) throw new Error(`SSE answered ${res.status}`);
  const seen: LiveEvent[] = [];
  const waiters: { test: (e: LiveEvent) => boolean; resolve: (e: LiveEvent) => void }[] = [];
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (!data) continue;
          const event = JSON.parse(data.slice(6)) as LiveEvent;
          seen.push(event);
          for (const w of [...waiters]) if (w.test(event)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(event);
          }
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    next(test: (e: LiveEvent) => boolean): Promise<LiveEvent> {
      const hit = seen.find(test);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve) => waiters.push({ test, resolve }));
    },
    seen,
    close: () => controller.abort(),
  };
}
