import { hash, verify } from '@node-rs/argon2';

// Argon2id (the library's default algorithm) with OWASP's minimum: 19 MiB, 2 passes, 1 lane.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Minimum password length; long passphrases beat composition rules. */
export const MIN_PASSWORD_LENGTH = 10;

/**
 * A PHC-format Argon2id hash of the password, salted per call.
 *
 * @example
 * await hashPassword('một mật khẩu dài'); // '$argon2id$v=19$m=19456,t=2,p=1$…'
 */
export async function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), OPTIONS);
}

/** Whether `password` matches `storedHash`; false (never an exception) for a malformed hash. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the same time as a real check against nothing, so that a login for an unknown user takes as
 * long as one with a wrong password and timing does not reveal which usernames exist.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('theodoi-timing-equaliser');
  await verifyPassword(await dummyHash, password);
}
