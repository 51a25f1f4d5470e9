import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGGREGATIONS, DIRECTIONS, FREQUENCIES, parseFrequency, parseIndicatorRecord } from './indicator.ts';

describe('parseIndicatorRecord', () => {
  it('never throws and either returns a definition or names a field', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('code', 'name', 'measure', 'direction', 'aggregation', 'numerator', 'denominator', 'frequency', 'classified'), fc.oneof(fc.string(), fc.anything())), (record) => {
        const { value, problems } = parseIndicatorRecord(record, { line: 7 });
        expect(value === null).toBe(problems.length > 0);
        for (const p of problems) {
          expect(p.line).toBe(7);
          expect(typeof p.field).toBe('string');
        }
      }),
    );
  });

  it('accepts every valid combination as written', () => {
    const arb = fc.record({
      code: fc.stringMatching(/^[A-Z][A-Z0-9_]{0,20}$/),
      name: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== ''),
      measure: fc.constantFrom('%', 'doanh nghiệp', 'hồ sơ'),
      direction: fc.constantFrom(...DIRECTIONS),
      aggregation: fc.constantFrom(...AGGREGATIONS.filter((a) => a !== 'ratio')),
      frequency: fc.constantFrom(...FREQUENCIES),
    });
    fc.assert(
      fc.property(arb, (record) => {
        const { value } = parseIndicatorRecord(record);
        expect(value).toMatchObject({ ...record, name: record.name.normalize('NFC').trim(), classified: false });
      }),
    );
  });

  it('requires numerator and denominator for ratios, and reads Vietnamese frequencies and flags', () => {
    const { problems } = parseIndicatorRecord({ code: 'R', name: 'Tỷ lệ', measure: '%', direction: 'up', aggregation: 'ratio' });
    expect(problems.map((p) => p.field)).toEqual(['numerator', 'denominator']);
    expect(parseFrequency('Hằng tháng')).toBe('monthly');
    expect(parseFrequency('Quý')).toBe('quarterly');
    expect(parseIndicatorRecord({ code: 'M', name: 'Mật', measure: '%', direction: 'down', aggregation: 'max', classified: 'Có' }).value?.classified).toBe(true);
    expect(parseIndicatorRecord({ code: 'bad code', name: 'x', measure: '%', direction: 'sideways', aggregation: 'sum' }).problems.map((p) => p.field)).toEqual(['code', 'direction']);
  });
});
