import fs from 'node:fs';
import path from 'node:path';
import type { CustomScheme } from 'electron';
import { audioClipFile, contentTypes, stationCsp } from '../hub/stationUi.ts';
import { stationModes } from '../domain/roles.ts';

/** The station UI is loaded from `loket://app/<page>`, never from file://. */
export const appScheme = 'loket';
export const appSite = 'loket://app';

/** Registered before the app is ready: a standard, secure scheme the renderer may fetch from. */
export const appSchemePrivileges: CustomScheme = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/** The pages the window may show: one per station mode, and the first-start set-up screen. */
export const appPages: ReadonlySet<string> = new Set([...stationModes, 'setup', 'out-of-service']);

/** `loket://app/kiosk` → 'kiosk', for comparing a window's address with where it may be. */
export function siteOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

export type AppFile =
  | { kind: 'page' }
  | { kind: 'asset'; file: string; type: string }
  | { kind: 'audio'; file: string; type: string }
  | null;

/**
 * The board's clips beside a built UI: `<project>/dist/renderer` → `<project>/resources/audio/id`
 * (resources/audio/README.md).
 */
export const audioDirFor = (uiDir: string): string => path.resolve(uiDir, '../../resources/audio/id');

/**
 * Which file a `loket://` address names, or null. Only `loket://app/<page>`,
 * `loket://app/assets/<name>` with a plain file name and a known type, and
 * `loket://app/audio/<clip>.wav`: no dots up, no slashes or percent-escapes in names, no other
 * host, no query tricks reaching the disk.
 */
export function appFileFor(url: string, uiDir: string, audioDir: string = audioDirFor(uiDir)): AppFile {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${appScheme}:` || parsed.host !== 'app') return null;
  const parts = parsed.pathname.split('/').slice(1);
  if (parts.length === 1 && appPages.has(parts[0] as string)) return { kind: 'page' };
  if (parts.length !== 2) return null;
  const name = parts[1] as string;
  if (parts[0] === 'audio') {
    if (!audioClipFile.test(name)) return null;
    return { kind: 'audio', file: path.join(path.resolve(audioDir), name), type: 'audio/wav' };
  }
  if (parts[0] !== 'assets') return null;
  const type = contentTypes[path.extname(name)];
  if (!type || !/^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,200}$/.test(name)) return null;
  const assets = path.resolve(uiDir, 'assets');
  const file = path.resolve(assets, name);
  if (path.dirname(file) !== assets) return null;
  return { kind: 'asset', file, type };
}

/** Built assets have hashed names; clips keep theirs across versions, so they are kept a day. */
const cacheControl = {
  page: 'no-store',
  asset: 'public, max-age=31536000, immutable',
  audio: 'public, max-age=86400',
};

const securityHeaders = {
  'content-security-policy': stationCsp,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * The `loket://` protocol handler's answer: the built UI with its CSP as a header, the board's
 * clips, or 404.
 */
export async function appResponse(
  url: string,
  uiDir: string,
  audioDir: string = audioDirFor(uiDir),
): Promise<Response> {
  const target = appFileFor(url, uiDir, audioDir);
  const notFound = () => new Response('Not found', { status: 404, headers: securityHeaders });
  if (!target) return notFound();
  const file = target.kind === 'page' ? path.join(uiDir, 'index.html') : target.file;
  let body: Buffer;
  try {
    body = await fs.promises.readFile(file);
  } catch {
    if (target.kind !== 'page') return notFound();
    return new Response('The station UI is not built. Run `npm run build:ui`.', {
      status: 503,
      headers: { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: {
      ...securityHeaders,
      'content-type': target.kind === 'page' ? 'text/html; charset=utf-8' : target.type,
      'cache-control': cacheControl[target.kind],
    },
  });
}
