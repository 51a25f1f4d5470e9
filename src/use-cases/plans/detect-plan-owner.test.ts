import { describe, expect, it } from 'vitest';
import { UnitResolver } from '../../domain/units/unit-resolver.ts';
import type { DocumentModel } from '../../importers/document-model.ts';
import { loadBuiltInRegistry } from '../../registry/hanoi.ts';
import { detectOwnerCommune } from './detect-plan-owner.ts';

const resolver = new UnitResolver(loadBuiltInRegistry());
const resolve = (name: string) => resolver.resolve(name);
const model = (...texts: string[]): DocumentModel => ({
  source: 't',
  blocks: texts.map((text, i) => ({ type: 'paragraph' as const, line: i + 1, text })),
});

describe('detectOwnerCommune', () => {
  it('takes the ward from the issuer, trimming the words that run on after its name', () => {
    expect(detectOwnerCommune(model('KẾ HOẠCH'), resolve, 'UBND phường Vĩnh Tuy')).toBe('HN_P_VINH_TUY');
    expect(detectOwnerCommune(model('ỦY BAN NHÂN DÂN PHƯỜNG VĨNH TUY', 'KẾ HOẠCH'), resolve)).toBe('HN_P_VINH_TUY');
    expect(detectOwnerCommune(model('KẾ HOẠCH', 'UBND phường Vĩnh Tuy xây dựng kế hoạch như sau:'), resolve)).toBe('HN_P_VINH_TUY');
  });

  it('finds no owner in a city plan, even one that names a ward', () => {
    expect(detectOwnerCommune(model('KẾ HOẠCH', 'Giao UBND phường Vĩnh Tuy thí điểm.'), resolve, 'UBND thành phố Hà Nội')).toBeNull();
    expect(detectOwnerCommune(model('KẾ HOẠCH', 'Các UBND phường, xã triển khai.'), resolve)).toBeNull();
    expect(detectOwnerCommune(model('UBND phường Không Có Thật'), resolve)).toBeNull();
  });
});
