import { Worker } from 'node:worker_threads';
import { InputError, problem, type Problem } from '../domain/errors.ts';
import type { DocumentModel } from './document-model.ts';
import { TooLargeError } from './zip-limits.ts';
import { message } from '../domain/messages/message.ts';

/** Bounds on one document read in its worker: its heap and its time. */
export const PLAN_READ_LIMITS = { maxHeapMb: 512, timeoutMs: 60_000 } as const;

export type WorkerAnswer =
  | { ok: true; model: DocumentModel }
  | { ok: false; kind: 'input' | 'too_large' | 'internal'; message: string; problems: Problem[] };

/**
 * Reads a plan document (as `readPlanDocument` does) in a worker thread with a capped heap and a
 * time limit, so a hostile or pathological upload can neither block the server's event loop nor
 * exhaust its memory: the worker dies instead, and the caller gets a 413/422 naming the limit.
 *
 * @example
 * const model = await readPlanDocumentIsolated(bytes, 'ke-hoach.docx');
 */
export async function readPlanDocumentIsolated(
  bytes: Uint8Array,
  fileName: string,
  limits: { maxHeapMb: number; timeoutMs: number } = PLAN_READ_LIMITS,
): Promise<DocumentModel> {
  const here = import.meta.url;
  const entry = new URL(`./read-plan-document.worker${here.endsWith('.ts') ? '.ts' : '.js'}`, here).href;
  const worker = new Worker(new URL('./worker-boot.mjs', here), {
    argv: [entry],
    workerData: { bytes, fileName },
    resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb, maxYoungGenerationSizeMb: 64 },
    stdout: false,
    stderr: false,
  });
  return new Promise<DocumentModel>((resolve, reject) => {
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      action();
    };
    const timer = setTimeout(() => {
      settle(() =>
        reject(
          new InputError(message('import.reading_file_took_too_long', { fileName }), [
            problem({ field: 'file' }, message('import.more_than_s', { value: limits.timeoutMs / 1000 })),
          ]),
        ),
      );
    }, limits.timeoutMs);
    worker.once('message', (answer: WorkerAnswer) => {
      settle(() => {
        if (answer.ok) resolve(answer.model);
        else if (answer.kind === 'too_large') reject(new TooLargeError(answer.message, answer.problems));
        else if (answer.kind === 'input') reject(new InputError(answer.message, answer.problems));
        else reject(new Error(`plan reader failed: ${answer.message}`));
      });
    });
    worker.once('error', (error: Error & { code?: string }) => {
      settle(() => {
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          reject(
            new TooLargeError(message('import.file_needs_too_much_memory', { fileName }), [
              problem({ field: 'file' }, message('import.more_than_mb_of_memory', { maxHeapMb: limits.maxHeapMb })),
            ]),
          );
        } else reject(error);
      });
    });
    worker.once('exit', (code) => {
      settle(() => reject(new Error(`plan reader worker exited with code ${code} before answering`)));
    });
  });
}
