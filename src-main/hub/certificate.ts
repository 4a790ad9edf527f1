import { X509Certificate, createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The hub's TLS identity: its key and self-signed certificate, and what a station pins. */
export interface HubCertificate {
  key: string;
  cert: string;
  /** SHA-256 of the certificate, `AB:CD:…` (what the supervisor screen and `loket hub` show). */
  fingerprint: string;
  /** Base64 SHA-256 of the public key, for Chromium's `--ignore-certificate-errors-spki-list`. */
  spkiSha256: string;
}

export const hubCertificateFiles = (dataDir: string) => ({
  key: path.join(dataDir, 'tls', 'hub-key.pem'),
  cert: path.join(dataDir, 'tls', 'hub-cert.pem'),
});

/** The certificate a data folder already holds, or null (the hub never ran with TLS there). */
export function readHubCertificate(dataDir: string): HubCertificate | null {
  const files = hubCertificateFiles(dataDir);
  let key: string;
  let cert: string;
  try {
    key = fs.readFileSync(files.key, 'utf8');
    cert = fs.readFileSync(files.cert, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return describe(key, cert);
}

/**
 * The hub's certificate, made once and kept in the data folder (the key readable by the hub's
 * user only): the stations pin it when they pair, so a new one means pairing every station again.
 */
export function hubCertificate(dataDir: string, now = Date.now()): HubCertificate {
  const existing = readHubCertificate(dataDir);
  if (existing) return existing;
  const files = hubCertificateFiles(dataDir);
  const made = selfSignedCertificate('Loket hub', now);
  fs.mkdirSync(path.dirname(files.key), { recursive: true, mode: 0o700 });
  fs.writeFileSync(files.key, made.key, { mode: 0o600, flag: 'wx' });
  fs.writeFileSync(files.cert, made.cert, { mode: 0o644, flag: 'wx' });
  return describe(made.key, made.cert);
}

function describe(key: string, cert: string): HubCertificate {
  const x509 = new X509Certificate(cert);
  const spki = x509.publicKey.export({ type: 'spki', format: 'der' });
  return {
    key,
    cert,
    fingerprint: x509.fingerprint256,
    spkiSha256: createHash('sha256').update(spki).digest('base64'),
  };
}

/**
 * A self-signed ECDSA P-256 certificate, DER written out here: the fixed shape below is all a
 * pinned hub needs, and it spares the app a certificate library. No names are checked anywhere
 * (stations pin the certificate itself), so the subject is only a label.
 */
export function selfSignedCertificate(commonName: string, now: number): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ecdsaWithSha256 = seq(oid('1.2.840.10045.4.3.2'));
  const name = seq(set(seq(oid('2.5.4.3'), der(0x0c, Buffer.from(commonName, 'utf8')))));
  const day = 24 * 60 * 60 * 1000;
  const serial = randomBytes(16);
  serial[0] = (serial[0] as number) & 0x7f; // a positive INTEGER
  const tbs = seq(
    der(0xa0, der(0x02, Buffer.from([2]))), // version 3
    der(0x02, serial),
    ecdsaWithSha256,
    name,
    seq(time(now - day), time(now + 20 * 365 * day)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    // basicConstraints CA:TRUE, so the certificate is its own trust anchor where a station trusts it.
    der(
      0xa3,
      seq(
        seq(oid('2.5.29.19'), der(0x01, Buffer.from([0xff])), der(0x04, seq(der(0x01, Buffer.from([0xff]))))),
      ),
    ),
  );
  const signature = sign('sha256', tbs, privateKey);
  const cert = seq(tbs, ecdsaWithSha256, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
  return {
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    cert: `-----BEGIN CERTIFICATE-----\n${cert
      .toString('base64')
      .replace(/(.{64})/g, '$1\n')
      .replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`,
  };
}

function der(tag: number, content: Buffer): Buffer {
  const length = content.length;
  const header =
    length < 0x80
      ? Buffer.from([tag, length])
      : length < 0x100
        ? Buffer.from([tag, 0x81, length])
        : Buffer.from([tag, 0x82, length >> 8, length & 0xff]);
  return Buffer.concat([header, content]);
}

const seq = (...parts: Buffer[]) => der(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => der(0x31, Buffer.concat(parts));

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const groups = [arc & 0x7f];
    for (let value = arc >> 7; value > 0; value >>= 7) groups.unshift((value & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return der(0x06, Buffer.from(bytes));
}

/** UTCTime until 2049, GeneralizedTime after (RFC 5280 §4.1.2.5). */
function time(at: number): Buffer {
  const iso = new Date(at).toISOString().replace(/[-:T]/g, '').slice(0, 14); // YYYYMMDDHHMMSS
  const year = Number(iso.slice(0, 4));
  return year < 2050
    ? der(0x17, Buffer.from(`${iso.slice(2)}Z`, 'ascii'))
    : der(0x18, Buffer.from(`${iso}Z`, 'ascii'));
}
