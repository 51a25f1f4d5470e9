import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumbering, romanToNumber } from './numbering.ts';

describe('parseNumbering', () => {
  it('reads an unnumbered "PHỤ LỤC" line as an appendix heading, and not a sentence about one (issue #14)', () => {
    expect(parseNumbering('PHỤ LỤC')).toMatchObject({ style: 'appendix', rank: 0, rest: '' });
    expect(parseNumbering('Phụ lục kèm theo kế hoạch này')).toBeNull();
  });
  it.each([
    ['IV. NHIỆM VỤ', 'roman', 1, 4],
    ['2. Kinh tế số', 'decimal', 2, 2],
    ['2.1. Thanh toán số', 'decimal', 3, 1],
    ['2.1.3 Số hóa hồ sơ', 'decimal', 4, 3],
    ['b) Cơ quan phối hợp', 'letter', 8, 2],
    ['đ) Nội dung khác', 'letter', 8, 5],
    ['(3) Xã hội số', 'paren', 9, 3],
    ['- Một việc', 'dash', 10, null],
    ['+ Một việc con', 'plus', 11, null],
    ['- + Một việc con', 'plus', 11, null],
    ['I.B. NHÓM B', 'roman-letter', 2, 2],
    ['Phụ lục 02', 'appendix', 0, 2],
  ])('%s', (line, style, rank, seq) => {
    expect(parseNumbering(line)).toMatchObject({ style, rank, seq });
  });
  it('leaves plain text and numbers with thousands alone', () => {
    expect(parseNumbering('Tập trung phát triển hạ tầng')).toBeNull();
    expect(parseNumbering('1.000 học sinh được chọn')).toBeNull();
  });
  it('reads roman numerals', () => {
    expect(romanToNumber('XIV')).toBe(14);
    expect(romanToNumber('IIII')).toBeNull();
  });
  it('never throws (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 100 }), (s) => void parseNumbering(s)), { numRuns: 500 });
  });
});
