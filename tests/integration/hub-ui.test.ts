import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/domain/clock.ts';
import { startHub, type Hub } from '../../src-main/hub/server.ts';
import { at } from '../support/floor.ts';

const dirs: string[] = [];
const hubs: Hub[] = [];
afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-ui-'));
  dirs.push(dir);
  return dir;
}

/** A hub serving a small built UI of our own making, so the test knows every file in it. */
async function hubWithUi(files: Record<string, string> | null): Promise<Hub> {
  const uiDir = tempDir();
  if (files) {
    fs.mkdirSync(path.join(uiDir, 'assets'));
    for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(uiDir, name), body);
  }
  fs.writeFileSync(path.join(uiDir, 'secret.txt'), 'not for the floor');
  const hub = await startHub({
    dataDir: tempDir(),
    clock: new ManualClock(at('2026-11-30', '09:00')),
    uiDir,
  });
  hubs.push(hub);
  return hub;
}

describe('the hub serving the station UIs', () => {
  it('serves /kiosk with a same-origin CSP and its built assets with their types', async () => {
    const hub = await hubWithUi({
      'index.html': '<!doctype html><p>kiosk</p>',
      'assets/app-1.js': 'console.log(1)',
    });
    const page = await fetch(`${hub.url}/kiosk`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<p>kiosk</p>');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const script = await fetch(`${hub.url}/assets/app-1.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toBe('console.log(1)');
  });

  it('no page of a plain hub can be framed by another site, and it sends no HSTS over HTTP', async () => {
    const hub = await hubWithUi({ 'index.html': '<!doctype html><p>kiosk</p>' });
    for (const page of ['/', '/kiosk', '/supervisor', '/healthz']) {
      const response = await fetch(`${hub.url}${page}`);
      expect(response.headers.get('x-frame-options'), page).toBe('DENY');
      expect(response.headers.get('strict-transport-security'), page).toBeNull();
      if (page !== '/healthz') {
        expect(response.headers.get('content-security-policy'), page).toContain("frame-ancestors 'none'");
      }
    }
  });

  it('serves nothing outside the built assets, whatever the path says', async () => {
    const hub = await hubWithUi({ 'index.html': '<p>kiosk</p>', 'assets/app-1.js': '1' });
    for (const probe of [
      '/assets/..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/assets/../secret.txt',
      '/secret.txt',
      '/assets/',
    ]) {
      const response = await fetch(`${hub.url}${probe}`);
      expect(response.status, probe).toBe(404);
      expect(await response.text(), probe).not.toContain('not for the floor');
    }
  });

  it('says how to build the UI when it has not been built', async () => {
    const hub = await hubWithUi(null);
    const page = await fetch(`${hub.url}/kiosk`);
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('npm run build:ui');
  });
});
