import { describe, expect, it } from 'vitest';
import { CATALOG } from './catalog/index.ts';
import { cliLang, langFromAcceptLanguage, message, renderMessage } from './message.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
  it('says a message in the language asked, its parameters filled in and numbers written the language’s way', () => {
    expect(renderMessage(message('unit.unknown', { unit: 'P_X' }), 'vi')).toBe('Không có đơn vị mã "P_X"');
    expect(renderMessage(message('unit.unknown', { unit: 'P_X' }), 'en')).toBe('No unit with code "P_X"');
    expect(renderMessage(message('report.not_found', { id: 12345 }), 'vi')).toBe('Không có báo cáo 12.345');
    expect(renderMessage(message('report.not_found', { id: 12345 }), 'en')).toBe('No report 12,345');
  });

  it('reads the reader’s language from Accept-Language (Vietnamese first) and the CLI’s from THEODOI_LANG', () => {
    expect(langFromAcceptLanguage(undefined)).toBe('vi');
    expect(langFromAcceptLanguage('en-US,en;q=0.9')).toBe('en');
    expect(langFromAcceptLanguage('vi-VN,vi;q=0.9,en;q=0.8')).toBe('vi');
    expect(langFromAcceptLanguage('fr')).toBe('vi');
    expect(cliLang({})).toBe('vi');
    expect(cliLang({ THEODOI_LANG: 'en' })).toBe('en');
  });

  it('keeps every catalogued message whole in each language: the same parameters, one language each, NFC', () => {
    for (const [code, entry] of Object.entries(CATALOG)) {
      expect(placeholders(entry.vi), code).toEqual(placeholders(entry.en));
      for (const text of [entry.vi, entry.en]) {
        expect(text, code).not.toMatch(/ \/ /);
        expect(text.normalize('NFC'), code).toBe(text);
      }
      expect(code, code).toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
    }
  });
});
