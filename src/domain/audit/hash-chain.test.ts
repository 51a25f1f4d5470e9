import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, entryHash, toJsonValue, verifyRun, type ChainedEntry } from './hash-chain.ts';

function shuffleKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, seed));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const rotated = entries.map((_, i) => entries[(i + seed) % entries.length] as [string, unknown]);
    return Object.fromEntries(rotated.reverse().map(([k, v]) => [k, shuffleKeys(v, seed + 1)]));
  }
  return value;
}

function chain(n: number): ChainedEntry[] {
  const out: ChainedEntry[] = [];
  for (let i = 1; i <= n; i++) {
    const content = { id: i, at: new Date(Date.UTC(2026, 10, 22, 6, 0, i)).toISOString(), actor: 'user:lan', action: 'update', entity: 'observation', entityId: String(i), before: null, after: { value: i } };
    const prevHash = out.at(-1)?.hash ?? null;
    out.push({ ...content, prevHash, hash: entryHash(prevHash, content) });
  }
  return out;
}

describe('canonical JSON', () => {
  it('is the same whatever the key order, and parses back to the value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(7), (value, seed) => {
        const text = canonicalJson(value);
        expect(canonicalJson(shuffleKeys(value, seed))).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(canonicalJson(toJsonValue(value))).toBe(text);
      }),
    );
  });

  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: [true, { d: null, c: 'x', u: undefined }] })).toBe('{"a":[true,{"c":"x","d":null}],"b":1}');
  });
});

describe('verifyRun', () => {
  it('accepts an intact chain and names the first edited, removed or re-linked entry', () => {
    const entries = chain(5);
    expect(verifyRun(null, entries)).toBeNull();
    const edited = entries.map((e) => (e.id === 3 ? { ...e, after: { value: 99 } } : e));
    expect(verifyRun(null, edited)?.bad.id).toBe(3);
    expect(verifyRun(null, entries.filter((e) => e.id !== 2))?.bad.id).toBe(3);
    expect(verifyRun(null, entries.slice(1))?.bad.id).toBe(2);
    expect(verifyRun(entries[1] ?? null, entries.slice(2))).toBeNull();
  });
});
