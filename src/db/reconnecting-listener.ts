import { backoffDelay, LISTEN_BACKOFF, type BackoffPolicy } from '../domain/realtime/backoff.ts';

/** What the owner of a LISTEN hears about its connection. */
export interface ListenHooks {
  /** The connection carrying LISTEN is gone: notifications sent from now on are missed until `onRelisten`. */
  onLost?(error: Error | null): void;
  /** LISTEN is in effect again after a loss (not called for the first LISTEN). Catch up from here. */
  onRelisten?(): void;
  /** An attempt to listen again failed; the next comes after `delayMs`. */
  onRetryFailed?(attempt: number, delayMs: number, error: unknown): void;
}

/** One open LISTEN connection: `onLost` is called when it drops (error or end), `close` ends it on purpose. */
export type OpenListenConnection = (onNotification: (payload: string) => void, onLost: (error: Error | null) => void) => Promise<{ close(): Promise<void> }>;

export interface ReconnectingListenerOptions {
  open: OpenListenConnection;
  onNotification: (payload: string) => void;
  hooks?: ListenHooks;
  backoff?: BackoffPolicy;
  random?: () => number;
}

/**
 * Keeps a LISTEN alive: opens it once (a failure there is thrown, as the server cannot start without
 * its database), and whenever the connection drops opens a new one after a capped, jittered
 * exponential backoff, as many times as it takes, until stopped. What was sent while no connection
 * listened is lost; the owner catches up in `onRelisten`.
 *
 * @example
 * const stop = await listenWithReconnect({ open, onNotification: console.log, hooks: { onRelisten: catchUp } });
 */
export async function listenWithReconnect(options: ReconnectingListenerOptions): Promise<() => Promise<void>> {
  const policy = options.backoff ?? LISTEN_BACKOFF;
  let current: { close(): Promise<void> } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let attempt = 0;
  let stopped = false;

  const open = async () => {
    let live = false;
    let dropped = false;
    const connection = await options.open(
      (payload) => {
        if (!stopped && !dropped) options.onNotification(payload);
      },
      (error) => {
        // A failed open is reported by its rejection, and a client may signal one loss twice
        // ('error' then 'end'): react once, and only to a connection that was listening.
        if (!live || dropped || stopped) return;
        dropped = true;
        current = null;
        options.hooks?.onLost?.(error);
        if (!options.hooks?.onLost) process.stderr.write(`theodoi: listening connection lost: ${error?.message ?? 'closed'}\n`);
        void connection.close().catch(() => undefined);
        retry();
      },
    );
    live = true;
    return connection;
  };

  const retry = (failed?: { error: unknown }) => {
    attempt++;
    const delayMs = backoffDelay(attempt, policy, options.random);
    if (failed) options.hooks?.onRetryFailed?.(attempt - 1, delayMs, failed.error);
    timer = setTimeout(() => {
      timer = null;
      open().then(
        async (connection) => {
          if (stopped) return connection.close();
          current = connection;
          attempt = 0;
          options.hooks?.onRelisten?.();
        },
        (error: unknown) => {
          if (!stopped) retry({ error });
        },
      );
    }, delayMs);
    // A process that is otherwise done (a CLI command) must not stay up only to reconnect.
    timer.unref();
  };

  current = await open();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    const connection = current;
    current = null;
    await connection?.close();
  };
}
