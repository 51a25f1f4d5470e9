// `npm run bench`: runs every bench/*.bench.ts (or those whose name contains an argument) and prints
// each result as a ratio against the baseline measured in the same run.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ratio, type Benchmark } from './harness.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = (await readdir(here))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3));

for (const file of files) {
  const bench = (await import(pathToFileURL(path.join(here, file)).href) as { default: Benchmark }).default;
  console.log(`\n## ${bench.title}  (${file})`);
  for (const r of await bench.run()) {
    console.log(`- ${r.name}: ${fmt(r.value)} ${r.unit} vs ${r.baselineName} ${fmt(r.baselineValue)} ${r.unit} → ratio ${fmt(ratio(r))} (${r.higherIsBetter ? 'higher' : 'lower'} is better)`);
    for (const [k, v] of Object.entries(r.notes ?? {})) console.log(`    ${k}: ${typeof v === 'number' ? fmt(v) : v}`);
  }
}
