// Copies what the compiled server reads at run time besides its code — the unit registry, the
// demo plan, the scoring frameworks, the worker's boot module — from src/ into dist/ at the same
// relative paths, so `new URL('./x.csv', import.meta.url)` finds them in either tree.
import { cpSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { argv } from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const from = path.join(root, 'src');
const to = path.resolve(root, argv[2] ?? 'dist');

/** @param {string} dir */
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) walk(file);
    else if (!name.endsWith('.ts')) cpSync(file, path.join(to, path.relative(from, file)));
  }
}
walk(from);
