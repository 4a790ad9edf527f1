import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { biometricKeyFile, loadBiometricKeyFile } from '../../../src-main/hub/biometricKey.ts';
import { newBiometricKey, openImage, sealImage } from '../../../src-main/services/biometricVault.ts';

describe('the biometric key and seal', () => {
  it('makes the hub key once, readable by its user only, and reads the same key back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-key-'));
    const file = biometricKeyFile(dir);
    const first = loadBiometricKeyFile(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadBiometricKeyFile(file).id).toBe(first.id);
    fs.chmodSync(file, 0o644);
    expect(() => loadBiometricKeyFile(file)).toThrow(/other users.*chmod 600/);
  });

  it('opens a sealed image with its key only, and only on its own row', () => {
    const key = newBiometricKey();
    const image = Buffer.from('\xff\xd8 a face \xff\xd9', 'latin1');
    const sealed = sealImage(key, 'image-1', image);
    expect(sealed.ciphertext.includes(Buffer.from('a face'))).toBe(false);
    expect(openImage(key, 'image-1', sealed).equals(image)).toBe(true);
    expect(() => openImage(newBiometricKey(), 'image-1', sealed)).toThrow(/sealed with another key/);
    expect(() => openImage(key, 'image-2', sealed)).toThrow(/key is wrong or the data was altered/);
    const altered = { ...sealed, ciphertext: Buffer.from(sealed.ciphertext) };
    altered.ciphertext[0] = (altered.ciphertext[0] as number) ^ 1;
    expect(() => openImage(key, 'image-1', altered)).toThrow(/altered/);
    expect(() => openImage(undefined, 'image-1', sealed)).toThrow(/key is not available/);
  });
});
