// The load generator of the load benches, run in a process of its own (`offeredLoad`), so that
// autocannon's own work (building requests, parsing answers, timing them) does not share the
// measured server's event loop: the server under test and the static baseline then pay the same
// (nothing) for it, and the figures are the server's. Every response's own time is kept, not
// autocannon's histogram (which has no p95).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  headers: Record<string, string>;
  connections: number;
  /** Requests per second offered, whatever the answers' times (autocannon's overallRate). */
  rate: number;
  seconds: number;
}

export interface LoadFigures {
  latencies: number[];
  requests: number;
  errors: number;
  non2xx: number;
  /** Requests answered per second over the run. */
  rate: number;
}

/** Offers `spec`'s load from a child process and resolves with what it measured. */
export function offeredLoad(spec: LoadSpec): Promise<LoadFigures> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let figures: LoadFigures | null = null;
    child.on('message', (message) => {
      figures = message as LoadFigures;
    });
    child.on('error', reject);
    child.on('exit', (code) => (figures ? resolve(figures) : reject(new Error(`load generator exited with ${code}`))));
    child.send(spec);
  });
}

async function generate(spec: LoadSpec): Promise<LoadFigures> {
  const latencies: number[] = [];
  let non2xx = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: spec.url, headers: spec.headers, connections: spec.connections, overallRate: spec.rate, duration: spec.seconds },
      (error: Error | null, r) => (error ? reject(error) : resolve(r)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode < 200 || statusCode > 299) non2xx++;
    });
  });
  return { latencies, requests: result.requests.total, errors: result.errors + result.timeouts, non2xx, rate: result.requests.total / spec.seconds };
}

// In the child: one spec in, its figures out, then exit.
if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.once('message', (spec) => {
    generate(spec as LoadSpec).then(
      (figures) => process.send?.(figures, () => process.disconnect()),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
