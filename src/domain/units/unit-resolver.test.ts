import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBuiltInRegistry } from '../../registry/hanoi.ts';
import type { RegistryUnit } from './unit.ts';
import { UnitResolver } from './unit-resolver.ts';

const VINH_TUY = 'HN_P_VINH_TUY';
const resolver = new UnitResolver(loadBuiltInRegistry());
const best = (name: string, within?: string) => resolver.resolve(name, within ? { within } : {}).matches[0];

function unit(code: string, name: string, kind: RegistryUnit['kind'], parent: string | null, extra: Partial<RegistryUnit> = {}): RegistryUnit {
  return { code, name, kind, parent, aliases: [], validFrom: null, validTo: null, successors: [], ...extra };
}

describe('UnitResolver on the built-in Hanoi registry', () => {
  it('finds Sở Khoa học và Công nghệ first from an unaccented, lower-case spelling', () => {
    const r = resolver.resolve('so khoa hoc va cong nghe');
    expect(r.collective).toBe(false);
    expect(r.matches[0]).toMatchObject({ code: 'HN_SO_KHCN', name: 'Sở Khoa học và Công nghệ', score: 1 });
    expect(r.ambiguous).toBeUndefined();
  });

  it.each(['SỞ KHOA HỌC VÀ CÔNG NGHỆ', 'Sở KH&CN', 'Sở KHCN', 'Sở  Khoa học & Công nghệ', 'Sở Khoa học và Công nghệ Hà Nội', 'Giao Sở Khoa học và Công nghệ'])(
    'treats %s as Sở Khoa học và Công nghệ',
    (name) => {
      expect(best(name)?.code).toBe('HN_SO_KHCN');
    },
  );

  it('finds the ward office for the OCR-damaged "HỘND", with and without the ward as context', () => {
    const withContext = resolver.resolve('Văn phòng HỘND&UBND phường', { within: VINH_TUY });
    expect(withContext.matches[0]?.code).toBe('HN_P_VINH_TUY_VP');
    expect(withContext.matches[0]?.score).toBeLessThan(1);
    expect(withContext.matches[0]?.score).toBeGreaterThan(0.85);
    const without = resolver.resolve('Văn phòng HỘND&UBND phường');
    expect(without.matches[0]?.code).toBe('HN_P_VINH_TUY_VP');
    expect(without.ambiguous).toBeUndefined();
  });

  it('scores an exact alias 1 whatever the dashes, accents and ampersands', () => {
    expect(best('Văn phòng HĐND&UBND phường Vĩnh Tuy')).toMatchObject({ code: 'HN_P_VINH_TUY_VP', score: 1 });
    expect(best('Phòng Văn hoá – Xã hội phường Vĩnh Tuy')).toMatchObject({ code: 'HN_P_VINH_TUY_VHXH', score: 1 });
    expect(best('phong van hoa - xa hoi phuong vinh tuy')).toMatchObject({ code: 'HN_P_VINH_TUY_VHXH', score: 1 });
  });

  it('returns "Sở, ban, ngành" as the collective set of the city agencies', () => {
    const r = resolver.resolve('Sở, ban, ngành');
    expect(r.collective).toBe(true);
    const codes = r.matches.map((m) => m.code);
    expect(codes).toContain('HN_SO_KHCN');
    expect(codes).toContain('HN_CONG_AN');
    expect(r.matches.every((m) => m.kind === 'agency')).toBe(true);
    // Merged departments are history, not members today.
    expect(codes).not.toContain('HN_SO_TTTT');
  });

  it('enumerates the communes for "UBND cấp xã" and leaves "các đơn vị liên quan" unspecified', () => {
    for (const name of ['UBND cấp xã', 'UBND các xã, phường', 'UBND phường, xã']) {
      const r = resolver.resolve(name);
      expect(r.collective).toBe(true);
      expect(r.matches).toHaveLength(126);
    }
    for (const name of ['các đơn vị liên quan', 'Các phòng, ban, đơn vị liên quan', 'các cơ quan, đơn vị', 'Các sở, ngành chủ trì hệ thống']) {
      expect(resolver.resolve(name)).toEqual({ input: name, collective: true, matches: [] });
    }
  });

  it('lists a ward’s schools for "Các trường học" in that ward', () => {
    const r = resolver.resolve('Các trường học', { within: VINH_TUY });
    expect(r.collective).toBe(true);
    expect(r.matches.map((m) => m.kind)).toEqual(['school', 'school', 'school']);
  });

  it('ranks a merged department below current ones, and finds it as of a date before the merger', () => {
    expect(best('Sở Thông tin và Truyền thông')?.code).toBe('HN_SO_TTTT');
    expect(resolver.resolve('Sở Thông tin và Truyền thông', { asOf: '2024-06-01' }).matches[0]).toMatchObject({ code: 'HN_SO_TTTT', score: 1 });
    expect(resolver.resolve('Sở Thông tin và Truyền thông', { asOf: '2026-01-01' }).matches.map((m) => m.code)).not.toContain('HN_SO_TTTT');
    // The old Vĩnh Tuy ward shares the name; today's ward wins unless the date says otherwise.
    expect(best('Phường Vĩnh Tuy')?.code).toBe(VINH_TUY);
    expect(resolver.resolve('Phường Vĩnh Tuy', { asOf: '2024-01-01' }).matches[0]?.code).toBe('HN_Q_HBT_P_VINH_TUY');
  });

  it('tolerates typos with a score below 1', () => {
    const m = best('Sở Xay dựnh');
    expect(m?.code).toBe('HN_SO_XAY_DUNG');
    expect(m?.score).toBeLessThan(1);
  });

  it('finds nothing for a name that is no unit', () => {
    expect(resolver.resolve('Bộ Quốc phòng Liên bang Nga').matches).toEqual([]);
    expect(resolver.resolve('').matches).toEqual([]);
  });
});

describe('UnitResolver with several wards', () => {
  const units = [
    unit('C', 'Thành phố Thử', 'city', null),
    unit('W1', 'Phường An', 'commune', 'C'),
    unit('W2', 'Phường Bình', 'commune', 'C'),
    unit('W1_VHXH', 'Phòng Văn hóa - Xã hội phường An', 'office', 'W1'),
    unit('W2_VHXH', 'Phòng Văn hóa - Xã hội phường Bình', 'office', 'W2'),
    unit('W2_KT', 'Phòng Kinh tế, Hạ tầng và Đô thị phường Bình', 'office', 'W2'),
  ];
  const r = new UnitResolver(units);

  it('flags a generic office name found in several wards as ambiguous without context', () => {
    const res = r.resolve('Phòng Văn hóa - Xã hội');
    expect(res.ambiguous).toBe(true);
    expect(res.matches.map((m) => m.code).sort()).toEqual(['W1_VHXH', 'W2_VHXH']);
  });

  it('resolves it to the ward of the document with `within`', () => {
    const res = r.resolve('Phòng Văn hóa - Xã hội', { within: 'W2' });
    expect(res.matches.map((m) => m.code)).toEqual(['W2_VHXH']);
    expect(res.ambiguous).toBeUndefined();
  });

  it('resolves a generic name only one ward has without context', () => {
    expect(r.resolve('Phòng Kinh tế, Hạ tầng và Đô thị').matches.map((m) => m.code)).toEqual(['W2_KT']);
  });
});

describe('UnitResolver properties', () => {
  it('never throws, keeps scores in [0, 1] and sorts them best first, for any string', () => {
    const pieces = ['Sở', 'UBND', 'HĐND', '&', 'phường', 'Vĩnh Tuy', ',', 'các', 'liên quan', 'Khoa học', '–', '<br>', 'Thành phố', ' '];
    const arbitraryName = fc.oneof(fc.string({ maxLength: 80 }), fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((p) => p.join(' ')));
    fc.assert(
      fc.property(arbitraryName, fc.option(fc.constantFrom(VINH_TUY, 'HN', 'NOPE'), { nil: undefined }), (name, within) => {
        const res = resolver.resolve(name, within ? { within } : {});
        for (const m of res.matches) {
          expect(m.score).toBeGreaterThanOrEqual(0);
          expect(m.score).toBeLessThanOrEqual(1);
        }
        for (let i = 1; i < res.matches.length; i++) {
          expect(res.matches[i - 1]!.score).toBeGreaterThanOrEqual(res.matches[i]!.score);
        }
        expect(res.input).toBe(name.normalize('NFC'));
      }),
      { numRuns: 400 },
    );
  });
});
