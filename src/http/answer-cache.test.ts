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

describe('answer cache while figures keep arriving', () => {
  /** A computation the test finishes by hand, counting how many were started. */
  function manual() {
    const finishers: ((v: string) => void)[] = [];
    return {
      work: () => new Promise<string>((resolve) => finishers.push(resolve)),
      get started() { return finishers.length; },
      finish: (i: number, v: string) => finishers[i]!(v),
    };
  }
  const tick = () => new Promise((r) => setTimeout(r, 0));

  it('the first request after new figures waits for an answer that has them; the others meanwhile get the kept one at once', async () => {
    let now = 0;
    const behind: number[] = [];
    const cache = answerCache<string>({ ttlMs: 60_000, maxBehindMs: 10_000, maxEntries: 10, now: () => now, onServe: (ms) => behind.push(ms) });
    expect(await cache.get('k', () => Promise.resolve('v1'))).toBe('v1');
    now = 100;
    cache.invalidate({ figuresOnly: true });
    const m = manual();
    now = 150;
    const first = cache.get('k', m.work);
    now = 400;
    // Arriving while that one computes: the kept answer, told as 250 ms behind the figures.
    expect(await cache.get('k', m.work)).toBe('v1');
    expect(await cache.get('k', m.work)).toBe('v1');
    expect(m.started).toBe(1);
    m.finish(0, 'v2');
    expect(await first).toBe('v2');
    expect(await cache.get('k', m.work)).toBe('v2');
    expect(m.started).toBe(1);
    expect(behind).toEqual([0, 300, 300, 0, 0]);
  });

  it('with figures arriving faster than it computes, one computation runs at a time, only its starter waits, and answers move forward', async () => {
    let now = 0;
    const cache = answerCache<string>({ ttlMs: 60_000, maxBehindMs: 10_000, maxEntries: 10, now: () => now });
    const m = manual();
    const startedAt: number[] = [];
    const work = () => {
      startedAt.push(now);
      return m.work();
    };
    const first = cache.get('k', work);
    m.finish(0, 'a0');
    expect(await first).toBe('a0');
    // New figures every 100 ms, a computation takes 250 ms, a read every 50 ms.
    const waiting: Promise<string>[] = [];
    const served: string[] = [];
    let finished = 1;
    for (now = 50; now <= 2000; now += 50) {
      if (now % 100 === 0) cache.invalidate({ figuresOnly: true });
      while (finished < m.started && now - startedAt[finished]! >= 250) m.finish(finished, `a${finished++}`);
      await tick();
      const before = m.started;
      let done = false;
      const read = cache.get('k', work).then((v) => ((done = true), v));
      await tick();
      if (m.started > before) waiting.push(read);
      else {
        // Not the one that started a computation: answered at once.
        expect(done).toBe(true);
        served.push(await read);
      }
    }
    // Never two at once: each started after the previous finished (the first, at 0, was finished at once).
    for (let i = 2; i < startedAt.length; i++) expect(startedAt[i]! - startedAt[i - 1]!).toBeGreaterThanOrEqual(250);
    expect(m.started).toBeGreaterThan(5);
    // What readers got moved forward only.
    const order = served.map((v) => Number(v.slice(1)));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    while (finished < m.started) m.finish(finished, `a${finished++}`);
    expect((await Promise.all(waiting)).length).toBe(m.started - 1);
  });

  it('serves nothing from before a change of who may read what, and never an answer further behind than its bound', async () => {
    let now = 0;
    const cache = answerCache<string>({ ttlMs: 60_000, maxBehindMs: 1_000, maxEntries: 10, now: () => now });
    await cache.get('k', () => Promise.resolve('trước'));
    cache.invalidate();
    expect(await cache.get('k', () => Promise.resolve('sau'))).toBe('sau');
    // Figures changed, a computation hangs: served kept until it is 1 s behind, then waits for the running one.
    cache.invalidate({ figuresOnly: true });
    const m = manual();
    void cache.get('k', m.work);
    now = 900;
    expect(await cache.get('k', m.work)).toBe('sau');
    now = 1_200;
    const late = cache.get('k', m.work);
    let settled = false;
    void late.then(() => (settled = true));
    await tick();
    expect(settled).toBe(false);
    m.finish(0, 'mới');
    expect(await late).toBe('mới');
    expect(m.started).toBe(1);
  });
});
