import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGoal, parseGoals, parseVietnameseNumber } from './goal.ts';

// Invented sentences in the plans' style; none is copied from a real plan.
describe('parseGoal', () => {
  it.each([
    ['Tỷ lệ hộ dùng ví điện tử đạt ≥ 95%', '>=', 95, '%'],
    ['Tỷ lệ hộ dùng ví điện tử đạt $\\geq 75\\%$', '>=', 75, '%'],
    ['Tỷ lệ trường có thư viện số đạt tối thiểu 50%', '>=', 50, '%'],
    ['Có ít nhất 30% chợ dùng mã QR', '>=', 30, '%'],
    ['Số cuộc họp giấy chiếm không ít hơn 60% tổng số', '>=', 60, '%'],
    ['Tỷ lệ người dùng ứng dụng đạt trên 60%', '>', 60, '%'],
    ['Số văn bản giấy chiếm không quá 40%', '<=', 40, '%'],
    ['Tỷ lệ hồ sơ trễ hạn dưới 3%', '<', 3, '%'],
    ['Tỷ lệ hồ sơ bị trả lại < 5%', '<', 5, '%'],
    ['100% tổ dân phố có nhóm nhắn tin', '>=', 100, '%'],
    ['Tổ chức diễn tập ≥ 02 lần/năm', '>=', 2, 'lần/năm'],
    ['Xây dựng 01 mô hình trợ lý ảo', '>=', 1, 'mô hình'],
    ['Thời gian xử lý sự cố dưới 04 giờ', '<', 4, 'giờ'],
    ['Hỗ trợ tối thiểu 200 doanh nghiệp nhỏ', '>=', 200, 'doanh nghiệp'],
    ['Tỷ trọng dịch vụ số khoảng 20%', '=', 20, '%'],
    ['Mở tối thiểu 03 lớp bồi dưỡng kỹ năng số', '>=', 3, 'lớp'],
  ])('%s → %s %s %s', (text, op, value, measure) => {
    const goal = parseGoal(text);
    expect(goal.op).toBe(op);
    expect(goal.value).toBe(value);
    expect(goal.measure).toBe(measure);
  });

  it('reads a reduction as a minimum on the reduction, measured in "% giảm"', () => {
    const goal = parseGoal('Giảm ít nhất 25% số giấy tờ phải nộp');
    expect(goal).toMatchObject({ op: '>=', value: 25, measure: '% giảm' });
  });

  it('reads a range as its lower bound with the upper bound beside it', () => {
    expect(parseGoal('Cắt giảm 15-20% chi phí in ấn')).toMatchObject({ op: '>=', value: 15, max: 20 });
    expect(parseGoal('Năng suất tăng 6,5 - 7% mỗi năm')).toMatchObject({ op: '>=', value: 6.5, max: 7 });
  });

  it('reads rankings as "top"', () => {
    expect(parseGoal('Phường thuộc nhóm 05 đơn vị dẫn đầu cả nước về dịch vụ số')).toMatchObject({ op: 'top', value: 5 });
    expect(parseGoal('Thành phố đứng đầu cả nước về chỉ số chuyển đổi số')).toMatchObject({ op: 'top', value: 1 });
    expect(parseGoal('Phấn đấu xếp hạng từ thứ 12 trở lên')).toMatchObject({ op: 'top', value: 12 });
  });

  it('keeps goals without a figure qualitative', () => {
    expect(parseGoal('Phổ cập dịch vụ mạng di động thế hệ mới')).toMatchObject({ op: 'qualitative', value: null });
    expect(parseGoal('Hoàn thành cổng dữ liệu mở trong năm 2026')).toMatchObject({ op: 'qualitative' });
  });

  it('ignores dates, ages, codes and figures in parentheses', () => {
    expect(parseGoal('Người từ 15 tuổi trở lên có tài khoản đạt 80%').value).toBe(80);
    expect(parseGoal('Theo Nghị định 42/2022/NĐ-CP, 100% trang tin công khai').value).toBe(100);
    expect(parseGoal('Cổng dịch vụ (phiên bản 3) phục vụ 24/7').op).toBe('qualitative');
  });

  it('prefers a stated comparator over a bare count before it', () => {
    expect(parseGoal('01 đồng ngân sách kéo theo ≥ 04 đồng xã hội')).toMatchObject({ op: '>=', value: 4 });
  });

  it('reads Vietnamese number separators', () => {
    expect(parseVietnameseNumber('1.000')).toBe(1000);
    expect(parseVietnameseNumber('14,5')).toBe(14.5);
    expect(parseVietnameseNumber('2.500,5')).toBe(2500.5);
  });

  it('finds every goal in a sentence in order', () => {
    const goals = parseGoals('Đạt 90% ở phường, 70% ở xã và 50% ở thôn');
    expect(goals.map((g) => g.value)).toEqual([90, 70, 50]);
  });

  it('never throws and always returns a known comparator (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const g = parseGoal(s);
        expect(['>=', '>', '<=', '<', '=', 'top', 'qualitative']).toContain(g.op);
        expect(g.value === null || Number.isFinite(g.value)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('parses any percentage written with a comparator word (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.constantFrom('tối thiểu', 'ít nhất', '≥'), (n, word) => {
        expect(parseGoal(`Tỷ lệ đạt ${word} ${n}%`)).toMatchObject({ op: '>=', value: n, measure: '%' });
      }),
    );
  });
});
