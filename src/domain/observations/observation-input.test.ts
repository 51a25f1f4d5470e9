import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { codesIn, parseDecimal, ratioValue, validateObservations } from './observation-input.ts';
import { canonicalJson, requestHash } from './request-hash.ts';
import { staleness } from './staleness.ts';
import { observationRowsFromCsv, parseCsvTable } from './tabular-rows.ts';

const lookups = {
  indicators: new Map([['PCT', { id: 1, measure: '%', classified: false }], ['CNT', { id: 2, measure: 'hồ sơ', classified: false }]]),
  units: new Map([['U1', { id: 10 }], ['U2', { id: 11 }]]),
};
const periodArb = fc.oneof(
  fc.tuple(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
  fc.tuple(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}-Q${q}`),
  fc.integer({ min: 1900, max: 2200 }).map(String),
);
// Values within what each measure admits: a percentage in 0–100, a count not negative.
const validRow = fc.oneof(
  fc.record({ indicator: fc.constant('PCT'), unit: fc.constantFrom('U1', 'U2'), period: periodArb, value: fc.double({ noNaN: true, min: 0, max: 100 }) }),
  fc.record({ indicator: fc.constant('CNT'), unit: fc.constantFrom('U1', 'U2'), period: periodArb, value: fc.double({ noNaN: true, min: 0, max: 1e12 }) }),
);

describe('validateObservations', () => {
  it('accepts well-formed rows and reports every conflict of malformed ones, never throwing', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(validRow, fc.anything()), { maxLength: 30 }), (rows) => {
        const { valid, conflicts } = validateObservations(rows, lookups, { requireEvidence: false });
        const badIndexes = new Set(conflicts.map((c) => c.index));
        // Every row is either valid or has at least one conflict, never both.
        expect(valid.length + badIndexes.size).toBe(rows.length);
        for (const v of valid) expect(badIndexes.has(v.index)).toBe(false);
        for (const c of conflicts) expect(c.field).toBeTruthy();
      }),
    );
  });

  it('keeps valid rows as given', () => {
    fc.assert(
      fc.property(fc.array(validRow, { minLength: 1, maxLength: 20 }), (rows) => {
        const { valid, conflicts } = validateObservations(rows, lookups, { requireEvidence: false });
        expect(conflicts).toEqual([]);
        expect(valid.map((v) => [v.indicator, v.unit, v.period.code, v.value])).toEqual(rows.map((r) => [r.indicator, r.unit, r.period, r.value]));
      }),
    );
  });

  it('names the field: both value and ratio, neither, zero denominator, non-number, unknown codes, bad period', () => {
    const { conflicts } = validateObservations(
      [
        { indicator: 'PCT', unit: 'U1', period: '2026-01', value: 1, numerator: 1, denominator: 2 },
        { indicator: 'PCT', unit: 'U1', period: '2026-01' },
        { indicator: 'PCT', unit: 'U1', period: '2026-01', numerator: 1, denominator: 0 },
        { indicator: 'PCT', unit: 'U1', period: '2026-01', value: '1,5' },
        { indicator: 'X', unit: 'Y', period: '2026-01', value: 1 },
        { indicator: 'PCT', unit: 'U1', period: '2026-Q5', value: 1 },
        { indicator: 'PCT', unit: 'U1', period: '2026-01', numerator: 3 },
        { indicator: 'PCT', unit: 'U1', period: '2026-01', value: 1, evidenceUrl: 'javascript:alert(1)' },
      ],
      lookups,
      { requireEvidence: false },
    );
    expect(conflicts.map((c) => `${c.index}:${c.field}`)).toEqual(['0:value', '1:value', '2:denominator', '3:value', '4:indicator', '4:unit', '5:period', '6:denominator', '7:evidenceUrl']);
  });

  it('asks for evidence when required', () => {
    const { conflicts } = validateObservations([{ indicator: 'CNT', unit: 'U1', period: '2026', value: 3 }], lookups, { requireEvidence: true });
    expect(conflicts).toEqual([expect.objectContaining({ index: 0, field: 'evidenceUrl' })]);
  });

  it('lists the codes a batch mentions', () => {
    expect(codesIn([{ indicator: 'A', unit: 'U' }, { indicator: 'A', unit: 'V' }, null, 5])).toEqual({ indicators: ['A'], units: ['U', 'V'] });
  });
});

describe('values the indicator\'s measure cannot take', () => {
  const rank = { indicators: new Map([...lookups.indicators, ['DTI', { id: 3, measure: 'thứ hạng', classified: false }]]), units: lookups.units };
  it.each([
    ['PCT', { value: 1e300 }, 'value'],
    ['PCT', { value: -50 }, 'value'],
    ['PCT', { value: 5000 }, 'value'],
    ['PCT', { value: 100.5 }, 'value'],
    ['PCT', { numerator: 60, denominator: 50 }, 'numerator'],
    ['PCT', { numerator: -5, denominator: -10 }, 'numerator'],
    ['CNT', { value: -1 }, 'value'],
    ['CNT', { value: 1e300 }, 'value'],
    ['DTI', { value: 0 }, 'value'],
    ['DTI', { value: 2.5 }, 'value'],
  ])('%s %j is refused, naming row 1 and %s', (indicator, figure, field) => {
    const rows = [{ indicator: 'CNT', unit: 'U1', period: '2026-03', value: 7 }, { indicator, unit: 'U1', period: '2026-03', ...figure }];
    const { valid, conflicts } = validateObservations(rows, rank, { requireEvidence: false });
    expect(conflicts).toEqual([expect.objectContaining({ index: 1, field })]);
    expect(valid.map((v) => v.index)).toEqual([0]);
  });
  it.each([
    ['PCT', { value: 0 }], ['PCT', { value: 100 }], ['PCT', { numerator: 45, denominator: 50 }], ['CNT', { value: 0 }], ['CNT', { value: 123456 }], ['DTI', { value: 5 }],
  ])('%s %j is accepted', (indicator, figure) => {
    expect(validateObservations([{ indicator, unit: 'U1', period: '2026-03', ...figure }], rank, { requireEvidence: false }).conflicts).toEqual([]);
  });
});

describe('ratioValue and parseDecimal', () => {
  it('scales percentages and is deterministic', () => {
    expect(ratioValue(45, 50, '%')).toBe(90);
    expect(ratioValue(1, 4, 'lần')).toBe(0.25);
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), (n, d) => ratioValue(n, d, '%') === ratioValue(n, d, '%')));
  });

  it('reads back any finite number written as text, and refuses what is not plainly a number', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => Object.is(parseDecimal(String(x)), x) || (x === 0 && parseDecimal(String(x)) === 0)));
    for (const text of ['', '1,5', '0x10', '1 000', 'abc', 'Infinity']) expect(parseDecimal(text)).toBeNaN();
  });
});

describe('requestHash', () => {
  it('ignores key order and sees any change of content', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(requestHash(reversed)).toBe(requestHash(obj));
        expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
    );
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
  });
});

describe('CSV tables', () => {
  it('round-trips any cells written by a CSV writer', () => {
    const cell = fc.string({ maxLength: 12 }).map((s) => s.normalize('NFC').trim()).filter((s) => s !== '');
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 20 }), (rows) => {
        const text = stringify([['indicator', 'unit', 'period'], ...rows]);
        expect(parseCsvTable(text).rows.map((r) => [r.record.indicator, r.record.unit, r.record.period])).toEqual(rows);
      }),
    );
  });

  it('reads a headerless observation body by position and a headed one by name', () => {
    expect(observationRowsFromCsv('A,U,2026-03,,4,5\n')).toEqual([{ indicator: 'A', unit: 'U', period: '2026-03', numerator: '4', denominator: '5' }]);
    expect(observationRowsFromCsv('indicator,unit,period,value,evidence_url\nA,U,2026,1,https://x.vn/a\n')).toEqual([{ indicator: 'A', unit: 'U', period: '2026', value: '1', evidenceUrl: 'https://x.vn/a' }]);
  });
});

describe('staleness', () => {
  const now = new Date('2026-05-01T00:00:00Z');
  it('judges by the strictest expected frequency', () => {
    expect(staleness(new Date('2026-04-20T00:00:00Z'), ['monthly', 'yearly'], now).stale).toBe(false);
    expect(staleness(new Date('2026-03-01T00:00:00Z'), ['monthly', 'yearly'], now)).toMatchObject({ stale: true, expectedFrequency: 'monthly' });
    expect(staleness(null, ['quarterly'], now).stale).toBe(true);
    expect(staleness(new Date('2020-01-01T00:00:00Z'), ['ad_hoc'], now).stale).toBe(false);
  });
});
