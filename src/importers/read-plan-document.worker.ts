import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../domain/errors.ts';
import { readPlanDocument } from './read-plan-document.ts';
import { TooLargeError } from './zip-limits.ts';
import type { WorkerAnswer } from './read-plan-document-isolated.ts';

// The worker body of readPlanDocumentIsolated: reads one document and answers once.
const { bytes, fileName } = workerData as { bytes: Uint8Array; fileName: string };
let answer: WorkerAnswer;
try {
  answer = { ok: true, model: await readPlanDocument(bytes, fileName) };
} catch (error) {
  if (error instanceof InputError) {
    const kind = error instanceof TooLargeError ? 'too_large' : 'input';
    // The first line of the message is the summary; the rest lists the problems, sent separately.
    answer = { ok: false, kind, message: error.message.split('\n')[0] ?? error.message, problems: error.problems };
  } else {
    answer = { ok: false, kind: 'internal', message: (error as Error).message, problems: [] };
  }
}
parentPort?.postMessage(answer);
