import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitUnitNames } from './split-unit-names.ts';

describe('splitUnitNames', () => {
  it.each([
    ['Thuế Thành phố, Thống kê Thành phố', ['Thuế Thành phố', 'Thống kê Thành phố']],
    ['Sở, ban, ngành', ['Sở, ban, ngành']],
    ['UBND phường, xã', ['UBND phường, xã']],
    ['Phòng Kinh tế, Hạ tầng và Đô thị; Các phòng, ban, đơn vị liên quan', ['Phòng Kinh tế, Hạ tầng và Đô thị', 'Các phòng, ban, đơn vị liên quan']],
    ['Sở Y tế Sở Khoa học và Công nghệ', ['Sở Y tế', 'Sở Khoa học và Công nghệ']],
    ['Thuế Cơ sở 4 Thành phố và các đơn vị liên quan', ['Thuế Cơ sở 4 Thành phố', 'các đơn vị liên quan']],
    ['<p>Sở Tài chính</p><p>Sở Nội vụ</p>', ['Sở Tài chính', 'Sở Nội vụ']],
    ['Văn phòng HĐND&UBND<br>Phòng Văn hóa - Xã hội;', ['Văn phòng HĐND&UBND', 'Phòng Văn hóa - Xã hội']],
    ['Sở Giáo dục và Đào tạo', ['Sở Giáo dục và Đào tạo']],
  ])('splits %s', (cell, names) => {
    expect(splitUnitNames(cell)).toEqual(names);
  });

  it('never throws and never returns empty or untrimmed names', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (cell) => {
        for (const name of splitUnitNames(cell)) {
          expect(name).not.toBe('');
          expect(name).toBe(name.trim());
        }
      }),
    );
  });
});
