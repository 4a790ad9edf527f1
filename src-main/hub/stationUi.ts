import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { stationModes } from '../domain/roles.ts';
import { sourceResources } from '../runtime/resourcePaths.ts';

/** The station UIs the hub serves, one per mode; `npm ci` builds them into dist/renderer (vite build). */
export const stationModesWithUi = stationModes;
export const defaultUiDir = path.resolve(import.meta.dirname, '../../dist/renderer');
/** The board's spoken-call clips (resources/audio/README.md), served at `/audio/<name>.wav`. */
export const defaultAudioDir = sourceResources.audio;
/** A clip's file name: lower-case words and digits joined by hyphens, `.wav` — nothing else. */
export const audioClipFile = /^[a-z0-9]+(?:-[a-z0-9]+)*\.wav$/;

/** The types of the built UI's files, shared with the desktop app's loket:// protocol. */
export const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.json': 'application/json',
  // The face photo's detector: model weights and tfjs's WebAssembly backend.
  '.bin': 'application/octet-stream',
  '.wasm': 'application/wasm',
};

/**
 * Same-origin only: no inline script, no other hosts, no framing. 'wasm-unsafe-eval' lets the
 * counter's face detector compile its WebAssembly (served from 'self'); it allows no eval of script.
 */
export const stationCsp = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "media-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset {
  body: Buffer;
  type: string;
}

/** The clips in `audioDir`, read once: none if the folder is missing. */
function readAudioClips(audioDir: string): Map<string, Buffer> {
  const clips = new Map<string, Buffer>();
  if (!fs.existsSync(audioDir)) return clips;
  for (const entry of fs.readdirSync(audioDir, { withFileTypes: true })) {
    if (entry.isFile() && audioClipFile.test(entry.name))
      clips.set(entry.name, fs.readFileSync(path.join(audioDir, entry.name)));
  }
  return clips;
}

/**
 * Reads the built UI and the board's audio clips once into memory and serves only those files: a
 * request can name nothing else on disk, whatever dots or slashes it holds. Without a build, the
 * station pages say how to make one.
 */
export function serveStationUi(
  app: FastifyInstance,
  uiDir: string = defaultUiDir,
  audioDir: string = defaultAudioDir,
): void {
  const assets = new Map<string, Asset>();
  const indexFile = path.join(uiDir, 'index.html');
  if (fs.existsSync(indexFile)) {
    for (const entry of fs.readdirSync(path.join(uiDir, 'assets'), { withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const type = contentTypes[path.extname(entry.name)];
      if (type)
        assets.set(entry.name, { body: fs.readFileSync(path.join(uiDir, 'assets', entry.name)), type });
    }
  }
  const index = fs.existsSync(indexFile) ? fs.readFileSync(indexFile) : null;

  const page = async (_request: unknown, reply: FastifyReply) => {
    reply.header('content-security-policy', stationCsp).header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
    if (!index) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The station UI is not built. Run `npm run build:ui` (npm ci does it) and restart the hub.');
    }
    return reply.type('text/html; charset=utf-8').send(index);
  };
  for (const mode of stationModesWithUi) {
    app.get(`/${mode}`, page);
    app.get(`/${mode}/*`, page);
  }
  const notFound = (reply: FastifyReply) =>
    reply.code(404).send({ error: { code: 'NOT_FOUND', message: { id: 'Tidak ada.', en: 'Not found.' } } });
  app.get<{ Params: { file: string } }>('/assets/:file', async (request, reply) => {
    const asset = assets.get(request.params.file);
    if (!asset) return notFound(reply);
    return reply
      .type(asset.type)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(asset.body);
  });
  const clips = readAudioClips(audioDir);
  app.get<{ Params: { file: string } }>('/audio/:file', async (request, reply) => {
    const clip = clips.get(request.params.file);
    if (!clip) return notFound(reply);
    return reply
      .type('audio/wav')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=86400')
      .send(clip);
  });
}
