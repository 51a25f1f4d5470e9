import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combineDue, findDeadlineInText, parseDeadline } from './deadline.ts';

describe('parseDeadline', () => {
  it.each([
    ['Quý II/2026', 'date', '2026-04-01', '2026-06-30'],
    ['Quý IV/2027', 'date', '2027-10-01', '2027-12-31'],
    ['Hoàn thành trong Quý I/2026', 'date', '2026-01-01', '2026-03-31'],
    ['Tháng 6/2026', 'date', '2026-06-01', '2026-06-30'],
    ['chậm nhất trong tháng 02/2026', 'date', '2026-02-01', '2026-02-28'],
    ['Năm 2026', 'date', '2026-01-01', '2026-12-31'],
    ['Năm 2026-2030', 'range', '2026-01-01', '2030-12-31'],
    ['Giai đoạn 2026 - 2027', 'range', '2026-01-01', '2027-12-31'],
    ['Đến năm 2025', 'date', null, '2025-12-31'],
    ['6 tháng đầu năm 2026', 'date', '2026-01-01', '2026-06-30'],
    ['Thường xuyên', 'recurring', null, null],
    ['Nhiệm vụ thường xuyên', 'recurring', null, null],
    ['Theo yêu cầu của Ủy ban nhân dân phường', 'on_request', null, null],
    ['Sau khi quy chế được ban hành', 'conditional', null, null],
    ['tính từ 01/10/2026', 'range', '2026-10-01', null],
    ['Từ Quý III/2026', 'range', '2026-07-01', null],
    ['trước ngày 15/3/2026', 'date', null, '2026-03-15'],
    // Written as plans from other provinces and years write them (issue 14).
    ['Trước tháng 12/2026', 'date', null, '2026-11-30'],
    ['Trước Quý III/2026', 'date', null, '2026-06-30'],
    ['trước tháng 3/2028', 'date', null, '2028-02-29'],
    ['2026', 'date', '2026-01-01', '2026-12-31'],
    ['6/2025', 'date', '2025-06-01', '2025-06-30'],
    ['03/2025', 'date', '2025-03-01', '2025-03-31'],
    ['Quí IV-2025', 'date', '2025-10-01', '2025-12-31'],
    ['Quý IV/2025 - Quý II/2026', 'range', '2025-10-01', '2026-06-30'],
    ['Tháng 10/2025 đến tháng 3/2026', 'range', '2025-10-01', '2026-03-31'],
  ])('%s → %s %s..%s', (raw, kind, start, end) => {
    expect(parseDeadline(raw)).toMatchObject({ raw, kind, start, end });
  });

  it('returns null for empty or unknown text, so the caller inherits', () => {
    expect(parseDeadline('')).toBeNull();
    expect(parseDeadline(null)).toBeNull();
    expect(parseDeadline('Sớm nhất có thể')).toBeNull();
  });

  it('uses the plan year for a quarter without a year', () => {
    expect(parseDeadline('Quý III', { planYear: 2026 })).toMatchObject({ start: '2026-07-01', end: '2026-09-30' });
  });

  it('rejects impossible dates', () => {
    expect(parseDeadline('31/02/2026')).toBeNull();
  });

  it('finds a deadline inside a sentence but not a cited document date or a baseline', () => {
    expect(findDeadlineInText('Ban hành quy chế mới. Hoàn thành trong Quý III/2026.')).toMatchObject({ start: '2026-07-01' });
    expect(findDeadlineInText('Theo Nghị quyết số 12 ngày 05/04/2024 của Thành ủy')).toBeNull();
    // A period inside quotation marks belongs to the name of a cited scheme, not to the task.
    expect(findDeadlineInText('Rà soát kế hoạch thực hiện Đề án “Lưu trữ hồ sơ số giai đoạn 2020-2025”.')).toBeNull();
    expect(findDeadlineInText('Triển khai Đề án “Kho dữ liệu xã” hoàn thành trong Quý III/2026.')).toMatchObject({ start: '2026-07-01' });
    // The period of an issued document (numbered, approved, or the one a work is done under) is its own.
    expect(findDeadlineInText('Thực hiện Nghị quyết số 9-NQ/TU ngày 02/3/2023 về phát triển đô thị đến năm 2030')).toBeNull();
    expect(findDeadlineInText('Hỗ trợ từ Chương trình viễn thông công ích đến năm 2025 đã được Thủ tướng phê duyệt')).toBeNull();
    expect(findDeadlineInText('Phát triển hạ tầng phục vụ Chương trình số giai đoạn 2021-2025 theo Kế hoạch số 17/KH-UBND')).toBeNull();
    // A plan still to be written keeps its period.
    expect(findDeadlineInText('Xây dựng Kế hoạch chuyển đổi số giai đoạn 2026-2030')).toMatchObject({ kind: 'range', end: '2030-12-31' });
    expect(findDeadlineInText('Số bài báo tăng 10% so với năm 2025')).toBeNull();
  });

  it('closes an open start with the inherited end', () => {
    const own = parseDeadline('tính từ 01/10/2026');
    const inherited = parseDeadline('Đến hết năm 2026');
    expect(combineDue(own, inherited)).toMatchObject({ kind: 'range', start: '2026-10-01', end: '2026-12-31' });
  });

  it('never throws; dates it returns are valid ISO days with start ≤ end (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const due = parseDeadline(s, { planYear: 2026 });
        if (!due) return;
        for (const d of [due.start, due.end]) if (d) expect(Number.isNaN(Date.parse(d))).toBe(false);
        if (due.start && due.end) expect(due.start <= due.end).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('parses every quarter and month of any year (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const due = parseDeadline(`Tháng ${m}/${y}`);
        expect(due?.start).toBe(`${y}-${String(m).padStart(2, '0')}-01`);
      }),
    );
  });
});
