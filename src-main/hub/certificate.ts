import { X509Certificate, createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { selfSignedCertificate } from '../../drivers/http/certificate.ts';

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
