import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export interface PinHash {
  salt: string;
  hash: string;
}

/** A PIN is 6–12 digits; a password 8–128 characters. Either is kept only as a scrypt hash. */
export function isAcceptableSecret(secret: string): boolean {
  return /^\d{6,12}$/.test(secret) || (!/^\d+$/.test(secret) && secret.length >= 8 && secret.length <= 128);
}

const scryptOptions = { N: 16384, r: 8, p: 1 };

export function hashSecret(secret: string): PinHash {
  if (!isAcceptableSecret(secret)) throw new Error('a PIN is 6 to 12 digits, a password 8 to 128 characters');
  const salt = randomBytes(16);
  return { salt: salt.toString('hex'), hash: scryptSync(secret, salt, 64, scryptOptions).toString('hex') };
}

export function secretMatches(secret: string, stored: PinHash): boolean {
  if (typeof secret !== 'string' || !isAcceptableSecret(secret)) return false;
  const expected = Buffer.from(stored.hash, 'hex');
  const actual = scryptSync(secret, Buffer.from(stored.salt, 'hex'), expected.length, scryptOptions);
  return timingSafeEqual(actual, expected);
}
