import { describe, expect, it } from 'vitest';
import { AppliedSequences } from './applied-sequences.ts';

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

describe('AppliedSequences.release', () => {
  it('lets a catch-up take again a number whose batch failed to apply', () => {
    const applied = new AppliedSequences(0);
    applied.claim(1);
    applied.release(1);
    expect(applied.claim(1)).toBe(true);
    expect(applied.claim(1)).toBe(false);
  });
});
