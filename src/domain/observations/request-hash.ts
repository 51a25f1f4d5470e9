import { createHash } from 'node:crypto';

/**
 * A stable fingerprint of an ingest request: the same source and rows give the same hash whatever the
 * key order of the JSON objects, so a retry is recognised as the same request and a different body
 * under the same Idempotency-Key as a different one.
 *
 * @example
 * requestHash({ source: 'dvc', observations: [{ unit: 'A', indicator: 'X' }] }) ===
 *   requestHash({ observations: [{ indicator: 'X', unit: 'A' }], source: 'dvc' }) // → true
 */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** JSON with object keys sorted at every depth; undefined members are left out as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
