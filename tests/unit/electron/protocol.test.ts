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
    for (const url of tries) {
      const response = await appResponse(url, uiDir);
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('do not serve');
    }
    expect(appFileFor('loket://app/assets/index-abc123.js', uiDir)).toMatchObject({
      kind: 'asset',
      file: path.join(uiDir, 'assets', 'index-abc123.js'),
    });
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
