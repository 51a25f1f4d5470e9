import { describe, expect, it } from 'vitest';
import { parseManagementField, solutionWordsIn, validateProposal, type ProposalInput } from './intake-rules.ts';

const good: ProposalInput = {
  name: 'Rác thải ùn ứ tại điểm tập kết',
  fields: ['Môi trường'],
  problem: 'Điểm tập kết rác ở chợ đầy từ trưa, rác tràn ra lòng đường đến tối.',
  currentHandling: 'Tổ vệ sinh gom thêm một chuyến buổi chiều; vẫn không đủ vào ngày cuối tuần.',
  managementNeed: 'Biết giờ nào điểm tập kết đầy để điều xe kịp.',
  pilotScope: 'Ba điểm tập kết quanh chợ, trong 3 tháng.',
  contactName: 'Trần Văn Bình',
  contactPhone: '0912 345 678',
};

describe('Mẫu 01 intake rules', () => {
  it('accepts a complete proposal and cleans it (field label to code, whitespace)', () => {
    const r = validateProposal({ ...good, name: '  Rác thải   ùn ứ tại điểm tập kết ' });
    expect(r).toMatchObject({ ok: true, proposal: { name: 'Rác thải ùn ứ tại điểm tập kết', fields: ['environment'], dataAvailable: null } });
  });

  it('names every missing required field', () => {
    const r = validateProposal({ fields: ['environment'] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field).sort()).toEqual(['contactName', 'currentHandling', 'managementNeed', 'name', 'pilotScope', 'problem']);
  });

  it('wants 1–2 known fields of management', () => {
    const none = validateProposal({ ...good, fields: [] });
    const only = (r: ReturnType<typeof validateProposal>) => (r.ok ? [] : r.problems.map((p) => `${p.field}: ${p.message}`));
    expect(only(none)).toEqual([expect.stringMatching(/^fields: .*1–2/)]);
    expect(only(validateProposal({ ...good, fields: ['Y tế', 'giao duc', 'environment'] }))).toEqual([expect.stringMatching(/^fields: .*tối đa 2/)]);
    expect(only(validateProposal({ ...good, fields: ['Thể thao'] }))).toEqual([expect.stringMatching(/^fields: "Thể thao"/)]);
    expect(parseManagementField('DU LIEU HANH CHINH')).toBe('administrative_data');
  });

  it('refuses technology, vendor and budget words in a ward proposal, diacritics-insensitively, saying which and why', () => {
    const r = validateProposal({ ...good, managementNeed: 'Cần mua PHAN MEM và nền tảng của Viettel, khoảng 500 triệu đồng' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const messages = r.problems.filter((p) => p.field === 'managementNeed').map((p) => p.message);
    expect(messages).toHaveLength(3);
    expect(messages[0]).toMatch(/"phần mềm", "nền tảng".*giải pháp công nghệ/);
    expect(messages[1]).toMatch(/"Viettel".*nhà cung cấp/);
    expect(messages[2]).toMatch(/"triệu đồng".*kinh phí/);
  });

  it('matches whole words only: "ứng dụng" alone or "nền nếp" are not solution words', () => {
    expect(solutionWordsIn('Ứng dụng kết quả rà soát; giữ nền nếp sinh hoạt')).toEqual([]);
    expect(solutionWordsIn('Đề nghị ung dung AI để phân tích').map((w) => w.phrase)).toEqual(['ứng dụng AI']);
    expect(solutionWordsIn('Kinh phí lớn').map((w) => w.kind)).toEqual(['budget']);
  });

  it('reads vendor names as written: a market stall ("sạp") is not SAP, "cmc" in a sentence is not the company', () => {
    expect(solutionWordsIn('Tiểu thương bày hàng lấn sạp, chợ tạm không có sạp cố định')).toEqual([]);
    expect(solutionWordsIn('Thuê SAP triển khai').map((w) => w.phrase)).toEqual(['SAP']);
    expect(solutionWordsIn('đề nghị google hỗ trợ').map((w) => w.phrase)).toEqual(['Google']);
    expect(solutionWordsIn('Mua dịch vụ của Viettel, FPT').map((w) => w.phrase)).toEqual(['Viettel', 'FPT']);
  });

  it('lets the city agency write technology words (the rule is for ward proposals)', () => {
    expect(validateProposal({ ...good, managementNeed: 'Cân nhắc nền tảng dữ liệu dùng chung' }, { ward: false }).ok).toBe(true);
  });

  it('checks contact e-mail and phone, and the 1,000-word limit', () => {
    const r = validateProposal({ ...good, contactEmail: 'khong-phai-email', contactPhone: 'abc', problem: 'chữ '.repeat(1001) });
    expect(!r.ok && r.problems.map((p) => p.field).sort()).toEqual(['contactEmail', 'contactPhone', 'problem']);
  });
});
