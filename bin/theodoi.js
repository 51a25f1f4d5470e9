#!/usr/bin/env node
// Entry point for `npx theodoi`. In a source checkout with its development tools (tsx) the CLI runs
// from the TypeScript source, so an edit counts at once; an installation without them
// (`npm ci --omit=dev`) runs the compiled build in dist/ (`npm run build`).
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/main.ts', import.meta.url);
const tsx = existsSync(source) ? await import('tsx/esm/api').catch(() => null) : null;
if (tsx) {
  tsx.register();
  await import('../src/cli/main.ts');
} else if (existsSync(new URL('../dist/cli/main.js', import.meta.url))) {
  await import('../dist/cli/main.js');
} else {
  console.error('Chưa có bản dựng: chạy "npm run build" (hoặc cài cả devDependencies) / no build found: run "npm run build" (or install the devDependencies)');
  process.exit(1);
}
