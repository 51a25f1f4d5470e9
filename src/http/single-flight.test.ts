import { describe, expect, it } from 'vitest';
import { singleFlight } from './single-flight.ts';

describe('singleFlight', () => {
  it('runs a key once while it is in flight, again once it settled; other keys run apart', async () => {
    const shared = singleFlight<number>();
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const work = async () => { runs++; await gate; return runs; };
    const a = shared('a', work);
    const b = shared('a', work);
    const c = shared('c', work);
    release();
    expect(await Promise.all([a, b, c])).toEqual([2, 2, 2]);
    expect(runs).toBe(2);
    expect(await shared('a', () => Promise.resolve(7))).toBe(7);
  });

  it('hands a failure to those who waited for it only', async () => {
    const shared = singleFlight<string>();
    const failing = shared('k', () => Promise.reject(new Error('boom')));
    const joined = shared('k', () => Promise.resolve('never'));
    await expect(failing).rejects.toThrow('boom');
    await expect(joined).rejects.toThrow('boom');
    expect(await shared('k', () => Promise.resolve('fresh'))).toBe('fresh');
  });
});
