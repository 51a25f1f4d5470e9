import Fastify from 'fastify';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { problemErrorHandler } from './problem.ts';
import { validationMessage } from './validation-message.ts';

describe('schema refusals as catalogued messages', () => {
  it('names each failed check by a code with its limit', () => {
    expect(validationMessage({ keyword: 'maxLength', params: { limit: 200 } })).toEqual({ code: 'http.field_too_long', params: { limit: 200 } });
    expect(validationMessage({ keyword: 'minLength', params: { limit: 1 } })).toEqual({ code: 'http.field_empty', params: {} });
    expect(validationMessage({ keyword: 'required', params: { missingProperty: 'unit' } })).toEqual({ code: 'http.field_required', params: {} });
    expect(validationMessage({ keyword: 'enum', params: { allowedValues: ['vi', 'en'] } })).toEqual({ code: 'http.field_not_one_of', params: { allowed: 'vi, en' } });
    expect(validationMessage({ keyword: 'type', params: { type: ['string', 'null'] } })).toEqual({ code: 'http.field_wrong_type', params: { type: 'string, null' } });
    expect(validationMessage({ keyword: 'uniqueItems', params: {} })).toEqual({ code: 'http.field_invalid', params: {} });
  });

  it('answers a request its schema refuses in the reader’s language, with the codes, never Ajv’s English in Vietnamese', async () => {
    const app = Fastify();
    app.setErrorHandler(problemErrorHandler);
    app.post('/x', { schema: { body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 5 }), unit: Type.String() }, { additionalProperties: false }) } }, () => ({ ok: true }));
    const send = (lang: string) => app.inject({ method: 'POST', url: '/x', headers: { 'accept-language': lang }, payload: { name: 'quá dài rồi', unit: 'HN' } });
    const vi = (await send('vi')).json<{ status: number; code: string; detail: string; errors: { field: string; code: string; params: unknown; message: string }[] }>();
    expect(vi.status).toBe(400);
    expect(vi.code).toBe('http.request_invalid');
    expect(vi.errors).toContainEqual({ field: 'body.name', code: 'http.field_too_long', params: { limit: 5 }, message: 'Tối đa 5 ký tự' });
    expect(vi.detail.split('\n')[0]).toBe('Yêu cầu không hợp lệ');
    expect(vi.detail).not.toMatch(/must|characters| \/ /);
    const en = (await send('en-GB')).json<{ detail: string; errors: { field: string; message: string }[] }>();
    expect(en.detail.split('\n')[0]).toBe('Invalid request');
    expect(en.errors.find((e) => e.field === 'body.name')?.message).toBe('must have at most 5 characters');
    await app.close();
  });
});
