import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listenWithReconnect, type OpenListenConnection } from './reconnecting-listener.ts';

/** A fake LISTEN connection factory: each open succeeds or fails as scripted; the test drops connections. */
function fakeServer(script: ('ok' | 'refused')[]) {
  const opened: { notify(p: string): void; drop(e: Error | null): void; closed: boolean }[] = [];
  let calls = 0;
  const open: OpenListenConnection = async (onNotification, onLost) => {
    calls++;
    const outcome = script.shift() ?? 'ok';
    await Promise.resolve();
    if (outcome === 'refused') throw new Error('ECONNREFUSED');
    const conn = {
      closed: false,
      notify: (p: string) => onNotification(p),
      drop: (e: Error | null) => onLost(e),
    };
    opened.push(conn);
    return {
      close: () => {
        conn.closed = true;
        return Promise.resolve();
      },
    };
  };
  return { open, opened, calls: () => calls };
}

describe('listenWithReconnect', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('re-opens a lost connection after a growing, capped backoff and says when it listens again', async () => {
    const server = fakeServer(['ok', 'refused', 'refused', 'refused', 'ok']);
    const heard: string[] = [];
    const events: string[] = [];
    const stop = await listenWithReconnect({
      open: server.open,
      onNotification: (p) => heard.push(p),
      backoff: { baseMs: 100, capMs: 300 },
      random: () => 1,
      hooks: {
        onLost: (e) => events.push(`lost:${e?.message ?? 'end'}`),
        onRetryFailed: (attempt, delayMs) => events.push(`failed:${attempt}:${delayMs}`),
        onRelisten: () => events.push('relisten'),
      },
    });
    server.opened[0]?.notify('a');
    server.opened[0]?.drop(new Error('terminating connection due to administrator command'));
    // The client reports one loss twice ('error' then 'end'): one reaction.
    server.opened[0]?.drop(null);
    // Anything a dropped connection still delivers is ignored.
    server.opened[0]?.notify('stale');
    expect(server.opened[0]?.closed).toBe(true);

    await vi.advanceTimersByTimeAsync(99);
    expect(server.calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(1); // 100: first retry, refused
    await vi.advanceTimersByTimeAsync(200); // 200: second, refused
    await vi.advanceTimersByTimeAsync(300); // 400 would be the ceiling, capped at 300: third, refused
    await vi.advanceTimersByTimeAsync(300); // capped again: fourth, listening
    expect(server.calls()).toBe(5);
    expect(events).toEqual(['lost:terminating connection due to administrator command', 'failed:1:200', 'failed:2:300', 'failed:3:300', 'relisten']);

    server.opened[1]?.notify('b');
    expect(heard).toEqual(['a', 'b']);

    // After listening again the backoff starts over.
    server.opened[1]?.drop(null);
    await vi.advanceTimersByTimeAsync(100);
    expect(server.calls()).toBe(6);
    expect(events.at(-1)).toBe('relisten');
    await stop();
    expect(server.opened[2]?.closed).toBe(true);
  });

  it('stops retrying when stopped while disconnected', async () => {
    const server = fakeServer(['ok']);
    const stop = await listenWithReconnect({ open: server.open, onNotification: () => undefined, backoff: { baseMs: 100, capMs: 100 }, hooks: { onLost: () => undefined } });
    server.opened[0]?.drop(null);
    await stop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.calls()).toBe(1);
  });

  it('throws when the first LISTEN cannot be opened: the server cannot start without its database', async () => {
    const server = fakeServer(['refused']);
    await expect(listenWithReconnect({ open: server.open, onNotification: () => undefined })).rejects.toThrow('ECONNREFUSED');
  });
});
