import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { faceAssets } from '../../scripts/faceAssets.ts';
import { contentTypes, stationCsp } from '../../src-main/hub/stationUi.ts';

export interface FaceHarness {
  /** The page with the face photo on it. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

const page = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Foto wajah</title>
<link rel="stylesheet" href="/harness.css"></head>
<body><script type="module" src="/harness.js"></script></body></html>`;

/**
 * Bundles tests/support/faceHarnessPage.tsx with esbuild and serves it on 127.0.0.1 with the
 * station's CSP, beside the face models and wasm under /assets/ as the built UI has them.
 */
export async function startFaceHarness(): Promise<FaceHarness> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-face-harness-'));
  await build({
    entryPoints: { harness: path.join(import.meta.dirname, 'faceHarnessPage.tsx') },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const files = new Map<string, { body: Buffer; type: string }>([
    ['/face', { body: Buffer.from(page), type: 'text/html; charset=utf-8' }],
    ['/harness.js', { body: fs.readFileSync(path.join(outdir, 'harness.js')), type: contentTypes['.js']! }],
    [
      '/harness.css',
      { body: fs.readFileSync(path.join(outdir, 'harness.css')), type: contentTypes['.css']! },
    ],
  ]);
  for (const asset of faceAssets()) {
    files.set(`/assets/${asset.name}`, { body: asset.body, type: contentTypes[path.extname(asset.name)]! });
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  const server = http.createServer((request, response) => {
    const file = files.get(new URL(request.url ?? '/', 'http://x').pathname);
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': stationCsp,
      'x-content-type-options': 'nosniff',
    });
    response.end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/face`,
    origin,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
