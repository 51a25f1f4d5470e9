import { describe, expect, it } from 'vitest';
import type { DocumentBlock } from './document-model.ts';
import { issuerOutsideCity } from './issuer-scope.ts';
import { readPlanHeader } from './plan-header.ts';

// Invented headers: the authority block as plans print it (superior body over the issuing one), the
// national motto beside it, then the document type and title.
function header(...authority: string[]): DocumentBlock[] {
  const lines = [...authority, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 12/KH-XX', 'Bắc Ninh, ngày 03 tháng 02 năm 2026', 'KẾ HOẠCH', 'Thử nghiệm đọc phần đầu văn bản'];
  return lines.map((text, i) => ({ type: 'paragraph', line: i + 1, text }));
}

describe('the issuer read from the authority block, with its scope', () => {
  const cases: [string[], string, string | null][] = [
    [['ỦY BAN NHÂN DÂN', 'TỈNH BẮC NINH'], 'Ủy ban nhân dân tỉnh Bắc Ninh', 'tỉnh Bắc Ninh'],
    [['BỘ KHOA HỌC VÀ CÔNG NGHỆ'], 'Bộ Khoa học và Công nghệ', 'Bộ Khoa học và Công nghệ'],
    [['CHÍNH PHỦ'], 'Chính phủ', 'Chính phủ'],
    [['UBND TỈNH BẮC NINH', 'SỞ TÀI CHÍNH'], 'Sở Tài chính tỉnh Bắc Ninh', 'tỉnh Bắc Ninh'],
    [['UBND THÀNH PHỐ HÀ NỘI', 'SỞ KHOA HỌC VÀ CÔNG NGHỆ'], 'Sở Khoa học và Công nghệ thành phố Hà Nội', null],
    [['TỈNH ỦY BẮC NINH', 'BAN CHỈ ĐẠO 57'], 'Ban Chỉ đạo 57 Tỉnh ủy Bắc Ninh', 'tỉnh Bắc Ninh'],
    [['THÀNH ỦY HÀ NỘI'], 'Thành ủy Hà Nội', null],
    [['TỈNH ỦY THÁI NGUYÊN'], 'Tỉnh ủy Thái Nguyên', 'tỉnh Thái Nguyên'],
  ];
  for (const [lines, issuer, scope] of cases) {
    it(`${lines.join(' / ')} → ${issuer}`, () => {
      const read = readPlanHeader(header(...lines));
      expect(read.plan.issuer).toBe(issuer);
      expect(issuerOutsideCity(read.plan.issuer)).toBe(scope);
    });
  }
});
