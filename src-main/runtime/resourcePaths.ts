import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where Loket's shipped files are, in each way it runs (issue 24): one answer for the calendars,
 * the board's audio, the MRZ font, the ticket logo, the station UIs, the face models and the native
 * addons, so the hub, the CLI and the desktop app never guess a path of their own.
 *
 * - `source`: a checkout or an `npm ci` (the headless hub, the CLI, `npm start` in development):
 *   `<root>/resources/…`, `<root>/dist/renderer`, `<root>/node_modules/…`.
 * - `packaged`: an installed app as electron-builder lays it out (electron-builder.yml): the code
 *   and the UIs inside `<resources>/app.asar` (`appPath`), `resources/` copied beside it as
 *   `<resources>/resources` (extraResources), and native addons outside the archive in
 *   `<resources>/app.asar.unpacked` (asarUnpack), where the operating system can load them.
 */
export type Layout =
  { kind: 'source'; root: string } | { kind: 'packaged'; resourcesPath: string; appPath: string };

export interface ResourcePaths {
  layout: Layout['kind'];
  /** The shipped holiday calendars, `<year>.json`. */
  calendars: string;
  /** The board's spoken-call clips in Bahasa Indonesia. */
  audio: string;
  /** The OCR-B font of the passport data page's MRZ. */
  ocrbFont: string;
  /** The logo at the top of tickets. */
  logo: string;
  /** The built station UIs (vite's output). */
  renderer: string;
  /** The counter's face detector's models and wasm, served with the UIs. */
  faceModels: string;
  /**
   * Native addons, where the runtime loads them from: better-sqlite3's prebuilt addon for this
   * platform, and the packages of node-hid and serialport's bindings (they load a prebuilt
   * Node-API addon from their `prebuilds/`). Node-API: the same files serve Node and Electron.
   */
  nativeAddons: { betterSqlite3: string; nodeHid: string; serialport: string };
}

/** The checkout or install this file runs from: `src-main/runtime/` is two folders below it. */
export const sourceRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * better-sqlite3 (13 on) ships Node-API addons per platform in `prebuilds/`, loaded in Node and in
 * Electron alike (its lib/binding.js; musl Linux has its own, `linuxmusl-*`).
 */
function addonPlatform(): string {
  if (process.platform !== 'linux') return process.platform;
  const report = process.report.getReport() as { header?: { glibcVersionRuntime?: string } };
  return report.header?.glibcVersionRuntime ? 'linux' : 'linuxmusl';
}

export function resourcePaths(layout: Layout): ResourcePaths {
  const shipped =
    layout.kind === 'source'
      ? path.join(layout.root, 'resources')
      : path.join(layout.resourcesPath, 'resources');
  const app = layout.kind === 'source' ? layout.root : layout.appPath;
  // asarUnpack keeps every *.node outside the archive, at the same relative path.
  const modules =
    layout.kind === 'source'
      ? path.join(layout.root, 'node_modules')
      : path.join(`${layout.appPath}.unpacked`, 'node_modules');
  const renderer = path.join(app, 'dist', 'renderer');
  return {
    layout: layout.kind,
    calendars: path.join(shipped, 'calendars'),
    audio: path.join(shipped, 'audio', 'id'),
    ocrbFont: path.join(shipped, 'fonts', 'OCRB.otf'),
    logo: path.join(shipped, 'logo', 'loket.png'),
    renderer,
    faceModels: path.join(renderer, 'assets'),
    nativeAddons: {
      betterSqlite3: path.join(
        modules,
        'better-sqlite3',
        'prebuilds',
        `${addonPlatform()}-${process.arch}.node`,
      ),
      nodeHid: path.join(modules, 'node-hid'),
      serialport: path.join(modules, '@serialport', 'bindings-cpp'),
    },
  };
}

/** The paths of a checkout or `npm ci`: the hub, the CLI and the tests. */
export const sourceResources: ResourcePaths = resourcePaths({ kind: 'source', root: sourceRoot });

/**
 * What is missing of what Loket needs to run, by name: said once at start-up instead of failing
 * later on the first ticket, call or print. The UIs are missing until `npm ci` (or `vite build`) has
 * built them; an addon is missing until it is built for the runtime.
 */
export function missingResources(paths: ResourcePaths): string[] {
  const needed: [string, string][] = [
    ['calendars', path.join(paths.calendars, 'README.md')],
    ['audio', paths.audio],
    ['ocrbFont', paths.ocrbFont],
    ['logo', paths.logo],
    ['renderer', path.join(paths.renderer, 'index.html')],
    ['betterSqlite3', paths.nativeAddons.betterSqlite3],
  ];
  return needed.filter(([, file]) => !fs.existsSync(file)).map(([name, file]) => `${name}: ${file}`);
}
