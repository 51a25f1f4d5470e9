import { describe, expect, it } from 'vitest';
import { isNationalBody, issuerOutsideCity } from './issuer-scope.ts';

describe('issuerOutsideCity', () => {
  it("names another province's committee or a ministry", () => {
    expect(issuerOutsideCity('Ủy ban nhân dân tỉnh Bắc Ninh')).toBe('tỉnh Bắc Ninh');
    expect(issuerOutsideCity('UBND thành phố Hải Phòng')).toBe('thành phố Hải Phòng');
    expect(issuerOutsideCity('Bộ Khoa học và Công nghệ')).toBe('Bộ Khoa học và Công nghệ');
  });
  it('is null for the city, its own bodies and wards, and an unnamed issuer', () => {
    expect(issuerOutsideCity('Ủy ban nhân dân thành phố Hà Nội')).toBeNull();
    expect(issuerOutsideCity('UBND thành phố')).toBeNull();
    expect(issuerOutsideCity('Ủy ban nhân dân phường Hồng Hà')).toBeNull();
    expect(issuerOutsideCity('Sở Khoa học và Công nghệ')).toBeNull();
    expect(issuerOutsideCity(null)).toBeNull();
  });
});

describe('isNationalBody', () => {
  it('tells ministries and general departments from city units', () => {
    expect(isNationalBody('Bộ Công an')).toBe(true);
    expect(isNationalBody('Tổng cục Thống kê')).toBe(true);
    expect(isNationalBody('Bộ Chỉ huy Quân sự Thành phố')).toBe(false);
    expect(isNationalBody('Sở Tài chính')).toBe(false);
  });
});
