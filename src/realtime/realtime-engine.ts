import type { AppContext } from '../app-context.ts';
import { applyChanges, type AppliedChanges } from '../use-cases/realtime/apply-changes.ts';
import {
  CHANGE_CHANNEL,
  LIVE_EVENT_CHANNEL,
  parseChangeMessage,
  parseLiveEventMessage,
  publishLiveEvents,
  type AssessmentChange,
  type ObservationChange,
} from './change-feed.ts';
import { eventBusFor, type EventBus, type LiveEvent } from './event-bus.ts';

export interface RealtimeEngine {
  bus: EventBus;
  /** Resolves once every notification received so far has been applied. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

interface Logger {
  error(obj: object, msg?: string): void;
  debug?(obj: object, msg?: string): void;
}

/**
 * Listens on the change channel and applies each batch of changes: re-evaluates the targets, scores
 * and ranks they touch and stores the snapshots. Every server instance runs one (each hears the same
 * NOTIFY). The live events a pass produces are announced on LIVE_EVENT_CHANNEL, and every instance
 * relays what it hears there to its own dashboards: the instance that stored a change first is the one
 * that sees it as a change, so relaying is what makes all instances' dashboards agree. Notifications
 * that arrive while a batch is being applied are merged into the next batch, so a burst of writes
 * costs one pass.
 *
 * @example
 * const engine = await startRealtimeEngine(ctx, app.log);
 * app.addHook('onClose', () => engine.stop());
 */
export async function startRealtimeEngine(ctx: AppContext, log?: Logger): Promise<RealtimeEngine> {
  const bus = eventBusFor(ctx.database);
  let pendingObservations = new Map<string, ObservationChange>();
  let pendingAssessments = new Map<string, AssessmentChange>();
  let running: Promise<void> | null = null;
  let stopped = false;

  const drain = async (): Promise<void> => {
    while (!stopped && (pendingObservations.size || pendingAssessments.size)) {
      const observations = [...pendingObservations.values()];
      const assessments = [...pendingAssessments.values()];
      pendingObservations = new Map();
      pendingAssessments = new Map();
      // A transient failure (a serialisation conflict with another instance) is retried once; after
      // that the next change recomputes from the stored data. One failure must not stop the listener.
      for (let attempt = 1; attempt <= 2; attempt++) {
        try {
          const events: LiveEvent[] = [];
          const applied: AppliedChanges = await applyChanges(ctx, { observations, assessments }, (e) => events.push(e));
          // After the snapshots are stored, so a dashboard that re-reads on an event sees the new state.
          await publishLiveEvents(ctx.db, events);
          log?.debug?.({ applied, observations: observations.length, events: events.length }, 'realtime: changes applied');
          break;
        } catch (err) {
          log?.error({ err, attempt }, 'realtime: applying changes failed');
        }
      }
    }
  };
  const kick = () => {
    running ??= drain().finally(() => {
      running = null;
      if (!stopped && (pendingObservations.size || pendingAssessments.size)) kick();
    });
  };

  const unlistenEvents = await ctx.database.listen(LIVE_EVENT_CHANNEL, (payload) => {
    if (stopped) return;
    for (const event of parseLiveEventMessage(payload)) bus.publish(event);
  });
  const unlisten = await ctx.database.listen(CHANGE_CHANNEL, (payload) => {
    const message = parseChangeMessage(payload);
    if (!message || stopped) return;
    if (message.kind === 'observations') for (const c of message.changes) pendingObservations.set(`${c.indicator}|${c.unit}|${c.period}`, c);
    else for (const c of message.changes) pendingAssessments.set(`${c.framework}|${c.unit}|${c.period}`, c);
    kick();
  });

  return {
    bus,
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      await unlisten();
      await unlistenEvents();
      while (running) await running;
    },
  };
}
