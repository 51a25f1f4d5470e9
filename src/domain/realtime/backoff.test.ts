import { describe, expect, it } from 'vitest';
import { backoffDelay, LISTEN_BACKOFF } from './backoff.ts';

describe('backoffDelay', () => {
  it('doubles from the base up to the cap, half of each wait fixed and half random', () => {
    const policy = { baseMs: 100, capMs: 1000 };
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, policy, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, policy, () => 0))).toEqual([50, 100, 200, 400, 500, 500]);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(300);
  });

  it('stays within bounds for absurd attempts and random values', () => {
    expect(backoffDelay(10_000, LISTEN_BACKOFF, () => 1)).toBe(30_000);
    expect(backoffDelay(0, LISTEN_BACKOFF, () => 0)).toBe(125);
    expect(backoffDelay(2, LISTEN_BACKOFF, () => 7)).toBe(500);
    expect(backoffDelay(2, LISTEN_BACKOFF, () => -1)).toBe(250);
  });
});
