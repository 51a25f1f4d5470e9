import { describe, expect, it } from 'vitest';
import { LABELLED_PROPOSALS } from '../../testing/duplicate-proposals.ts';
import { DUPLICATE_THRESHOLD, duplicateReasonIn, findDuplicates } from './find-duplicates.ts';

function key(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** Pairwise precision and recall against the labelled clusters. */
function measure(threshold: number) {
  const truth = new Set<string>();
  for (const p of LABELLED_PROPOSALS) for (const q of LABELLED_PROPOSALS) if (p.code < q.code && p.cluster === q.cluster) truth.add(key(p.code, q.code));
  const found = findDuplicates(LABELLED_PROPOSALS, threshold);
  const hits = found.filter((d) => truth.has(key(d.a, d.b))).length;
  return { truePairs: truth.size, found: found.length, hits, precision: found.length ? hits / found.length : 1, recall: hits / truth.size, found_: found, truth };
}

describe('duplicate detection between ward proposals', () => {
  it(`finds true duplicates on the labelled set of ${LABELLED_PROPOSALS.length} proposals: precision ≥ 0.85 and recall ≥ 0.85`, () => {
    expect(LABELLED_PROPOSALS.length).toBeGreaterThanOrEqual(40);
    const m = measure(DUPLICATE_THRESHOLD);
    console.log(`duplicates @${DUPLICATE_THRESHOLD}: ${m.truePairs} true pairs, ${m.found} found, ${m.hits} right; precision ${m.precision.toFixed(3)}, recall ${m.recall.toFixed(3)}`);
    for (const t of [0.1, 0.125, 0.15, 0.175, 0.2, 0.25, 0.3]) {
      const s = measure(t);
      console.log(`  threshold ${t}: precision ${s.precision.toFixed(3)} recall ${s.recall.toFixed(3)} (${s.found} found)`);
    }
    const wrong = m.found_.filter((d) => !m.truth.has(key(d.a, d.b))).map((d) => `${d.a}-${d.b} ${d.score}`);
    const missed = [...m.truth].filter((k) => !m.found_.some((d) => key(d.a, d.b) === k));
    console.log(`  wrong: ${wrong.join(', ') || '—'}; missed: ${missed.join(', ') || '—'}`);
    expect(m.precision).toBeGreaterThanOrEqual(0.85);
    expect(m.recall).toBeGreaterThanOrEqual(0.85);
  });

  it('never pairs proposals without a shared field, and names the field and shared terms', () => {
    const pairs = findDuplicates([
      { code: 'X', fields: ['health'], name: 'Ngập úng sau mưa lớn', problem: 'Đường ngập sâu khi mưa lớn.' },
      { code: 'Y', fields: ['environment'], name: 'Ngập úng sau mưa lớn', problem: 'Đường ngập sâu khi mưa lớn.' },
      { code: 'Z', fields: ['environment'], name: 'NGẬP ÚNG SAU MUA LON', problem: 'Duong ngap sau khi mua lon.' },
    ]);
    expect(pairs.map((d) => `${d.a}-${d.b}`)).toEqual(['Y-Z']);
    expect(pairs[0]!.sharedFields).toEqual(['environment']);
    expect(pairs[0]!.sharedTerms).toContain('ngap');
    // Why, in each language: the field by its name, never its code, and no two languages in one text.
    expect(duplicateReasonIn(pairs[0]!, 'vi')).toMatch(/^cùng lĩnh vực Môi trường; độ tương đồng \d(?:,\d+)?; từ chung: .*ngap/);
    expect(duplicateReasonIn(pairs[0]!, 'en')).toMatch(/^same field: environment; similarity \d(?:\.\d+)?; shared terms: .*ngap/);
    expect(duplicateReasonIn(pairs[0]!, 'vi')).not.toContain(' / ');
  });
});
