import { describe, expect, it } from 'vitest';
import { AppliedSequences } from './applied-sequences.ts';
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

describe('AppliedSequences', () => {
  it('takes each number once, whichever way it arrives', () => {
    const applied = new AppliedSequences(10);
    expect(applied.claim(11)).toBe(true);
    expect(applied.claim(11)).toBe(false);
    expect(applied.highest).toBe(11);
  });

  it('catches up from the start when nothing was taken, never below it', () => {
    const applied = new AppliedSequences(40, 5);
    expect(applied.catchUpAfter()).toBe(40);
    applied.claim(42);
    expect(applied.catchUpAfter()).toBe(40);
  });

  it('re-reads a window below the highest so that a batch that committed late is caught up, and skips what it took', () => {
    // 12 was numbered before 13 but committed after the connection dropped: its notification was lost.
    const applied = new AppliedSequences(10, 100);
    for (const s of [11, 13]) applied.claim(s);
    const log = [11, 12, 13, 14, 15];
    const caught = log.filter((s) => s > applied.catchUpAfter()).filter((s) => applied.claim(s));
    expect(caught).toEqual([12, 14, 15]);
    // The notifications of 14 and 15 arrive after the catch-up read them: not applied twice.
    expect([14, 15].filter((s) => applied.claim(s))).toEqual([]);
  });

  it('remembers only the window, treating older numbers as applied', () => {
    const applied = new AppliedSequences(0, 10);
    for (let s = 1; s <= 100; s++) applied.claim(s);
    expect(applied.catchUpAfter()).toBe(90);
    expect(applied.claim(85)).toBe(false);
    expect(applied.claim(95)).toBe(false);
    expect(applied.claim(101)).toBe(true);
  });
});
