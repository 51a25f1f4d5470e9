import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../domain/errors.ts';
import { MAX_UNIT_CORRECTIONS, parseUnitsField } from './units-field.ts';

describe('parseUnitsField', () => {
  it('reads a JSON object of name → code, from text or already decoded', () => {
    expect(parseUnitsField('{"Trung tâm Phục vụ hành chính công":"HN_P_VINH_TUY_PVHCC"}')).toEqual({ 'Trung tâm Phục vụ hành chính công': 'HN_P_VINH_TUY_PVHCC' });
    expect(parseUnitsField({ A: 'X' })).toEqual({ A: 'X' });
    expect(parseUnitsField('  ')).toEqual({});
    expect(Object.keys(parseUnitsField('{"__proto__":"X"}'))).toEqual(['__proto__']);
  });

  it.each([['{'], ['[]'], ['"x"'], ['null'], ['{"A":1}'], ['{"A":{"b":"c"}}'], [JSON.stringify(Object.fromEntries(Array.from({ length: MAX_UNIT_CORRECTIONS + 1 }, (_, i) => [`n${i}`, 'X'])))]])(
    'refuses %s naming the field units',
    (raw) => {
      expect(() => parseUnitsField(raw)).toThrow(InputError);
      try {
        parseUnitsField(raw);
      } catch (error) {
        expect((error as InputError).problems).toEqual([expect.objectContaining({ field: 'units' })]);
      }
    },
  );

  it('any text either gives a map of strings or an InputError on the field units', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.dictionary(fc.string(), fc.string()).map((d) => JSON.stringify(d))), (raw) => {
        try {
          const map = parseUnitsField(raw);
          for (const [name, code] of Object.entries(map)) {
            expect(typeof name).toBe('string');
            expect(typeof code).toBe('string');
          }
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as InputError).problems[0]?.field).toBe('units');
        }
      }),
    );
  });

  it('a JSON object of strings comes back equal', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.string(), { maxKeys: 20 }), (map) => {
        expect(parseUnitsField(JSON.stringify(map))).toEqual(JSON.parse(JSON.stringify(map)));
      }),
    );
  });
});
