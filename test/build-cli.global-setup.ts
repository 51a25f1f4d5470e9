/**
 * Compiles the server and CLI once before the suite (incrementally: about 3 s when nothing changed),
 * so tests that spawn `theodoi` run the JavaScript an installation runs instead of starting tsx for
 * every command. A CLI test spawns dozens of commands; tsx's start-up doubled each one's cost.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export default async function buildCli(project: TestProject): Promise<void> {
  // Each project that opens a database (one per engine) runs this setup; they share one build.
  const shared = globalThis as { theodoiCliBuild?: Promise<string> };
  shared.theodoiCliBuild ??= build();
  project.provide('cliEntry', await shared.theodoiCliBuild);
}

async function build(): Promise<string> {
  const outDir = path.join(root, 'dist');
  await run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', path.join(outDir, '.tsbuildinfo')], { cwd: root });
  await run(process.execPath, [path.join(root, 'scripts/copy-build-assets.mjs'), outDir], { cwd: root });
  return path.join(outDir, 'cli/main.js');
}

declare module 'vitest' {
  export interface ProvidedContext {
    cliEntry: string;
  }
}
