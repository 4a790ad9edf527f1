import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('../../support/electronMock.ts')).fakeElectron.module);

const { stationBiometricKey } = await import('../../../src-main/electron/biometricKey.ts');
const { fakeElectron } = await import('../../support/electronMock.ts');

describe("a desktop hub's biometric key", () => {
  it('is kept only as the operating system protects it, and is the same key after a restart', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-safe-'));
    const safeStorage = fakeElectron.module.safeStorage;
    const key = stationBiometricKey(safeStorage, dir, () => {});
    const stored = fs.readFileSync(path.join(dir, 'biometric.key.protected'));
    expect(stored.includes(key.key.toString('base64'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'biometric.key'))).toBe(false);
    expect(stationBiometricKey(safeStorage, dir, () => {}).id).toBe(key.id);
  });

  it('falls back to a key file for this user only, and says so, where the OS protects nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-safe-'));
    const lines: string[] = [];
    const none = { ...fakeElectron.module.safeStorage, isEncryptionAvailable: () => false };
    stationBiometricKey(none, dir, (line) => lines.push(line));
    expect(fs.statSync(path.join(dir, 'biometric.key')).mode & 0o777).toBe(0o600);
    expect(lines.join('\n')).toMatch(/no key protection/);
  });
});
