import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { faceAssets } from '../../scripts/faceAssets.ts';
import { appResponse } from '../../src-main/electron/protocol.ts';
import { serveStationUi } from '../../src-main/hub/stationUi.ts';

// A built UI as `vite build` leaves it: the page, and the face detector's files among the assets.
const uiDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-face-ui-'));
fs.mkdirSync(path.join(uiDir, 'assets'));
fs.writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><div id="root"></div>');
const assets = faceAssets();
for (const asset of assets) fs.writeFileSync(path.join(uiDir, 'assets', asset.name), asset.body);
afterAll(() => fs.rmSync(uiDir, { recursive: true, force: true }));

const expectedType = (name: string) =>
  name.endsWith('.wasm')
    ? 'application/wasm'
    : name.endsWith('.bin')
      ? 'application/octet-stream'
      : 'application/json';

describe("the face detector's files, served from the app's own assets", () => {
  it('the build carries only the three face models and the wasm backend, each model naming its served weights', () => {
    // Named by the version of the package they come from (the hub caches assets for a year).
    const unversioned = assets.map((asset) => asset.name.replace(/-\d+\.\d+\.\d+-/, '-<v>-')).sort();
    expect(unversioned).toEqual([
      'human-<v>-blazeface.bin',
      'human-<v>-blazeface.json',
      'human-<v>-facemesh.bin',
      'human-<v>-facemesh.json',
      'human-<v>-iris.bin',
      'human-<v>-iris.json',
      'tfjs-<v>-tfjs-backend-wasm-simd.wasm',
      'tfjs-<v>-tfjs-backend-wasm.wasm',
    ]);
    const irisJson = assets.find((a) => a.name.endsWith('-iris.json'));
    const iris = JSON.parse(String(irisJson?.body));
    expect(iris.weightsManifest[0].paths).toEqual([irisJson?.name.replace(/\.json$/, '.bin')]);
    expect(assets.reduce((sum, asset) => sum + asset.body.length, 0)).toBeLessThan(8_000_000);
  });

  it("a counter's browser gets them from the hub with their types, under a CSP that lets wasm compile but no script eval", async () => {
    const app = Fastify();
    serveStationUi(app, uiDir);
    try {
      for (const asset of assets) {
        const response = await app.inject({ method: 'GET', url: `/assets/${asset.name}` });
        expect(response.statusCode, asset.name).toBe(200);
        expect(response.headers['content-type'], asset.name).toContain(expectedType(asset.name));
        expect(response.rawPayload.equals(asset.body), asset.name).toBe(true);
      }
      const page = await app.inject({ method: 'GET', url: '/counter' });
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp).not.toContain("'unsafe-eval'");
      expect(csp).toContain("connect-src 'self'");
    } finally {
      await app.close();
    }
  });

  it('the desktop app gets them through loket:// the same way', async () => {
    for (const asset of assets) {
      const response = await appResponse(`loket://app/assets/${asset.name}`, uiDir);
      expect(response.status, asset.name).toBe(200);
      expect(response.headers.get('content-type'), asset.name).toContain(expectedType(asset.name));
    }
  });
});
