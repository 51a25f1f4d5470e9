// Starts a worker thread on a module of ours, named by the worker's first argument. Workers do not
// inherit the TypeScript loader that the CLI registers, so when the module is TypeScript (running
// from source) this registers it first.
import { argv } from 'node:process';

const entry = argv[2] ?? '';
if (entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(entry);
