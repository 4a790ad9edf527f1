import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import {
  launchChromium,
  officerSignIn,
  openStation as openStationAt,
  screenshot,
} from '../support/browser.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { ptyPair, type PtyPair } from '../support/socat.ts';
import { serialPrinterOnPty, type PtyPrinter } from '../support/ptyPrinter.ts';

/**
 * The kiosk with real serial devices in place of the keyboard wedge and the network printer: the
 * hub opens a serial scanner and a serial ticket printer through the real serialport binding on
 * socat pseudo-terminals, the test plays both devices on the other ends, and pulls their cables.
 */
let browser: Browser;
let t: TestHub;
let scanner: PtyPair;
let printer: PtyPrinter;
const tokens = { kiosk: '', trainingKiosk: '', supervisor: '' };

beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestHub();
  const ctx = { store: t.hub.store, clock: t.clock };
  importAppointments(ctx, commandLine, {
    format: 'csv',
    content: appointmentCsv(Array.from({ length: 6 }, (_, i) => sampleAppointment(i + 1))),
  });
  addUser(ctx, commandLine, {
    username: 'kadek',
    name: 'Kadek Supervisor',
    role: 'supervisor',
    secret: '975310',
  });
  tokens.kiosk = t.pair('kiosk', 'Kiosk 1');
  tokens.supervisor = t.pair('supervisor', 'Supervisor');
  tokens.trainingKiosk = t.pair('kiosk', 'Kiosk Latihan');
  const trainingId = t.hub.store.stations.list().find((s) => s.name === 'Kiosk Latihan')?.id as string;
  t.hub.store.stations.setScanner(trainingId, { transport: 'simulator' });
  t.hub.store.stations.setTicketPrinter(trainingId, { transport: 'simulator' });
  const kioskId = t.hub.store.stations.list().find((s) => s.name === 'Kiosk 1')?.id as string;
  scanner = await ptyPair();
  printer = await serialPrinterOnPty();
  t.hub.store.stations.setScanner(kioskId, { transport: 'serial', path: scanner.host });
  t.hub.store.stations.setTicketPrinter(kioskId, { transport: 'serial', path: printer.pair.host });
  await t.hub.devices.sync();
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.close();
  await scanner?.dispose();
  await printer?.dispose();
});

const contexts: BrowserContext[] = [];
const openStation = (path: string, token: string, viewport = { width: 1080, height: 1920 }) =>
  openStationAt(browser, contexts, `${t.hub.url}${path}`, token, viewport);

let supervisorPage: Page | null = null;

/** The supervisor's console, signed in once: the officer's session belongs to the station. */
async function openSupervisor(): Promise<Page> {
  if (supervisorPage) return supervisorPage;
  const page = await openStation('/supervisor', tokens.supervisor, { width: 1600, height: 900 });
  await officerSignIn(page, 'kadek', '975310');
  await page.locator('[data-screen="floor"]').waitFor();
  supervisorPage = page;
  return page;
}

/** The state the supervisor's floor shows for one of the kiosk's devices. */
const shownState = (supervisor: Page, slot: 'scanner' | 'ticketPrinter') =>
  supervisor
    .getByTestId('floor-devices')
    .locator(`[data-station="Kiosk 1"][data-slot="${slot}"] [data-state]`);

async function waitForState(supervisor: Page, slot: 'scanner' | 'ticketPrinter', state: string) {
  await supervisor
    .getByTestId('floor-devices')
    .locator(`[data-station="Kiosk 1"][data-slot="${slot}"] [data-state="${state}"]`)
    .waitFor({ timeout: 15_000 });
}

/** A scan as the serial scanner sends it: the code, then CR. */
const scan = (text: string) => scanner.write(`${text}\r`);

describe('the kiosk with a serial scanner and a serial ticket printer', () => {
  let kiosk: Page;
  let supervisor: Page;

  it('turns a code read by the serial scanner into a ticket that comes out of the serial printer', async () => {
    kiosk = await openStation('/kiosk', tokens.kiosk);
    await kiosk.locator('[data-screen="idle"]').waitFor();
    supervisor = await openSupervisor();
    await waitForState(supervisor, 'scanner', 'ready');
    await waitForState(supervisor, 'ticketPrinter', 'ready');
    await screenshot(supervisor, 'supervisor-devices-ready');

    scan('MPDPS-00001');
    await kiosk.locator('[data-screen="ticket"]').waitFor();
    expect(await kiosk.getByTestId('ticket-number').textContent()).toBe('A2-001');
    await kiosk.locator('[data-print="printed"]').waitFor();
    const [job] = await printer.simulator.waitForJobs(1);
    expect(job?.decoded.text.join('\n')).toContain('A2-001');
    expect(job?.decoded.cut).toBe(true);
    // The office's logo heads the ticket, as a raster the printer prints dot for dot.
    expect(job?.decoded.images).toEqual([{ width: 384, height: 96 }]);
    await kiosk.getByRole('button', { name: 'Selesai' }).click();
  });

  it('shows an unplugged scanner on the kiosk and the supervisor view, and works again once it is back', async () => {
    await scanner.stop();
    await kiosk.locator('[data-testid="device-problem"][data-slot="scanner"]').waitFor({ timeout: 15_000 });
    expect(await kiosk.getByTestId('device-problem').textContent()).toContain('ketik kode booking');
    await waitForState(supervisor, 'scanner', 'disconnected');
    await screenshot(kiosk, 'kiosk-scanner-unplugged');
    await screenshot(supervisor, 'supervisor-scanner-unplugged');

    await scanner.start();
    await kiosk.locator('[data-testid="device-problem"]').waitFor({ state: 'detached', timeout: 15_000 });
    await waitForState(supervisor, 'scanner', 'ready');
    scan('MPDPS-00002');
    await kiosk.locator('[data-screen="ticket"]').waitFor();
    expect(await kiosk.getByTestId('ticket-number').textContent()).toBe('A2-002');
    await kiosk.locator('[data-print="printed"]').waitFor();
    await kiosk.getByRole('button', { name: 'Selesai' }).click();
  });

  it('shows an unplugged printer, puts the number on screen meanwhile, and prints again once it is back', async () => {
    await printer.unplug();
    await kiosk
      .locator('[data-testid="device-problem"][data-slot="ticketPrinter"]')
      .waitFor({ timeout: 15_000 });
    await waitForState(supervisor, 'ticketPrinter', 'disconnected');
    expect(await shownState(supervisor, 'scanner').getAttribute('data-state')).toBe('ready');
    await screenshot(kiosk, 'kiosk-printer-unplugged');

    // A citizen arriving now still gets a number, on screen.
    scan('MPDPS-00003');
    await kiosk.locator('[data-print="failed"]').waitFor();
    expect(await kiosk.getByTestId('ticket-number').textContent()).toBe('A2-003');
    await kiosk.getByRole('button', { name: 'Selesai' }).click();

    const printedBefore = printer.simulator.jobs.length;
    await printer.plug();
    await kiosk.locator('[data-testid="device-problem"]').waitFor({ state: 'detached', timeout: 15_000 });
    await waitForState(supervisor, 'ticketPrinter', 'ready');
    scan('MPDPS-00004');
    await kiosk.locator('[data-print="printed"]').waitFor();
    const jobs = await printer.simulator.waitForJobs(printedBefore + 1);
    expect(jobs.at(-1)?.decoded.text.join('\n')).toContain('A2-004');
  });
});

describe("a kiosk on simulated devices, in the supervisor's hands", () => {
  it('takes a code the supervisor scans for it, and shows the printer the supervisor runs out of paper', async () => {
    const kiosk = await openStation('/kiosk', tokens.trainingKiosk);
    await kiosk.locator('[data-screen="idle"]').waitFor();
    const supervisor = await openSupervisor();
    const row = supervisor.getByTestId('floor-devices').locator('[data-station="Kiosk Latihan"]');
    await row.getByLabel('Pindai (simulasi): Kiosk Latihan').fill('MPDPS-00005');
    await row.getByRole('button', { name: 'Pindai (simulasi)' }).click();
    await kiosk.locator('[data-screen="ticket"]').waitFor();
    await kiosk.locator('[data-print="printed"]').waitFor();
    const number = await kiosk.getByTestId('ticket-number').textContent();
    expect(number).toMatch(/^A2-0\d\d$/);
    await kiosk.getByRole('button', { name: 'Selesai' }).click();

    await row.getByRole('button', { name: 'Kertas habis' }).click();
    await kiosk
      .locator('[data-testid="device-problem"][data-slot="ticketPrinter"]')
      .waitFor({ timeout: 15_000 });
    expect(await kiosk.getByTestId('device-problem').textContent()).toContain('Kertas printer tiket habis');
    await screenshot(supervisor, 'supervisor-simulated-devices');
    await row.getByRole('button', { name: 'Perbaiki' }).click();
    await kiosk.locator('[data-testid="device-problem"]').waitFor({ state: 'detached', timeout: 15_000 });
  });
});
