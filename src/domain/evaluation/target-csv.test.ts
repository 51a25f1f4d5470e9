import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate, parseNumber, parseTargetCsv } from './target-csv.ts';

const HEADER = 'code,indicator,unit,op,value,due';

describe('parseTargetCsv', () => {
  it('reads codes, sets, comparators, numbers and both date styles', () => {
    const { rows, problems } = parseTargetCsv(`${HEADER},start,baseline\nCT1,DVC,*commune,>=,"95,5",31/12/2026,01/01/2026,60\nCT2,TRE,P_VT,≤,5%,2027-06-30,,\n`);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, code: 'CT1', indicator: 'DVC', unit: { kind: 'commune' }, op: '>=', value: 95.5, due: '2026-12-31', start: '2026-01-01', baseline: 60, text: null },
      { line: 3, code: 'CT2', indicator: 'TRE', unit: { code: 'P_VT' }, op: '<=', value: 5, due: '2027-06-30', start: null, baseline: null, text: null },
    ]);
  });

  it('names line and field for every problem', () => {
    const { problems } = parseTargetCsv([
      HEADER,
      'CT1,DVC,P_VT,>=,90,31/12/2026',
      'CT1,DVC,P_VT,>=,90,31/12/2026',
      ',DVC,*ward,!=,x,2026-02-30',
    ].join('\n'));
    expect(problems.map((p) => `${p.line}:${p.field}`)).toEqual(['3:code', '4:code', '4:unit', '4:op', '4:value', '4:due']);
    expect(problems[0]!.message).toContain('dòng 2');
  });

  it('rejects missing and unknown columns on the header line', () => {
    const { problems } = parseTargetCsv('code,indicator,unit,op,value,deadline\n');
    expect(problems.map((p) => `${p.line}:${p.field}`)).toEqual(['1:due', '1:deadline']);
    expect(parseTargetCsv('').problems[0]!.message).toContain('rỗng');
  });

  it('names the first line of a record whose quoted cell spans lines', () => {
    const { problems } = parseTargetCsv(`${HEADER},text\nCT1,DVC,P_VT,>=,90,31/12/2026,"hai\ndòng"\nCT2,DVC,P_VT,>=,abc,31/12/2026,\n`);
    expect(problems).toEqual([expect.objectContaining({ line: 4, field: 'value' })]);
  });

  it('checks that start is before due', () => {
    expect(parseTargetCsv(`${HEADER},start\nCT1,DVC,P_VT,>=,90,31/12/2026,31/12/2026\n`).problems[0]).toMatchObject({ line: 2, field: 'start' });
  });

  it('never throws, and every row it returns is well formed (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ maxLength: 12 }), { maxLength: 8 }), { maxLength: 6 }), (cells) => {
        const text = [HEADER, ...cells.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(','))].join('\n');
        const { rows, problems } = parseTargetCsv(text);
        for (const r of rows) {
          expect(Number.isFinite(r.value)).toBe(true);
          expect(r.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        }
        for (const p of problems) expect(p.line === undefined || p.line >= 1).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseDate and parseNumber (properties)', () => {
  it('dd/mm/yyyy and yyyy-mm-dd of the same real day agree', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01'), max: new Date('2150-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const vi = `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
        return parseDate(iso) === iso && parseDate(vi) === iso;
      }),
    );
    expect(parseDate('29/02/2027')).toBeNull();
    expect(parseDate('29/02/2028')).toBe('2028-02-29');
  });
  it('reads decimals with a comma or a point', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100000, max: 100000 }), fc.integer({ min: 0, max: 99 }), (i, f) => {
        const text = `${i},${String(f).padStart(2, '0')}`;
        return parseNumber(text) === Number(`${i}.${String(f).padStart(2, '0')}`) && parseNumber(text.replace(',', '.')) === parseNumber(text);
      }),
    );
    expect(parseNumber('9O')).toBeNull();
  });
});
