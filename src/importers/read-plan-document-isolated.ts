import { Worker } from 'node:worker_threads';
import { InputError, problem, type Problem } from '../domain/errors.ts';
import type { DocumentModel } from './document-model.ts';
import { TooLargeError } from './zip-limits.ts';
import { message } from '../domain/messages/message.ts';

/** Bounds on one document read in its worker: its heap and its time. */
export const PLAN_READ_LIMITS = { maxHeapMb: 512, timeoutMs: 60_000 } as const;

/**
 * A warm reader serves this many documents, then is replaced by a fresh one: a long-lived heap
 * fragments, and a fresh worker bounds what one upload can leave behind for the next.
 */
export const RECYCLE_AFTER_JOBS = 25;
/** …or sooner, when the heap a read leaves behind passes this share of the cap. */
const RECYCLE_HEAP_SHARE = 0.25;

export interface WorkerJob {
  id: number;
  bytes: Uint8Array;
  fileName: string;
}

export type WorkerAnswer = { id: number; heapUsed: number } & (
  | { ok: true; model: DocumentModel }
  | { ok: false; kind: 'input' | 'too_large' | 'internal'; message: string; problems: Problem[] }
);

type Limits = { maxHeapMb: number; timeoutMs: number };

/**
 * One reading worker thread with a capped heap. It reads documents one at a time; a read that passes
 * the heap cap or the time limit kills it (the read's caller gets a 413/422 naming the limit), and a
 * dead worker is never used again. Idle, it does not keep the process alive.
 */
class ReaderWorker {
  private readonly worker: Worker;
  private pending: { id: number; fileName: string; resolve: (m: DocumentModel) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | null = null;
  private nextId = 1;
  jobs = 0;
  heapUsed = 0;
  dead = false;
  /** Settles once the worker has loaded its modules (or has died trying). */
  readonly ready: Promise<void>;
  private markReady: () => void = () => undefined;

  constructor(private readonly limits: Limits) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    const here = import.meta.url;
    const entry = new URL(`./read-plan-document.worker${here.endsWith('.ts') ? '.ts' : '.js'}`, here).href;
    this.worker = new Worker(new URL('./worker-boot.mjs', here), {
      argv: [entry],
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb, maxYoungGenerationSizeMb: 64 },
      stdout: false,
      stderr: false,
    });
    this.worker.on('message', (answer: WorkerAnswer | { ready: true }) => {
      if ('ready' in answer) {
        if (!this.pending) this.worker.unref();
        return this.markReady();
      }
      const job = this.pending;
      if (!job || job.id !== answer.id) return;
      this.heapUsed = answer.heapUsed;
      this.finish((p) => {
        if (answer.ok) p.resolve(answer.model);
        else if (answer.kind === 'too_large') p.reject(new TooLargeError(answer.message, answer.problems));
        else if (answer.kind === 'input') p.reject(new InputError(answer.message, answer.problems));
        else p.reject(new Error(`plan reader failed: ${answer.message}`));
      });
    });
    this.worker.on('error', (error: Error & { code?: string }) => {
      this.kill();
      this.finish((p) => {
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          p.reject(
            new TooLargeError(message('import.file_needs_too_much_memory', { fileName: p.fileName }), [
              problem({ field: 'file' }, message('import.more_than_mb_of_memory', { maxHeapMb: this.limits.maxHeapMb })),
            ]),
          );
        } else p.reject(error);
      });
    });
    this.worker.on('exit', (code) => {
      this.dead = true;
      this.markReady();
      this.finish((p) => p.reject(new Error(`plan reader worker exited with code ${code} before answering`)));
    });
    // Booting or reading, the worker keeps the process alive (someone awaits it); idle, it does not.
    this.worker.ref();
  }

  get busy(): boolean {
    return this.pending !== null;
  }

  read(bytes: Uint8Array, fileName: string): Promise<DocumentModel> {
    if (this.dead || this.pending) throw new Error('plan reader worker is not available');
    const id = this.nextId++;
    this.jobs++;
    return new Promise<DocumentModel>((resolve, reject) => {
      const timer = setTimeout(() => {
        // A read past its time may be stuck in a loop: the worker cannot be trusted with another.
        this.kill();
        this.finish((p) =>
          p.reject(
            new InputError(message('import.reading_file_took_too_long', { fileName }), [
              problem({ field: 'file' }, message('import.more_than_s', { value: this.limits.timeoutMs / 1000 })),
            ]),
          ),
        );
      }, this.limits.timeoutMs);
      this.pending = { id, fileName, resolve, reject, timer };
      this.worker.ref();
      this.worker.postMessage({ id, bytes, fileName } satisfies WorkerJob);
    });
  }

  /** Whether the next upload should get a fresh worker instead of this one. */
  worn(): boolean {
    return this.dead || this.jobs >= RECYCLE_AFTER_JOBS || this.heapUsed > this.limits.maxHeapMb * 1024 * 1024 * RECYCLE_HEAP_SHARE;
  }

  kill(): void {
    this.dead = true;
    void this.worker.terminate();
  }

  private finish(action: (p: NonNullable<ReaderWorker['pending']>) => void): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    clearTimeout(p.timer);
    this.worker.unref();
    action(p);
  }
}

/** The warm reader (a pool of one) for reads under the default limits. */
let warm: ReaderWorker | null = null;

/**
 * Starts the warm reading worker now, so that the first upload does not wait for a thread to boot
 * (about half a second: the TypeScript loader and the readers' modules).
 */
export function warmPlanReader(): Promise<void> {
  if (!warm || warm.dead) warm = new ReaderWorker(PLAN_READ_LIMITS);
  return warm.ready;
}

/**
 * Reads a plan document (as `readPlanDocument` does) in a worker thread with a capped heap and a
 * time limit, so a hostile or pathological upload can neither block the server's event loop nor
 * exhaust its memory: the worker dies instead, and the caller gets a 413/422 naming the limit.
 * Reads under the default limits use a warm worker that serves one read at a time and is replaced
 * after a limit breach, after RECYCLE_AFTER_JOBS reads or when its heap grows; a read that finds it
 * busy, or asks for other limits, gets a worker of its own.
 *
 * @example
 * const model = await readPlanDocumentIsolated(bytes, 'ke-hoach.docx');
 */
export async function readPlanDocumentIsolated(bytes: Uint8Array, fileName: string, limits: Limits = PLAN_READ_LIMITS): Promise<DocumentModel> {
  const defaults = limits.maxHeapMb === PLAN_READ_LIMITS.maxHeapMb && limits.timeoutMs === PLAN_READ_LIMITS.timeoutMs;
  if (defaults) void warmPlanReader();
  if (!defaults || !warm || warm.busy) return readPlanDocumentInOwnWorker(bytes, fileName, limits);
  const worker = warm;
  try {
    return await worker.read(bytes, fileName);
  } finally {
    if (worker.worn()) {
      worker.kill();
      // The replacement boots while the caller extracts the draft from this read.
      if (warm === worker) warm = new ReaderWorker(PLAN_READ_LIMITS);
    }
  }
}

/**
 * Reads a plan document in a worker started for this read alone and ended after it (what every read
 * did before the warm reader; the bench compares the two).
 */
export async function readPlanDocumentInOwnWorker(bytes: Uint8Array, fileName: string, limits: Limits = PLAN_READ_LIMITS): Promise<DocumentModel> {
  const own = new ReaderWorker(limits);
  try {
    return await own.read(bytes, fileName);
  } finally {
    own.kill();
  }
}
