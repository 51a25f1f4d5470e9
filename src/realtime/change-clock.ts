import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../app-context.ts';
import type { DatabaseHandle } from '../db/connect-database.ts';
import type { Database } from '../db/database.ts';
import { eventBusFor } from './event-bus.ts';

/**
 * The PostgreSQL channel on which a committed state change is announced: every audit entry but sign-ins (in the
 * audited transaction, so it is delivered at commit and never for a rollback) and a logout (which
 * deletes a session without an audit entry).
 */
export const STATE_CHANNEL = 'theodoi_state';

/**
 * What this instance knows of the latest committed change, without asking the database. Two kinds:
 * `figures` — new figures and what follows from them (an observation batch, the snapshots stored after
 * it, a report submitted or approved, an alert acknowledged) — and `any` other change: who may read
 * what (roles, tokens, sessions, classification), the unit tree, plans and definitions, or a lost or
 * regained LISTEN. `version` moves with the second kind only: answers kept in memory under it (who a
 * credential stands for) stay valid through new figures. Listeners hear both, with their kind, so the
 * overview can keep serving its answer for a bounded time while new figures are folded in
 * (answer-cache.ts) and never past a change of who may read what. Changes are heard from any instance
 * (an announcement on STATE_CHANNEL), from a live event (snapshots stored after a batch), and from an
 * audited write of this process (before its commit, so the writer's own next request never reads an
 * answer kept from before). `version` is null while announcements cannot be heard (no server
 * listening, or its LISTEN lost and not yet back): changes may be missed then, so callers ask the
 * database instead of trusting what they keep.
 *
 * @example
 * const clock = changeClockFor(ctx.database);
 * const v = clock.version; // null → read lastAuditId(ctx.db) instead
 */
export interface ChangeClock {
  readonly version: number | null;
  /** Something changed (or may have, unheard). */
  tick(kind?: ChangeKind): void;
  /** Calls `listener` after every change heard, with its kind; returns the function that unsubscribes. */
  subscribe(listener: (kind: ChangeKind) => void): () => void;
}

export type ChangeKind = 'figures' | 'any';

/**
 * Audited actions that change figures only, never who may read what or what is defined: their
 * announcement says so. Anything not listed counts as `any`, so a new action errs on the safe side.
 */
export const FIGURES_ONLY_ACTIONS: ReadonlySet<string> = new Set(['ingest', 'submit', 'approve', 'return', 'acknowledge', 'assess']);
const FIGURES_PREFIX = 'figures:';

class HandleClock implements ChangeClock {
  private count = 0;
  listening = 0;
  deaf = 0;
  private readonly listeners = new Set<(kind: ChangeKind) => void>();

  get version(): number | null {
    return this.listening > 0 && this.deaf === 0 ? this.count + localChanges : null;
  }

  tick(kind: ChangeKind = 'any'): void {
    if (kind === 'any') this.count++;
    for (const l of this.listeners) l(kind);
  }

  subscribe(listener: (kind: ChangeKind) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

const clocks = new WeakMap<DatabaseHandle, HandleClock>();
const everyClock = new Set<WeakRef<HandleClock>>();

// Audited writes of this process that change more than figures, counted before their commit: the
// writer's next request must not be answered from before, even if its own announcement has not been
// read off the socket yet.
let localChanges = 0;

/** The clock of one open database (every server on that handle shares it). */
export function changeClockFor(database: DatabaseHandle): ChangeClock {
  return clockOf(database);
}

function clockOf(database: DatabaseHandle): HandleClock {
  let clock = clocks.get(database);
  if (!clock) {
    clocks.set(database, (clock = new HandleClock()));
    everyClock.add(new WeakRef(clock));
  }
  return clock;
}

/**
 * Announces a committed state change to every instance (inside a transaction: at its commit). Called
 * by `recordAudit` for every audit entry but sign-ins, and by writes that change who may do what without one.
 */
export async function announceStateChange(db: Kysely<Database>, what: string, kind: ChangeKind = 'any'): Promise<void> {
  noteLocalChange(kind);
  await sql`select pg_notify(${STATE_CHANNEL}, ${kind === 'figures' ? FIGURES_PREFIX + what : what})`.execute(db);
}

/** Tells every clock of this process at once (a local write, before its commit). */
export function noteLocalChange(kind: ChangeKind = 'any'): void {
  if (kind === 'any') localChanges++;
  for (const ref of everyClock) {
    const clock = ref.deref();
    if (!clock) everyClock.delete(ref);
    else clock.tick(kind);
  }
}

/**
 * Makes the clock of `ctx.database` hear changes: LISTEN on STATE_CHANNEL (re-opened with backoff when
 * lost, the clock unknown meanwhile and moved once back) and every live event of its bus. Started
 * with the server; the returned function stops it.
 */
export async function listenForChanges(ctx: AppContext): Promise<() => Promise<void>> {
  const clock = clockOf(ctx.database);
  let lost = false;
  // A live event follows stored snapshots of new figures.
  const unsubscribe = eventBusFor(ctx.database).subscribe(() => clock.tick('figures'));
  const unlisten = await ctx.database.listen(STATE_CHANNEL, (payload) => clock.tick(payload.startsWith(FIGURES_PREFIX) ? 'figures' : 'any'), {
    onLost: () => {
      if (!lost) clock.deaf++;
      lost = true;
      clock.tick();
    },
    onRelisten: () => {
      if (lost) clock.deaf--;
      lost = false;
      // Whatever was announced meanwhile was missed: nothing kept before is trusted.
      clock.tick();
    },
  });
  clock.listening++;
  clock.tick();
  let stopped = false;
  return async () => {
    if (stopped) return;
    stopped = true;
    clock.listening--;
    if (lost) clock.deaf--;
    clock.tick();
    unsubscribe();
    await unlisten();
  };
}
