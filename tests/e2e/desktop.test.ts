import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { operationNames } from '../../src-main/api/contract.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { floorDataDir } from '../../src-main/station/setup.ts';
import { openDatabase } from '../../src-main/store/db.ts';
import { Store } from '../../src-main/store/store.ts';
import { PrinterSimulator } from '../../drivers/ticket-printer/simulator.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { launchChromium, screenshot, wedgeScan } from '../support/browser.ts';
import { at } from '../support/floor.ts';
import { projectRoot } from '../support/hub.ts';

vi.mock('electron', async () => (await import('../support/electronMock.ts')).fakeElectron.module);
const { fakeElectron: electron } = await import('../support/electronMock.ts');
const { launch } = await import('../../src-main/electron/main.ts');
const { appResponse } = await import('../../src-main/electron/protocol.ts');

/**
 * The desktop app's pages in a real browser: Chromium stands in for Electron's window. The pages
 * come from the loket:// protocol handler (served over loopback HTTP), and `window.loket` is a test
 * bridge shaped like the preload's, derived from the same contract, whose messages reach the app's
 * real IPC handlers as if sent by its window's top frame.
 */
const uiDir = path.join(projectRoot, 'dist/renderer');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-desktop-e2e-'));
let browser: Browser;
let server: http.Server;
let base: string;
let printer: PrinterSimulator;
let shell: Awaited<ReturnType<typeof launch>>;
let page: Page;

const appWindow = () => electron.windows.at(-1);

beforeAll(async () => {
  server = http.createServer((request, reply) => {
    void appResponse(`loket://app${request.url ?? '/'}`, uiDir).then(async (response) => {
      const headers: Record<string, string> = {};
      response.headers.forEach((value, key) => (headers[key] = value));
      reply.writeHead(response.status, headers);
      reply.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  printer = await PrinterSimulator.start();
  browser = await launchChromium();

  process.env.LOKET_HOME = home;
  process.env.LOKET_NOW = '2026-11-30T09:15:00+08:00';
  shell = await launch();
  delete process.env.LOKET_HOME;
  delete process.env.LOKET_NOW;

  page = await (await browser.newContext({ viewport: { width: 1080, height: 1920 } })).newPage();
  await page.exposeFunction('__loketIpc', async (channel: string, ...args: unknown[]) => {
    const window = appWindow();
    const event = {
      sender: { id: window.webContents.id },
      senderFrame: { url: window.loaded, parent: null },
    };
    return electron.ipcHandlers[channel]?.(event, ...args);
  });
  await page.addInitScript((names: string[]) => {
    const ipc = (window as any).__loketIpc as (channel: string, ...args: unknown[]) => Promise<unknown>;
    (window as any).loket = Object.freeze({
      platform: 'electron',
      api: Object.freeze(
        Object.fromEntries(names.map((n) => [n, (input: unknown) => ipc('loket:call', n, input)])),
      ),
      exit: (pin: string) => ipc('loket:exit', pin),
      onExitRequested(listener: () => void) {
        window.addEventListener('loket-exit-requested', listener);
        return () => window.removeEventListener('loket-exit-requested', listener);
      },
      setup: (input: unknown) => ipc('loket:setup', input),
      // The main process follows the hub for the window and sends it the frames, as the preload's.
      events: Object.freeze({
        follow(onFrame: (frame: unknown) => void, onStatus: (status: string) => void) {
          const frame = (event: Event) => onFrame((event as CustomEvent).detail);
          const status = (event: Event) => onStatus((event as CustomEvent).detail);
          window.addEventListener('loket-frame', frame);
          window.addEventListener('loket-stream-status', status);
          void ipc('loket:follow');
          return () => {
            window.removeEventListener('loket-frame', frame);
            window.removeEventListener('loket-stream-status', status);
          };
        },
      }),
    });
  }, operationNames as string[]);
  // What the app sends its window arrives in the page.
  electron.sendHooks.push((channel, value) => {
    if (channel === 'loket:exit-requested')
      void page.evaluate(() => window.dispatchEvent(new Event('loket-exit-requested')));
    const forwarded = { 'loket:frame': 'loket-frame', 'loket:stream-status': 'loket-stream-status' }[channel];
    if (forwarded)
      void page
        .evaluate(([name, detail]) => window.dispatchEvent(new CustomEvent(name, { detail })), [
          forwarded,
          value,
        ] as const)
        .catch(() => undefined); // the page may be navigating
  });
}, 60_000);

afterAll(async () => {
  await shell?.stop();
  await browser?.close();
  await printer?.stop();
  await new Promise((resolve) => server?.close(resolve));
  fs.rmSync(home, { recursive: true, force: true });
});

/** Follows the app to the page it loaded in its window. */
async function followWindow(): Promise<void> {
  await page.goto(`${base}${new URL(appWindow().loaded).pathname}`);
}

describe('the desktop app, first start to kiosk', () => {
  it('sets this PC up as the hub and a kiosk from the set-up screen', async () => {
    expect(appWindow().loaded).toBe('loket://app/setup');
    await followWindow();
    await screenshot(page, 'desktop-setup-choice');
    await page.getByRole('button', { name: /Komputer ini adalah hub/ }).click();
    await page.getByRole('radio', { name: 'Kios' }).check();
    await page.getByLabel('Nama stasiun').fill('Kios pintu utama');
    await page.getByLabel(/Printer tiket/).fill(`127.0.0.1:${printer.port}`);
    await page.getByLabel(/PIN supervisor/).fill('246810');
    await page.getByLabel('Ulangi PIN').fill('246811');
    await page.getByRole('button', { name: 'Simpan dan mulai' }).click();
    await page.getByRole('alert').filter({ hasText: 'Kedua PIN tidak sama.' }).waitFor();
    expect(fs.existsSync(path.join(home, 'station.json'))).toBe(false);

    await page.getByLabel('Ulangi PIN').fill('246810');
    await screenshot(page, 'desktop-setup-form');
    await page.getByRole('button', { name: 'Simpan dan mulai' }).click();
    await expect.poll(() => appWindow().loaded).toBe('loket://app/kiosk');
    expect(appWindow().options.kiosk).toBe(true);
  });

  it('checks a citizen in through the bridge and prints on the configured printer', async () => {
    const store = new Store(openDatabase(floorDataDir(home)));
    try {
      importAppointments({ store, clock: { now: () => at('2026-11-30', '08:00') } }, commandLine, {
        format: 'csv',
        content: appointmentCsv([sampleAppointment(1)]),
      });
    } finally {
      store.close();
    }
    await followWindow();
    await page.locator('[data-screen="idle"]').waitFor();
    await wedgeScan(page, 'MPDPS-00001');
    await page.locator('[data-screen="ticket"]').waitFor();
    expect(await page.getByTestId('ticket-number').textContent()).toBe('A2-001');
    const [job] = await printer.waitForJobs(1);
    expect(job?.decoded.text.join('\n')).toContain('A2-001');
  });

  it('lets staff out only with the supervisor PIN, from the corner taps or the key chord', async () => {
    for (let i = 0; i < 5; i += 1) await page.mouse.click(20, 20);
    const pad = page.getByRole('dialog', { name: 'Keluar dari stasiun' });
    await pad.waitFor();
    for (const digit of '111111') await pad.getByRole('button', { name: digit, exact: true }).click();
    await pad.getByRole('button', { name: 'Keluar' }).click();
    await pad.getByRole('alert').filter({ hasText: 'PIN salah.' }).waitFor();
    await screenshot(page, 'desktop-exit-pin');
    await pad.getByRole('button', { name: 'Batal' }).click();
    await pad.waitFor({ state: 'detached' });
    expect(electron.exits).toEqual([]);

    // Ctrl+Alt+Shift+X reaches the main process (a citizen's keyboard never gets it to the page).
    appWindow().handlers['before-input-event'](
      { preventDefault: () => undefined },
      { type: 'keyDown', key: 'X', control: true, alt: true, shift: true, meta: false },
    );
    await pad.waitFor();
    for (const digit of '246810') await pad.getByRole('button', { name: digit, exact: true }).click();
    await pad.getByRole('button', { name: 'Keluar' }).click();
    await expect.poll(() => electron.exits).toEqual([0]);
  });
});
