import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitBullets, splitTargets } from './split-targets.ts';

describe('splitTargets', () => {
  it('splits one bullet holding several percentages', () => {
    expect(splitTargets('95% hồ sơ ở cấp tỉnh, 85% hồ sơ ở cấp huyện và 65% hồ sơ ở cấp xã được ký số')).toHaveLength(3);
  });
  it('splits at semicolons and sentence ends', () => {
    expect(splitTargets('Tỷ lệ A đạt ≥ 90%; tỷ lệ B đạt 80%. Tỷ lệ C đạt ≥ 70%.')).toHaveLength(3);
  });
  it('keeps a single goal, a restatement, and commas inside parentheses together', () => {
    expect(splitTargets('Tỷ lệ A (gồm 10%, 20% nhóm con) đạt 50%')).toHaveLength(1);
    expect(splitTargets('Giảm 20% thời gian, tương ứng rút ngắn 2 ngày')).toHaveLength(1);
    expect(splitTargets('Hoàn thiện cổng thông tin; công bố danh mục')).toHaveLength(1);
  });
  it('splits a cell into its bullets', () => {
    expect(splitBullets('- Việc một. - Việc hai có 10%.').map((b) => b.text)).toEqual(['Việc một.', 'Việc hai có 10%.']);
    expect(splitBullets('Phòng Văn hóa - Xã hội')).toHaveLength(1);
  });
  it('never throws and never loses all text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const parts = splitTargets(s);
        if (s.trim()) expect(parts.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
