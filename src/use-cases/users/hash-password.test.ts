import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './hash-password.ts';

describe('password hashing', () => {
  it('produces salted Argon2id PHC strings with the configured cost', async () => {
    const a = await hashPassword('mật khẩu đủ dài 2026');
    const b = await hashPassword('mật khẩu đủ dài 2026');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
  });

  it('verifies the right password, in either Unicode normal form, and nothing else', async () => {
    const stored = await hashPassword('Thủ đô Hà Nội 1010');
    expect(await verifyPassword(stored, 'Thủ đô Hà Nội 1010')).toBe(true);
    expect(await verifyPassword(stored, 'Thủ đô Hà Nội 1010'.normalize('NFD'))).toBe(true);
    expect(await verifyPassword(stored, 'Thu do Ha Noi 1010')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'Thủ đô Hà Nội 1010')).toBe(false);
  });
});
