import { createHmac, scrypt, timingSafeEqual } from 'node:crypto';

/*
 * The TLS pairing (docs/api.md, `POST /pair`): the station proves it holds the code for the
 * certificate it sees, without sending the code; the hub proves it holds the code too.
 */

/** `ab cd…`, `ABCD…` and `AB:CD:…` are the same fingerprint; this is the form kept and compared. */
export function normaliseFingerprint(text: string): string {
  const hex = text.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  return hex.match(/../g)?.join(':') ?? '';
}

/**
 * The key a pairing code stands for in the TLS pairing: scrypt over the code's SHA-256 (which is
 * all the hub keeps), so a man in the middle holding one proof cannot try the 31^8 codes against
 * it within the code's fifteen minutes.
 */
export function pairingKey(codeHash: string): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(codeHash, 'loket pairing v1', 32, { N: 1 << 14, r: 8, p: 1 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** What the station sends instead of the code: the code's key over the certificate it sees. */
export const pairingProof = (key: Buffer, fingerprint: string): string =>
  createHmac('sha256', key)
    .update(`station:${normaliseFingerprint(fingerprint)}`)
    .digest('base64url');

/** What the hub answers with: only a hub holding the code can bind it to its token and certificate. */
export const hubConfirmation = (key: Buffer, fingerprint: string, token: string): string =>
  createHmac('sha256', key)
    .update(`hub:${normaliseFingerprint(fingerprint)}:${token}`)
    .digest('base64url');

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
