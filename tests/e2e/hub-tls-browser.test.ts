import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/domain/clock.ts';
import { startHub, type Hub } from '../../src-main/hub/server.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { addStation } from '../../src-main/services/stations.ts';
import { launchChromium, officerSignIn, openStation } from '../support/browser.ts';
import { at } from '../support/floor.ts';
import { projectRoot } from '../support/hub.ts';

let hub: Hub;
let dataDir: string;
const browsers: Browser[] = [];
const contexts: BrowserContext[] = [];
let supervisorToken = '';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-tls-browser-'));
  const clock = new ManualClock(at('2026-11-30', '09:15'));
  hub = await startHub({
    dataDir,
    clock,
    port: 0,
    tls: true,
    uiDir: process.env.LOKET_TEST_UI_DIR ?? path.join(projectRoot, 'dist/renderer'),
  });
  const ctx = { store: hub.store, clock };
  addUser(ctx, commandLine, {
    username: 'kadek',
    name: 'Kadek Supervisor',
    role: 'supervisor',
    secret: '975310',
  });
  supervisorToken = addStation(ctx, commandLine, { mode: 'supervisor', name: 'Supervisor' }).token;
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  for (const browser of browsers) await browser.close();
  await hub?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a browser station on a TLS hub', () => {
  it('trusts the hub by the public-key hash the hub prints, signs in and issues a pairing code', async () => {
    // A browser that was not told about the hub's key refuses the page outright.
    const stranger = await launchChromium();
    browsers.push(stranger);
    const strangerPage = await stranger.newPage();
    await expect(strangerPage.goto(`${hub.url}/supervisor`)).rejects.toThrow(/ERR_CERT/);

    const browser = await launchChromium([`--ignore-certificate-errors-spki-list=${hub.spkiSha256}`]);
    browsers.push(browser);
    const page = await openStation(browser, contexts, `${hub.url}/supervisor`, supervisorToken);
    await officerSignIn(page, 'kadek', '975310');
    const panel = page.getByTestId('floor-stations');
    await expect.poll(() => panel.getByTestId('hub-fingerprint').textContent()).toBe(hub.fingerprint);

    await panel.getByLabel('Nama stasiun').fill('Papan Aula 2');
    await panel.getByLabel('Peran').selectOption('display');
    await panel.getByRole('button', { name: 'Tambah stasiun' }).click();
    const shown = panel.getByTestId('pairing-code');
    await expect.poll(() => shown.textContent()).toMatch(/Papan Aula 2: [A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/);
    expect(hub.store.stations.list().map((s) => s.name)).toContain('Papan Aula 2');
  });
});
