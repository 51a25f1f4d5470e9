/**
 * Which change-log numbers a listener has taken up, so that each batch is applied exactly once
 * whether it arrives by notification, by a catch-up read after a lost connection, or both.
 *
 * Numbers are handed out when a batch is recorded but become visible when its transaction commits,
 * so they can arrive out of order: a batch numbered 41 may commit after 42. A catch-up therefore
 * re-reads a window of `lookback` numbers below the highest one taken and skips those already taken;
 * the set remembers at least that window. Numbers at or below `startAfter` (the highest in the log
 * when the listener started) were evaluated before this process and are never caught up.
 *
 * @example
 * const applied = new AppliedSequences(100);
 * applied.claim(101); // true: apply it
 * applied.claim(101); // false: already applied
 * applied.catchUpAfter(); // 100: read numbers above it after re-listening
 */
export class AppliedSequences {
  private readonly taken = new Set<number>();
  private top: number;

  constructor(
    private readonly startAfter: number,
    private readonly lookback = 1000,
  ) {
    this.top = startAfter;
  }

  /** True the first time `seq` is offered (apply it then); false for a number already taken or too old to track. */
  claim(seq: number): boolean {
    if (this.taken.has(seq) || seq <= this.top - this.lookback) return false;
    this.taken.add(seq);
    if (seq > this.top) this.top = seq;
    // Forget what no catch-up will read again; amortised, so a claim stays O(1).
    if (this.taken.size > 2 * this.lookback) {
      for (const s of this.taken) if (s <= this.top - this.lookback) this.taken.delete(s);
    }
    return true;
  }

  /**
   * Gives a number back after applying its batch failed, so that the next catch-up applies it (a
   * pass that failed because the server went down is redone once it is back).
   */
  release(seq: number): void {
    this.taken.delete(seq);
  }

  /** A catch-up reads the log's numbers above this one. */
  catchUpAfter(): number {
    return Math.max(this.startAfter, this.top - this.lookback);
  }

  /** The highest number taken, or the start's when none was. */
  get highest(): number {
    return this.top;
  }
}
