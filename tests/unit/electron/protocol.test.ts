import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));
const { appFileFor, appResponse, siteOf } = await import('../../../src-main/electron/protocol.ts');

const uiDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-ui-'));
fs.mkdirSync(path.join(uiDir, 'assets'));
fs.writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><div id="root"></div>');
fs.writeFileSync(path.join(uiDir, 'assets', 'index-abc123.js'), 'console.log(1)');
fs.writeFileSync(path.join(uiDir, 'secret.json'), '{"token": "do not serve"}');
// The board's clips as they lie in a project: <root>/dist/renderer beside <root>/resources/audio/id.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-app-'));
const builtUi = path.join(root, 'dist', 'renderer');
const clipDir = path.join(root, 'resources', 'audio', 'id');
fs.mkdirSync(builtUi, { recursive: true });
fs.mkdirSync(clipDir, { recursive: true });
fs.writeFileSync(path.join(builtUi, 'index.html'), '<!doctype html><div id="root"></div>');
fs.writeFileSync(path.join(clipDir, 'chime.wav'), 'RIFF-chime');
fs.writeFileSync(path.join(clipDir, 'letter-a.wav'), 'RIFF-a');
fs.writeFileSync(path.join(root, 'resources', 'audio', 'README.md'), 'do not serve');
fs.writeFileSync(path.join(root, 'resources', 'secret.wav'), 'do not serve');

async function expectNothingServed(urls: string[], ui: string): Promise<void> {
  for (const url of urls) {
    const response = await appResponse(url, ui);
    expect(response.status, url).toBe(404);
    expect(await response.text(), url).not.toContain('do not serve');
  }
}

describe('the loket:// protocol that serves the station UI', () => {
  it('serves each station page and the built assets with the CSP as a header', async () => {
    for (const page of ['kiosk', 'counter', 'print', 'display', 'supervisor', 'setup']) {
      const response = await appResponse(`loket://app/${page}`, uiDir);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('id="root"');
      expect(response.headers.get('content-security-policy')).toMatch(
        /default-src 'self'.*script-src 'self'/,
      );
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    }
    const script = await appResponse('loket://app/assets/index-abc123.js', uiDir);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 404 for anything else, whatever dots, slashes or escapes the address holds', async () => {
    const tries = [
      'loket://app/secret.json',
      'loket://app/assets/../secret.json',
      'loket://app/assets/%2e%2e%2fsecret.json',
      'loket://app/assets/..%2Fsecret.json',
      'loket://app/assets/.hidden.js',
      'loket://app/assets/sub/index-abc123.js',
      'loket://app/assets/index-abc123.exe',
      'loket://app/assets/missing.js',
      'loket://app/kiosk/extra',
      'loket://app/admin',
      'loket://evil/kiosk',
      'loket://app//etc/passwd',
      'file:///etc/passwd',
      'not a url',
    ];
    await expectNothingServed(tries, uiDir);
    expect(appFileFor('loket://app/assets/index-abc123.js', uiDir)).toMatchObject({
      kind: 'asset',
      file: path.join(uiDir, 'assets', 'index-abc123.js'),
    });
  });

  it("serves the board's clips from the resources beside the built UI, as audio/wav", async () => {
    const chime = await appResponse('loket://app/audio/chime.wav', builtUi);
    expect(chime.status).toBe(200);
    expect(chime.headers.get('content-type')).toBe('audio/wav');
    expect(chime.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await chime.text()).toBe('RIFF-chime');
    expect(appFileFor('loket://app/audio/letter-a.wav', builtUi)).toEqual({
      kind: 'audio',
      file: path.join(clipDir, 'letter-a.wav'),
      type: 'audio/wav',
    });
    // An explicit folder wins, for a packaged app whose resources lie elsewhere.
    const elsewhere = await appResponse('loket://app/audio/chime.wav', uiDir, clipDir);
    expect(await elsewhere.text()).toBe('RIFF-chime');
  });

  it('answers 404 for any audio address that is not a plain clip name', async () => {
    const tries = [
      'loket://app/audio/missing.wav',
      'loket://app/audio/../README.md',
      'loket://app/audio/..%2FREADME.md',
      'loket://app/audio/%2e%2e%2fsecret.wav',
      'loket://app/audio/..%2f..%2fsecret.wav',
      'loket://app/audio/.%2e/secret.wav',
      'loket://app/audio/..\\secret.wav',
      'loket://app/audio/CHIME.WAV',
      'loket://app/audio/chime.wav/x',
      'loket://app/audio/chime',
      'loket://app/audio/chime.mp3',
      'loket://app/audio/.wav',
      'loket://app/audio/',
      'loket://app/audio',
      'loket://evil/audio/chime.wav',
      'loket://app/assets/chime.wav',
    ];
    await expectNothingServed(tries, builtUi);
  });

  it('says how to build the UI when it is not built', async () => {
    const response = await appResponse('loket://app/kiosk', path.join(uiDir, 'nothing-here'));
    expect(response.status).toBe(503);
    expect(await response.text()).toMatch(/npm run build:ui/);
  });

  it('compares addresses by scheme and host, which URL.origin cannot do for a custom scheme', () => {
    expect(new URL('loket://app/kiosk').origin).toBe('null');
    expect(siteOf('loket://app/kiosk')).toBe('loket://app');
    expect(siteOf('loket://app.evil/kiosk')).toBe('loket://app.evil');
    expect(siteOf('garbage')).toBeNull();
  });
});
