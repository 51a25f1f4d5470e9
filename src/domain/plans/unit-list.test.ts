import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitRoles, splitUnitList, unitsBeforeVerb } from './unit-list.ts';

const names = (s: string): string[] => splitUnitList(s).map((u) => u.name);

describe('splitUnitList', () => {
  it('ends a list at a verb of the sentence it sits in, never inside a name (issue #14)', () => {
    expect(names('Sở Tài chính hoàn thành việc rà soát hồ sơ, phường trước tháng 6')).toEqual(['Sở Tài chính']);
    expect(names('Sở Xây dựng, UBND các huyện, thị xã thúc đẩy đầu tư')).toEqual(['Sở Xây dựng', 'UBND các huyện, thị xã']);
    // "Xây dựng" and "đầu tư xây dựng" are words of names, not verbs ending the list.
    expect(names('Ban Quản lý dự án đầu tư xây dựng công trình dân dụng')).toEqual(['Ban Quản lý dự án đầu tư xây dựng công trình dân dụng']);
  });
  it('names the units a sentence opens with before its verb', () => {
    expect(unitsBeforeVerb('Sở Y tế triển khai hồ sơ sức khỏe điện tử')).toBe('Sở Y tế');
    expect(unitsBeforeVerb('Rà soát quy trình nội bộ')).toBeNull();
  });
  it('keeps a name with "và" whole', () => {
    expect(names('Sở Khoa học và Công nghệ')).toEqual(['Sở Khoa học và Công nghệ']);
  });
  it('keeps a collective with commas whole and marks it collective', () => {
    expect(splitUnitList('Sở, ban, ngành')).toEqual([{ name: 'Sở, ban, ngành', collective: true }]);
    expect(splitUnitList('Các phòng, ban, đơn vị liên quan')[0]?.collective).toBe(true);
    // After one named unit a whole collective is a unit of its own; after a list of kinds it ends the list.
    expect(names('Sở Khoa học và Công nghệ, đơn vị liên quan')).toEqual(['Sở Khoa học và Công nghệ', 'đơn vị liên quan']);
    expect(names('Sở A, Công an xã, các cơ quan có liên quan')).toEqual(['Sở A', 'Công an xã', 'các cơ quan có liên quan']);
    expect(names('Các Sở, ngành, đơn vị liên quan')).toEqual(['Các Sở, ngành, đơn vị liên quan']);
  });
  it('splits units separated by commas or semicolons', () => {
    expect(names('Thuế Thành phố, Thống kê Thành phố')).toEqual(['Thuế Thành phố', 'Thống kê Thành phố']);
    expect(names('Công an phường; Trạm Y tế phường')).toEqual(['Công an phường', 'Trạm Y tế phường']);
  });
  it('splits units written one after the other without a comma', () => {
    expect(names('Sở Y tế Sở Khoa học và Công nghệ')).toEqual(['Sở Y tế', 'Sở Khoa học và Công nghệ']);
  });
  it('splits HTML paragraphs and drops the markup', () => {
    expect(names('<p>Sở Tài chính</p><p>Sở Xây dựng</p>')).toEqual(['Sở Tài chính', 'Sở Xây dựng']);
  });
  it('keeps an office name that contains a comma', () => {
    expect(names('Phòng Kinh tế, Hạ tầng và Đô thị; Công an phường')).toEqual(['Phòng Kinh tế, Hạ tầng và Đô thị', 'Công an phường']);
  });
  it('splits at "và" before a new unit head, never inside a name', () => {
    expect(names('Văn phòng của các khối và Sở Nội vụ')).toEqual(['Văn phòng của các khối', 'Sở Nội vụ']);
    expect(names('Sở Văn hóa và Thể thao')).toEqual(['Sở Văn hóa và Thể thao']);
  });
  it('splits a trailing collective joined with "và các"', () => {
    expect(names('Các phòng chuyên môn và các đơn vị có liên quan')).toEqual(['Các phòng chuyên môn', 'các đơn vị có liên quan']);
  });
  it('drops role words and comments in parentheses', () => {
    expect(names('Sở Tài chính chủ trì tổng hợp')).toEqual(['Sở Tài chính']);
    expect(names('Sở Xây dựng (theo lĩnh vực)')).toEqual(['Sở Xây dựng']);
  });
  it('reads roles from a sentence', () => {
    expect(splitRoles('Sở A chủ trì; Sở B, Sở C phối hợp')).toMatchObject({ lead: ['Sở A'], partners: ['Sở B, Sở C'] });
    expect(splitRoles('Chủ trì: Sở A; Phối hợp: Sở B; các trường học')).toMatchObject({ lead: ['Sở A'], partners: ['Sở B', 'các trường học'] });
  });
  it('reads both roles from one clause and from a label after a lead', () => {
    expect(splitRoles('Sở A chủ trì, Sở B phối hợp.')).toMatchObject({ lead: ['Sở A'], partners: ['Sở B'] });
    expect(splitRoles('Sở A chủ trì, phối hợp với Sở B, Sở C')).toMatchObject({ lead: ['Sở A'], partners: ['Sở B, Sở C'] });
    expect(splitRoles('Chủ trì: Sở A - Phối hợp: Sở B')).toMatchObject({ lead: ['Sở A'], partners: ['Sở B'] });
    expect(splitRoles('Sở A. Các sở, ban, ngành phối hợp thực hiện.')).toMatchObject({ unlabelled: ['Sở A'], partners: ['Các sở, ban, ngành'] });
  });
  it('does not read duties after a lead as a partner', () => {
    expect(splitRoles('Sở A chủ trì trong lĩnh vực được giao và phối hợp triển khai kế hoạch chung')).toMatchObject({ lead: ['Sở A'], partners: [] });
  });
  it('gives every lead and partner named with role words (property)', () => {
    const unit = fc.constantFrom('Sở Tài chính', 'Sở Khoa học và Công nghệ', 'Công an Thành phố', 'Thuế thành phố Hà Nội');
    fc.assert(
      fc.property(unit, unit, fc.constantFrom('; ', ', '), (a, b, sep) => {
        expect(splitRoles(`${a} chủ trì${sep}${b} phối hợp.`)).toMatchObject({ lead: [a], partners: [b], unlabelled: [] });
        expect(splitRoles(`Chủ trì: ${a}${sep === ', ' ? '; ' : sep}Phối hợp: ${b}`)).toMatchObject({ lead: [a], partners: [b] });
      }),
    );
  });
  it('never throws and never returns an empty name (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        for (const u of splitUnitList(s)) expect(u.name.trim().length).toBeGreaterThan(0);
        splitRoles(s);
      }),
      { numRuns: 500 },
    );
  });
});
