import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Bilingual } from '../domain/errors.ts';

export interface PinHash {
  salt: string;
  hash: string;
}

/** A PIN is 6–12 digits; a password 8–128 characters. Either is kept only as a scrypt hash. */
export function isAcceptableSecret(secret: string): boolean {
  return /^\d{6,12}$/.test(secret) || (!/^\d+$/.test(secret) && secret.length >= 8 && secret.length <= 128);
}

/**
 * What is wrong with a new PIN or password, in words an officer reads (null: nothing). One rule
 * for the command line and the supervisor console: `isAcceptableSecret`.
 */
export function secretProblem(secret: string): Bilingual | null {
  if (isAcceptableSecret(secret)) return null;
  if (/^\d*$/.test(secret))
    return secret.length < 6
      ? { id: 'PIN minimal 6 angka.', en: 'A PIN has at least 6 digits.' }
      : { id: 'PIN paling banyak 12 angka.', en: 'A PIN has at most 12 digits.' };
  return secret.length < 8
    ? {
        id: 'PIN hanya berisi 6–12 angka; kata sandi minimal 8 karakter.',
        en: 'A PIN is 6–12 digits only; a password has at least 8 characters.',
      }
    : { id: 'Kata sandi paling banyak 128 karakter.', en: 'A password has at most 128 characters.' };
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
