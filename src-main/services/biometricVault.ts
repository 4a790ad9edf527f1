import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { LoketError } from '../domain/errors.ts';
import type { SealedImage } from '../store/biometricImages.ts';

/**
 * Biometric images are sealed with AES-256-GCM before they reach the database. The key never sits
 * in the database: a station's operating system protects it (Electron safeStorage), a headless
 * hub keeps it in a file only its user can read. Each image is bound to its row id (the GCM
 * additional data), so a sealed image copied onto another row does not open.
 */
export interface BiometricKey {
  /** Names the key without revealing it: which key sealed an image is stored beside it. */
  id: string;
  key: Buffer;
}

export const biometricKeyLength = 32;

export function biometricKey(key: Buffer): BiometricKey {
  if (key.length !== biometricKeyLength)
    throw new Error(`a biometric key is ${biometricKeyLength} bytes, not ${key.length}`);
  const id = createHash('sha256').update('loket biometric key id\0').update(key).digest('hex').slice(0, 16);
  return { id, key };
}

export function newBiometricKey(): BiometricKey {
  return biometricKey(randomBytes(biometricKeyLength));
}

export function sealImage(key: BiometricKey, imageId: string, bytes: Uint8Array): SealedImage {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(imageId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return { keyId: key.id, iv, tag: cipher.getAuthTag(), ciphertext };
}

export function keyUnavailable(): LoketError {
  return new LoketError('KEY_UNAVAILABLE', {
    id: 'Kunci enkripsi biometrik tidak tersedia di hub ini; data biometrik tidak dapat disimpan atau dibuka.',
    en: 'The biometric encryption key is not available on this hub; biometric data cannot be stored or opened.',
  });
}

/** Opens a sealed image; a different key or altered bytes fail loudly, never as garbage. */
export function openImage(key: BiometricKey | undefined, imageId: string, sealed: SealedImage): Buffer {
  if (!key) throw keyUnavailable();
  if (sealed.keyId !== key.id)
    throw new LoketError(
      'WRONG_KEY',
      {
        id: 'Gambar biometrik ini dienkripsi dengan kunci lain; hub ini tidak dapat membukanya.',
        en: 'This biometric image was sealed with another key; this hub cannot open it.',
      },
      { imageId, sealedWith: sealed.keyId, hubKey: key.id },
    );
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, sealed.iv);
    decipher.setAAD(Buffer.from(imageId, 'utf8'));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    throw new LoketError(
      'WRONG_KEY',
      {
        id: 'Gambar biometrik tidak dapat dibuka: kunci salah atau data telah diubah.',
        en: 'The biometric image does not open: the key is wrong or the data was altered.',
      },
      { imageId },
    );
  }
}
