#!/usr/bin/env node
// `npm start`: bundle the Electron main process and start Loket in its station's mode.
// Where Electron's binary cannot be fetched (offline machines, CI), say so and run the floor hub
// headless instead, so the floor still works from a browser.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bundleDesktop } from './bundle.js';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist-electron');
const args = process.argv.slice(2);

for (const warning of await bundleDesktop(root, out))
  console.warn(
    `bundle: ${warning.text}${warning.location ? ` (${warning.location.file}:${warning.location.line})` : ''}`,
  );

const electronDir = path.join(root, 'node_modules/electron');
const binaryPresent = () => {
  const pathFile = path.join(electronDir, 'path.txt');
  return (
    fs.existsSync(pathFile) &&
    fs.existsSync(path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8')))
  );
};
let whyHeadless = null;
if (process.env.LOKET_NO_ELECTRON) whyHeadless = 'LOKET_NO_ELECTRON is set';
else if (!binaryPresent()) {
  console.log('Fetching the Electron binary (once)…');
  const fetched = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    stdio: ['ignore', 'inherit', 'pipe'],
    timeout: 300_000,
    encoding: 'utf8',
  });
  if (!binaryPresent()) {
    const reason = (fetched.stderr || fetched.error?.message || '').trim().split('\n')[0];
    whyHeadless = `Electron's binary could not be downloaded${reason ? ` (${reason})` : ''}`;
  }
}

if (whyHeadless) {
  console.log(`${whyHeadless}: starting the floor hub headless; stations connect to it from a browser.`);
  headlessNeeds();
  const dataDir = process.env.LOKET_DATA ?? path.join(root, '.loket-data');
  const hub = spawn(process.execPath, [path.join(root, 'bin/loket.js'), 'hub', '--data', dataDir, ...args], {
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => hub.kill(signal));
  hub.on('exit', (code) => process.exit(code ?? 0));
} else {
  // better-sqlite3, node-hid and serialport load Node-API prebuilt addons: the same files work in
  // Node and in Electron, so nothing is rebuilt for Electron.
  const electronBinary = path.join(
    electronDir,
    'dist',
    fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8'),
  );
  const child = spawn(electronBinary, [root, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

/**
 * What the headless hub needs besides Node: better-sqlite3 built for this Node, and the station
 * UIs it serves (dist/renderer, built by `npm ci`). Built here when missing; anything that cannot
 * be stops `npm start` with the one command that mends it.
 */
function headlessNeeds() {
  const sqlite = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
    cwd: root,
    encoding: 'utf8',
  });
  if (sqlite.status !== 0) {
    const reason = (sqlite.stderr || '').split('\n').find((line) => /Error/.test(line)) ?? '';
    console.error(
      `better-sqlite3 does not load on this Node ${process.version}${reason ? ` (${reason.trim()})` : ''}.\n` +
        'Run: npm rebuild better-sqlite3   (it builds with python3, make and g++ when no prebuilt binary fits)',
    );
    process.exit(1);
  }
  if (!fs.existsSync(path.join(root, 'dist/renderer/index.html'))) {
    console.log('Building the station UIs (once; `npm run build:ui` rebuilds them)…');
    const built = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
      { cwd: root, stdio: 'inherit' },
    );
    if (built.status !== 0) {
      console.error('The station UIs could not be built. Run: npm run build:ui');
      process.exit(1);
    }
  }
}
