import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../domain/errors.ts';
import { collectUnit } from './plans.ts';

describe('--unit "Tên đơn vị=MÃ"', () => {
  it('collects repeated options into one map, splitting at the last "="', () => {
    const once = collectUnit('Trung tâm Phục vụ hành chính công = HN_P_VINH_TUY_PVHCC');
    expect(collectUnit('A=B=HN_X', once)).toEqual({ 'Trung tâm Phục vụ hành chính công': 'HN_P_VINH_TUY_PVHCC', 'A=B': 'HN_X' });
    expect(collectUnit('Trung tâm Phục vụ hành chính công=HN_P_VINH_TUY_PVHCC', once)).toEqual(once);
  });

  it.each([['không có dấu bằng'], ['=HN_X'], ['Tên='], ['  =  ']])('refuses %j naming the option', (raw) => {
    expect(() => collectUnit(raw)).toThrow(InputError);
  });

  it('refuses one name given two codes', () => {
    expect(() => collectUnit('A=HN_Y', { A: 'HN_X' })).toThrow(/hai lần/);
  });

  it('any name and code without "=" round-trip', () => {
    const part = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !s.includes('=') && s.trim() === s && s.length > 0);
    fc.assert(
      fc.property(part, part, (name, code) => {
        expect(collectUnit(`${name}=${code}`)).toEqual({ [name]: code });
      }),
    );
  });

  it('any text either parses or is an InputError', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        try {
          const map = collectUnit(raw);
          expect(Object.keys(map)).toHaveLength(1);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
    );
  });
});
