#!/usr/bin/env node
// `npm run dist [-- --linux|--win]`: the office's installers (electron-builder.yml: a Linux AppImage
// and deb, a per-user Windows installer), with the latest*.yml and blockmaps the hub's update
// channel takes (`loket updates publish release/`). It bundles dist-electron/ first. electron-builder
// needs Electron's own binary for the target platform: where it cannot be had (no network to
// github.com, as on the machines Loket is developed on), it says so and stops.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bundleDesktop } from './bundle.js';

const root = path.resolve(import.meta.dirname, '..');
const warnings = await bundleDesktop(root, path.join(root, 'dist-electron'));
for (const warning of warnings) console.warn(`bundle: ${warning.text}`);
if (!fs.existsSync(path.join(root, 'dist/renderer/index.html'))) {
  console.error('The station UIs are not built: run `npm run build:ui` first.');
  process.exit(1);
}
const targets = process.argv.slice(2);
const built = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/electron-builder/cli.js'), '--publish', 'never', ...targets],
  { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
process.stdout.write(built.stdout ?? '');
process.stderr.write(built.stderr ?? '');
if (built.status !== 0) {
  // electron-builder says why on stdout; a failed name lookup or connection is the missing network.
  const said = `${built.stdout ?? ''}${built.stderr ?? ''}`;
  const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo/i.test(said);
  console.error(
    offline
      ? "\nelectron-builder could not fetch Electron's binary (this machine reaches no download server).\n" +
          'Build the installers on a machine with internet access: npm ci && npm run dist -- --linux --win'
      : '\nelectron-builder failed; its message is above.',
  );
  process.exit(1);
}
console.log(
  'Installers and their channel files are in release/: publish them with `loket updates publish release/ --data DIR`.',
);
