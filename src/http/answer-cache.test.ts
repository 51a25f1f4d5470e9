import { describe, expect, it } from 'vitest';
import { answerCache } from './answer-cache.ts';

describe('answer cache', () => {
  it('computes a key once while the data stays the same, and again after a change is heard or once its time is up', async () => {
    let now = 0;
    let computed = 0;
    const cache = answerCache<number>({ ttlMs: 1000, maxEntries: 10, now: () => now });
    const work = () => Promise.resolve(++computed);
    // Identical requests that arrive together share one computation.
    expect(await Promise.all([cache.get('k', work), cache.get('k', work), cache.get('k', work)])).toEqual([1, 1, 1]);
    now = 999;
    expect(await cache.get('k', work)).toBe(1);
    cache.invalidate();
    expect(await cache.get('k', work)).toBe(2);
    // Past its time: the previous answer once more while the next is computed, then the next.
    now = 999 + 1000;
    expect(await cache.get('k', work)).toBe(2);
    await new Promise((r) => setTimeout(r, 0));
    expect(await cache.get('k', work)).toBe(3);
    // Keys do not share answers.
    expect(await cache.get('other', work)).toBe(4);
  });

  it('keeps no failure, and forgets the oldest key beyond its size', async () => {
    const cache = answerCache<string>({ ttlMs: 60_000, maxEntries: 2 });
    await expect(cache.get('k', () => Promise.reject(new Error('mất kết nối')))).rejects.toThrow('mất kết nối');
    expect(await cache.get('k', () => Promise.resolve('lần hai'))).toBe('lần hai');
    let calls = 0;
    const count = () => Promise.resolve(`#${++calls}`);
    await cache.get('a', count);
    await cache.get('b', count);
    // 'k' was the oldest of three: it is computed again, 'b' is still kept.
    expect(await cache.get('k', () => Promise.resolve('lần ba'))).toBe('lần ba');
    expect(await cache.get('b', count)).toBe('#2');
  });
});

describe('answer cache past its time', () => {
  it('serves the previous answer while one computation of the next runs, then the next', async () => {
    let now = 0;
    const cache = answerCache<string>({ ttlMs: 1000, maxEntries: 10, now: () => now });
    expect(await cache.get('k', () => Promise.resolve('cũ'))).toBe('cũ');
    now = 1500;
    let finish: (v: string) => void = () => undefined;
    let started = 0;
    const slow = () => {
      started++;
      return new Promise<string>((resolve) => (finish = resolve));
    };
    expect(await Promise.all([cache.get('k', slow), cache.get('k', slow)])).toEqual(['cũ', 'cũ']);
    expect(started).toBe(1);
    finish('mới');
    await new Promise((r) => setTimeout(r, 0));
    expect(await cache.get('k', slow)).toBe('mới');
    // A change heard is never answered from before it, however recent.
    cache.invalidate();
    const fresh = cache.get('k', () => Promise.resolve('sau thay đổi'));
    expect(await fresh).toBe('sau thay đổi');
  });
});
