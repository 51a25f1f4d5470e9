#!/usr/bin/env node
// Entry point for `npx theodoi`: registers the TypeScript loader so the CLI runs from source.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
