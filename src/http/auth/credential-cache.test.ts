import { describe, expect, it } from 'vitest';
import { keptUnderVersion } from './credential-cache.ts';

describe('kept under a version', () => {
  const at = (iso: string) => new Date(iso);

  it('serves an entry only under the version it was read at, before its time is up and before its own expiry', () => {
    const kept = keptUnderVersion<string>({ ttlMs: 30_000, maxEntries: 10 });
    const t0 = at('2026-03-02T08:00:00Z');
    kept.set('token:a', 'người xem HN', 4, t0);
    expect(kept.get('token:a', 4, at('2026-03-02T08:00:29Z'))).toBe('người xem HN');
    // A change heard: the entry is gone, even when the version later reads the same again.
    expect(kept.get('token:a', 5, t0)).toBeUndefined();
    expect(kept.get('token:a', 4, t0)).toBeUndefined();
    kept.set('token:a', 'người xem HN', 5, t0);
    expect(kept.get('token:a', 5, at('2026-03-02T08:00:30Z'))).toBeUndefined();
    // A session ending in ten seconds is not served after them.
    kept.set('session:b', 'chuyên viên', 5, t0, at('2026-03-02T08:00:10Z'));
    expect(kept.get('session:b', 5, at('2026-03-02T08:00:09Z'))).toBe('chuyên viên');
    expect(kept.get('session:b', 5, at('2026-03-02T08:00:10Z'))).toBeUndefined();
  });

  it('keeps nothing while changes cannot be heard, and forgets the oldest beyond its size', () => {
    const kept = keptUnderVersion<number>({ ttlMs: 30_000, maxEntries: 2 });
    const t0 = at('2026-03-02T08:00:00Z');
    kept.set('x', 1, null, t0);
    expect(kept.size).toBe(0);
    kept.set('x', 1, 7, t0);
    expect(kept.get('x', null, t0)).toBeUndefined();
    kept.set('a', 1, 7, t0);
    kept.set('b', 2, 7, t0);
    kept.set('c', 3, 7, t0);
    expect([kept.get('a', 7, t0), kept.get('b', 7, t0), kept.get('c', 7, t0)]).toEqual([undefined, 2, 3]);
  });
});
