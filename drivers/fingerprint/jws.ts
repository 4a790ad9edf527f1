import { X509Certificate, createSign, createVerify, type KeyObject } from 'node:crypto';

/**
 * Compact JSON Web Signatures (RFC 7515) as SBI devices send them: `data`, `digitalId` and
 * `deviceInfo` are `base64url(header).base64url(payload).base64url(signature)`, RS256, with the
 * signing certificate in the header's `x5c`; an unregistered device sends `base64url(payload)`
 * alone. A signature is checked against that certificate; whether the certificate itself is one
 * the office trusts is a question for the device registry, not for this reader.
 */
export type SignatureCheck = 'verified' | 'unsigned' | 'no_certificate';

export interface DecodedJws {
  payload: unknown;
  signature: SignatureCheck;
  /** The signer's certificate, when the header carried one. */
  certificate: { subject: string; fingerprint256: string; validTo: string } | null;
}

export class JwsError extends Error {
  override name = 'JwsError';
  constructor(
    message: string,
    /** True when the signature itself is wrong, not just the encoding. */
    readonly badSignature = false,
  ) {
    super(message);
  }
}

const base64url = /^[A-Za-z0-9_-]*$/;

function part(text: string, what: string): Buffer {
  if (!base64url.test(text)) throw new JwsError(`${what} is not base64url`);
  return Buffer.from(text, 'base64url');
}

function json(bytes: Buffer, what: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new JwsError(`${what} is not JSON`);
  }
}

export function decodeJws(compact: string): DecodedJws {
  const parts = compact.split('.');
  if (parts.length === 1)
    return { payload: json(part(compact, 'payload'), 'payload'), signature: 'unsigned', certificate: null };
  if (parts.length !== 3) throw new JwsError(`${parts.length} parts, neither a JWS nor a bare payload`);
  const [headerText, payloadText, signatureText] = parts as [string, string, string];
  const header = json(part(headerText, 'header'), 'header');
  const payload = json(part(payloadText, 'payload'), 'payload');
  if (typeof header !== 'object' || header === null) throw new JwsError('header is not an object');
  const { alg, x5c } = header as { alg?: unknown; x5c?: unknown };
  const first = Array.isArray(x5c) ? x5c[0] : x5c;
  if (first === undefined) return { payload, signature: 'no_certificate', certificate: null };
  if (alg !== 'RS256') throw new JwsError(`algorithm ${String(alg)} is not RS256`);
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(String(first), 'base64'));
  } catch {
    throw new JwsError('the x5c certificate cannot be read', true);
  }
  const signature = part(signatureText, 'signature');
  const ok = createVerify('RSA-SHA256')
    .update(`${headerText}.${payloadText}`)
    .verify(certificate.publicKey, signature);
  if (!ok) throw new JwsError('the signature does not match the certificate', true);
  return {
    payload,
    signature: 'verified',
    certificate: {
      subject: certificate.subject,
      fingerprint256: certificate.fingerprint256,
      validTo: certificate.validTo,
    },
  };
}

/** Signs a payload the way a device does (RS256, its certificate in `x5c`). */
export function signJws(payload: unknown, key: KeyObject | string, certificatePem: string): string {
  const der = new X509Certificate(certificatePem).raw.toString('base64');
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', x5c: [der] })).toString('base64url');
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const signature = createSign('RSA-SHA256').update(`${header}.${body}`).sign(key).toString('base64url');
  return `${header}.${body}.${signature}`;
}

export function unsignedJws(payload: unknown): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}
