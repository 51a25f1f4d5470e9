import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSecret, parseSecretKey, sealSecret, SecretKeyError, secretHint, secretKeyFrom } from './secret-box.ts';

describe('secret box (AES-256-GCM)', () => {
  const key = randomBytes(32);

  it('reads a 32-byte key as hex, base64 or base64url, and refuses anything else', () => {
    expect(parseSecretKey(key.toString('hex'))).toEqual(key);
    expect(parseSecretKey(key.toString('base64'))).toEqual(key);
    expect(parseSecretKey(` ${key.toString('base64url')}\n`)).toEqual(key);
    for (const bad of ['', 'secret', randomBytes(16).toString('hex'), randomBytes(31).toString('base64'), randomBytes(33).toString('base64'), 'z'.repeat(64)]) {
      expect(() => parseSecretKey(bad)).toThrow(/THEODOI_SECRET_KEY/);
    }
  });

  it('takes the configured key; falls back to a fixed key only under NODE_ENV=test; otherwise none', () => {
    expect(secretKeyFrom({ THEODOI_SECRET_KEY: key.toString('hex'), NODE_ENV: 'test' })).toEqual(key);
    const testKey = secretKeyFrom({ NODE_ENV: 'test' });
    expect(testKey?.length).toBe(32);
    expect(secretKeyFrom({ NODE_ENV: 'test', THEODOI_SECRET_KEY: '  ' })).toEqual(testKey);
    expect(secretKeyFrom({ NODE_ENV: 'production' })).toBeNull();
    expect(secretKeyFrom({ NODE_ENV: 'development' })).toBeNull();
    expect(secretKeyFrom({})).toBeNull();
    expect(() => secretKeyFrom({ THEODOI_SECRET_KEY: 'short' })).toThrow(SecretKeyError);
  });

  it('seals so the plain text does not appear, with a fresh IV each time, and opens it again', () => {
    const a = sealSecret(key, 'bi-mat-rat-dai', 'p');
    const b = sealSecret(key, 'bi-mat-rat-dai', 'p');
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toContain('bi-mat');
    expect(a).not.toBe(b);
    expect(openSecret(key, a, 'p')).toBe('bi-mat-rat-dai');
  });

  it('refuses to open with another key, for another purpose, or after tampering', () => {
    const sealed = sealSecret(key, 's3cret', 'p');
    expect(() => openSecret(randomBytes(32), sealed, 'p')).toThrow(/THEODOI_SECRET_KEY/);
    expect(() => openSecret(key, sealed, 'other')).toThrow(SecretKeyError);
    const [v, iv, tag, ct] = sealed.split('.');
    const flipped = Buffer.from(ct ?? '', 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => openSecret(key, [v, iv, tag, flipped.toString('base64url')].join('.'), 'p')).toThrow(SecretKeyError);
    expect(() => openSecret(key, 's3cret', 'p')).toThrow('Khóa bí mật đã mã hóa không đúng định dạng');
    try {
      openSecret(key, 's3cret', 'p');
    } catch (error) {
      expect((error as SecretKeyError).said).toEqual({ code: 'secret.sealed_format_unknown', params: {} });
    }
  });

  it('hints with the last four characters only, and nothing of a short secret', () => {
    expect(secretHint('abcdefghijklmnop')).toBe('…mnop');
    expect(secretHint('short')).toBe('…');
  });
});
