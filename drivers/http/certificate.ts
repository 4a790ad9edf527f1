import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/**
 * A self-signed certificate made with node-forge (a well-kept X.509 library; Node's crypto reads
 * certificates but cannot write one). RSA-2048, since forge signs RSA; the key pair itself comes
 * from Node's native generator. No names are checked anywhere (stations pin the certificate
 * itself), so the subject is only a label; basicConstraints CA:TRUE lets a browser that is told to
 * trust this certificate use it as its own anchor.
 */
export function selfSignedCertificate(commonName: string, now: number): { key: string; cert: string } {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicPem);
  const serial = randomBytes(16);
  serial[0] = (serial[0] as number) & 0x7f; // a positive INTEGER
  certificate.serialNumber = serial.toString('hex');
  const day = 24 * 60 * 60 * 1000;
  certificate.validity.notBefore = new Date(now - day);
  certificate.validity.notAfter = new Date(now + 20 * 365 * day);
  const name = [{ name: 'commonName', value: commonName }];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true, critical: true },
  ]);
  certificate.sign(forge.pki.privateKeyFromPem(key), forge.md.sha256.create());
  return { key, cert: forge.pki.certificateToPem(certificate) };
}
