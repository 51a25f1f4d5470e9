import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../../src/domain/messages/catalog/index.ts';
import { ApiError } from './api.ts';
import { loadServerCatalog, refusalLines, refusalText, sayServerMessage } from './server-messages.ts';

describe('the server’s refusals worded by the web', () => {
  it('words a code in the language selected on the page, its parameters filled in and numbers written the language’s way', () => {
    const said = { code: 'user.at_least_characters', params: { MIN_PASSWORD_LENGTH: 12 } };
    expect(sayServerMessage(said, 'vi', 'server words', CATALOG)).toBe('Mật khẩu cần ít nhất 12 ký tự');
    expect(sayServerMessage(said, 'en', 'server words', CATALOG)).toBe('at least 12 characters');
    const report = { code: 'report.not_found', params: { id: 12345 } };
    expect(sayServerMessage(report, 'vi', 'server words', CATALOG)).toBe('Không có báo cáo 12.345');
    expect(sayServerMessage(report, 'en', 'server words', CATALOG)).toBe('No report 12,345');
  });

  it('says the server’s own words when the code is missing, unknown here, or the catalogue could not be loaded', () => {
    expect(sayServerMessage({ code: 'report.said_by_a_newer_server', params: { id: 1 } }, 'en', 'Báo cáo đã khoá', CATALOG)).toBe('Báo cáo đã khoá');
    expect(sayServerMessage({}, 'vi', 'Không tìm thấy', CATALOG)).toBe('Không tìm thấy');
    expect(sayServerMessage({ code: 'report.not_found', params: { id: 3 } }, 'en', 'Không có báo cáo 3', null)).toBe('Không có báo cáo 3');
    // A code named like an object's own property is not a message.
    expect(sayServerMessage({ code: 'constructor' }, 'vi', 'lời của máy chủ', CATALOG)).toBe('lời của máy chủ');
  });

  it('words a refusal and each wrong field again in the other language once the catalogue is loaded, with no mixed text', async () => {
    expect(await loadServerCatalog()).toBe(CATALOG);
    const refusal = new ApiError(422, 'Invalid input', 'Không tạo được người dùng\n  field "password": Mật khẩu cần ít nhất 12 ký tự', [
      { field: 'password', code: 'user.at_least_characters', params: { MIN_PASSWORD_LENGTH: 12 }, message: 'Mật khẩu cần ít nhất 12 ký tự' },
      { field: 'unit', code: 'user.no_unit_with_code', params: { unit: 'HN_P_KHONG_CO' }, message: 'said by the server' },
    ], 'user.cannot_create_user');
    expect(refusalText(refusal, 'en')).toBe('Cannot create user');
    const english = refusalLines(refusal, 'en');
    expect(english[0]).toBe('Cannot create user');
    expect(english[1]).toBe('at least 12 characters');
    expect(english[2]).toContain('HN_P_KHONG_CO');
    expect(english.join(' ')).not.toMatch(/ \/ |Mật khẩu|Không/);
    expect(refusalLines(refusal, 'vi').slice(0, 2)).toEqual(['Không tạo được người dùng', 'Mật khẩu cần ít nhất 12 ký tự']);
    // A refusal the web cannot word is the server's detail, which lists its problems already.
    const unknown = new ApiError(409, 'Conflict', 'Đã có phiên bản mới hơn', [], 'plan.said_by_a_newer_server');
    expect(refusalLines(unknown, 'en')).toEqual(['Đã có phiên bản mới hơn']);
  });
});
