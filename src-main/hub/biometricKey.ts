import fs from 'node:fs';
import path from 'node:path';
import {
  biometricKey,
  biometricKeyLength,
  newBiometricKey,
  type BiometricKey,
} from '../services/biometricVault.ts';

/** Where a headless hub keeps the key that seals biometric images: beside its database. */
export function biometricKeyFile(dataDir: string): string {
  return path.join(dataDir, 'biometric.key');
}

/**
 * The hub's biometric key from its key file, made at the first start (readable by this user
 * only). A key file others can read is refused: anyone who can read it can open every image.
 */
export function loadBiometricKeyFile(file: string): BiometricKey {
  if (!fs.existsSync(file)) {
    const key = newBiometricKey();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${key.key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  }
  const stat = fs.statSync(file);
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0)
    throw new Error(
      `${file} can be read by other users (mode ${(stat.mode & 0o777).toString(8)}); chmod 600 it before the hub starts`,
    );
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== biometricKeyLength)
    throw new Error(`${file} does not hold a ${biometricKeyLength}-byte key`);
  return biometricKey(key);
}
