import { createHash } from 'node:crypto';

/**
 * The SBI hash chain that ties every capture of one transaction together. For each biometric:
 * hash = SHA-256(previous hash ‖ SHA-256(ISO record)), as upper-case hex; the bytes of the previous
 * hash are its hex decoded, and before the first capture they are SHA-256 of the empty string.
 * (MOSIP's reference device service and its compliance toolkit compute it this way.)
 */
const sha256 = (bytes: Uint8Array): Buffer => createHash('sha256').update(bytes).digest();

/** What `previousHash` is for the first capture of a transaction: SHA-256 of "" in upper-case hex. */
export const chainStart = sha256(new Uint8Array()).toString('hex').toUpperCase();

export function isHashHex(value: string): boolean {
  return /^[0-9a-fA-F]{64}$/.test(value);
}

export function chainHash(previousHash: string, isoRecord: Uint8Array): string {
  const previous = previousHash === '' ? sha256(new Uint8Array()) : Buffer.from(previousHash, 'hex');
  return sha256(Buffer.concat([previous, sha256(isoRecord)]))
    .toString('hex')
    .toUpperCase();
}
