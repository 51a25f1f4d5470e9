import { parentPort } from 'node:worker_threads';
import { InputError } from '../domain/errors.ts';
import { readPlanDocument } from './read-plan-document.ts';
import { TooLargeError } from './zip-limits.ts';
import type { WorkerAnswer, WorkerJob } from './read-plan-document-isolated.ts';

// The worker body of readPlanDocumentIsolated: reads documents one at a time, answering each with its
// job's id and the heap it leaves behind (the parent recycles a worker whose heap keeps growing).
// DOCX is the commonest upload: its reader is loaded while the worker waits for its first job, so
// that job does not pay for it. pdf.js and ExcelJS stay lazy (loaded by the first PDF/XLSX).
const warm = import('./docx/read-docx-document.ts');

parentPort?.on('message', (job: WorkerJob) => {
  void answer(job).then((reply) => parentPort?.postMessage(reply));
});
void warm.then(() => parentPort?.postMessage({ ready: true }));

async function answer(job: WorkerJob): Promise<WorkerAnswer> {
  await warm;
  const done = { id: job.id, heapUsed: 0 };
  try {
    const model = await readPlanDocument(job.bytes, job.fileName);
    return { ...done, ok: true, model, heapUsed: process.memoryUsage().heapUsed };
  } catch (error) {
    if (error instanceof InputError) {
      const kind = error instanceof TooLargeError ? 'too_large' : 'input';
      // The first line of the message is the summary; the rest lists the problems, sent separately.
      return { ...done, ok: false, kind, message: error.message.split('\n')[0] ?? error.message, problems: error.problems, heapUsed: process.memoryUsage().heapUsed };
    }
    return { ...done, ok: false, kind: 'internal', message: (error as Error).message, problems: [], heapUsed: process.memoryUsage().heapUsed };
  }
}
