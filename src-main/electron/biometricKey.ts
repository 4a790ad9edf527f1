import fs from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { biometricKeyFile, loadBiometricKeyFile } from '../hub/biometricKey.ts';
import { biometricKey, newBiometricKey, type BiometricKey } from '../services/biometricVault.ts';

/**
 * The key that seals biometric images on a desktop hub, protected by the operating system
 * (Electron safeStorage: DPAPI on Windows, the keychain on macOS, the secret service on Linux) and
 * kept encrypted in the user data folder. Where the OS offers no protection (a Linux PC without a
 * keyring, where safeStorage would fall back to a fixed password) it is a key file readable by this
 * user only, as on a headless hub, and the log says so.
 */
export function stationBiometricKey(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
    getSelectedStorageBackend?: () => string;
  },
  dataDir: string,
  log: (line: string) => void,
): BiometricKey {
  const weak = process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || weak) {
    log(
      'biometric key: the operating system offers no key protection here; using a key file readable by this user only',
    );
    return loadBiometricKeyFile(biometricKeyFile(dataDir));
  }
  const file = path.join(dataDir, 'biometric.key.protected');
  if (fs.existsSync(file)) {
    const key = Buffer.from(safeStorage.decryptString(fs.readFileSync(file)), 'base64');
    return biometricKey(key);
  }
  const key = newBiometricKey();
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, safeStorage.encryptString(key.key.toString('base64')), { mode: 0o600, flag: 'wx' });
  return key;
}
