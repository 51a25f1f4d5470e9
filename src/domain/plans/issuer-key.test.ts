import { describe, expect, it } from 'vitest';
import { issuerKey } from './issuer-key.ts';

describe('issuerKey', () => {
  it('takes the abbreviated, upper-case and full wordings of one body as the same issuer', () => {
    const key = issuerKey('Ủy ban nhân dân thành phố Hà Nội');
    expect(issuerKey('UBND thành phố Hà Nội')).toBe(key);
    expect(issuerKey('ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI')).toBe(key);
    expect(issuerKey('UBND TP. Hà Nội')).toBe(key);
  });

  it('keeps different bodies apart, and a bare authority line apart from a named one', () => {
    expect(issuerKey('UBND tỉnh Bắc Ninh')).not.toBe(issuerKey('UBND thành phố Hà Nội'));
    expect(issuerKey('UBND phường Vĩnh Tuy')).not.toBe(issuerKey('UBND phường Vĩnh Hưng'));
    expect(issuerKey('ỦY BAN NHÂN DÂN')).not.toBe(issuerKey('Ủy ban nhân dân thành phố Hà Nội'));
    expect(issuerKey(null)).toBeNull();
  });
});
