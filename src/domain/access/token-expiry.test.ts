import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTokenExpiry } from './token-expiry.ts';

describe('parseTokenExpiry', () => {
  it('reads a date as valid through that day in Hanoi', () => {
    expect(parseTokenExpiry('2026-12-31')?.toISOString()).toBe('2026-12-31T17:00:00.000Z');
    expect(parseTokenExpiry('31/12/2026')?.toISOString()).toBe('2026-12-31T17:00:00.000Z');
    expect(parseTokenExpiry('1/2/2027')?.toISOString()).toBe('2027-02-01T17:00:00.000Z');
  });

  it('takes a zoned timestamp as is and refuses what is not a date', () => {
    expect(parseTokenExpiry('2026-12-31T08:00:00+07:00')?.toISOString()).toBe('2026-12-31T01:00:00.000Z');
    for (const bad of ['', 'tomorrow', '2026-02-30', '31/02/2026', '2026-12-31T08:00:00', '12/31/2026', '2026-13-01']) {
      expect(parseTokenExpiry(bad), bad).toBeNull();
    }
  });

  it('agrees between both date spellings for every real day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1971-01-01'), max: new Date('9998-12-31'), noInvalidDate: true }), (d) => {
        const y = d.getUTCFullYear();
        const m = d.getUTCMonth() + 1;
        const day = d.getUTCDate();
        const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const a = parseTokenExpiry(iso);
        const b = parseTokenExpiry(`${day}/${m}/${y}`);
        expect(a).not.toBeNull();
        expect(a?.getTime()).toBe(b?.getTime());
        expect(a?.getTime()).toBe(Date.UTC(y, m - 1, day, 17));
      }),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseTokenExpiry(s);
        expect(r === null || !Number.isNaN(r.getTime())).toBe(true);
      }),
    );
  });
});
