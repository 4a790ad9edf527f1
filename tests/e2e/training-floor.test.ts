import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingDataPagesFolder } from '../../src-main/devices/passportPrinters.ts';
import { startHub, type Hub } from '../../src-main/hub/server.ts';
import type { TrainingStation } from '../../src-main/services/training.ts';
import { openTrainingFloor, type TrainingSession } from '../../src-main/station/training.ts';
import { readDataPageMrz } from '../../drivers/scanner/documentReaderSimulator.ts';
import { launchChromium, officerSignIn, openStation, screenshot, wedgeScan } from '../support/browser.ts';
import { renderScenes, y4mOf } from '../support/fakeCamera.ts';
import { at } from '../support/floor.ts';

/**
 * One passport on the training floor, end to end in Chromium, on the floor's own simulators only:
 * the kiosk's printer and scanner, the interview desk's SBI fingerprint reader and receipt
 * printer, a fake camera, the print station's passport printer (its data page kept as a file in
 * the training folder) and document reader (the MRZ read off that page). Each person's step is
 * its own test, in the order of the visit; a later step (the pickup number called) goes in before
 * the handover.
 */
let browser: Browser;
let dir: string;
let session: TrainingSession;
let hub: Hub;
const contexts: BrowserContext[] = [];

/** What the visit carries from one step to the next. */
const visit = { bookingCode: '', nik: '', fullName: '', ticket: '', application: '', jobId: '' };

const stationOf = (predicate: (s: TrainingStation) => boolean): TrainingStation => {
  const found = session.floor.stations.find(predicate);
  if (!found) throw new Error('no such training station');
  return found;
};
const deskServing = (stage: string) =>
  stationOf((s) => s.desk?.serves.toLowerCase().includes(stage) ?? false);
const officer = (username: string) => session.floor.officers.find((o) => o.username === username)!;

async function open(station: TrainingStation, size = { width: 1600, height: 1200 }): Promise<Page> {
  return openStation(browser, contexts, `${hub.url}${station.path}`, station.token, size);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-training-floor-'));
  const converter = await launchChromium();
  try {
    const { frontal } = await renderScenes(converter, {
      frontal: { kind: 'photo', file: 'franck_04117.jpg', wallAbove: 64 },
    });
    fs.writeFileSync(path.join(dir, 'camera.y4m'), y4mOf(frontal));
  } finally {
    await converter.close();
  }
  browser = await launchChromium([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${path.join(dir, 'camera.y4m')}`,
  ]);
  // Half an hour into the first window of Monday 30 November 2026, at real speed.
  const floorDir = path.join(dir, 'training');
  session = openTrainingFloor(floorDir, { startAt: at('2026-11-30', '08:30') });
  hub = await startHub({ dataDir: floorDir, clock: session.clock, port: 0, training: true });
  const example = session.floor.examples[0]!;
  Object.assign(visit, { bookingCode: example.bookingCode, nik: example.nik, fullName: example.fullName });
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await hub?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a passport on the training floor, from the kiosk to the handover', () => {
  it('the citizen scans the booking at the kiosk and takes a ticket from its simulated printer', async () => {
    const kiosk = await open(
      stationOf((s) => s.mode === 'kiosk'),
      { width: 1080, height: 1920 },
    );
    await kiosk.locator('[data-screen="idle"]').waitFor();
    await wedgeScan(kiosk, visit.bookingCode);
    await kiosk.locator('[data-screen="ticket"]').waitFor();
    visit.ticket = (await kiosk.getByTestId('ticket-number').textContent()) ?? '';
    expect(visit.ticket).toMatch(/^[A-Z]\d-\d{3}$/);
    await screenshot(kiosk, 'training-kiosk-ticket');
  }, 60_000);

  it('the document check desk calls the ticket and sends it on to the interview', async () => {
    const desk = deskServing('document');
    const counter = await open(desk);
    await officerSignIn(counter, 'petugas1', officer('petugas1').pin, desk.desk!.number);
    await counter.getByTestId('call-next').click();
    await counter.getByTestId('current-number').filter({ hasText: visit.ticket }).waitFor();
    await counter.getByTestId('start-service').click();
    await counter.locator('[data-testid="complete-service"]:enabled').click();
    await counter.getByTestId('current-number').waitFor({ state: 'detached' });
  }, 60_000);

  it('the interview desk takes fingerprints on the simulated reader, a photo, and prints the receipt', async () => {
    const desk = deskServing('interview');
    const counter = await open(desk, { width: 1600, height: 1400 });
    await officerSignIn(counter, 'petugas2', officer('petugas2').pin, desk.desk!.number);
    await counter.getByTestId('call-next').click();
    await counter.getByTestId('current-number').filter({ hasText: visit.ticket }).waitFor();
    await counter.getByTestId('start-service').click();
    await counter.getByTestId('interview').waitFor();
    visit.application = await counter.getByTestId('application-number').innerText();
    // Every document this kind of application asks for (a renewal also brings the old passport).
    for (const box of await counter.locator('input[type="checkbox"][data-testid^="doc-"]').all())
      await box.check();
    await counter.getByTestId('nik-on-ktp').fill(visit.nik);
    await counter.getByTestId('save-interview').click();
    await counter.getByText('NIK sesuai dengan pemesanan.').waitFor();

    await counter.getByTestId('capture-fingerprint').click();
    await counter.locator('[data-testid="finger-right_index"][data-state="captured"]').waitFor();
    await counter.getByTestId('capture-fingerprint').click();
    await counter.locator('[data-testid="fingerprints"][data-state="complete"]').waitFor();

    const guidance = counter.getByTestId('face-guidance');
    await expect.poll(() => guidance.innerText(), { timeout: 30_000 }).toBe('Siap. Ambil foto.');
    await counter.getByRole('button', { name: 'Ambil foto' }).click();
    await counter.getByTestId('face-result').waitFor();
    await counter.getByRole('button', { name: 'Gunakan foto', exact: true }).click();
    await counter.getByTestId('face-thumb').waitFor();

    await counter.getByTestId('finish-interview').click();
    await counter.getByTestId('interview-ended').waitFor();
    await counter.getByTestId('print-receipt').click();
    await counter.getByTestId('receipt-printed').waitFor();
    await screenshot(counter, 'training-interview-receipt');
    // The receipt came out of the desk's simulated receipt printer inside the hub.
    const printer = (await hub.devices.managerOf(desk.id))?.printerSimulator;
    expect(printer?.jobs.at(-1)?.decoded.text.join('\n')).toContain(visit.application);
  }, 120_000);

  it('the supervisor approves the application at adjudication', async () => {
    const console = await open(
      stationOf((s) => s.mode === 'supervisor'),
      { width: 1600, height: 1400 },
    );
    await officerSignIn(console, 'spv', officer('spv').pin);
    const row = console.getByTestId('adjudication').locator(`tr[data-application="${visit.application}"]`);
    await row.waitFor();
    await screenshot(console, 'training-adjudication');
    await row.getByTestId('approve').click();
    await row.waitFor({ state: 'detached' });
  }, 60_000);

  let print: Page;
  const tab = (name: string) => print.locator(`button[data-tab="${name}"]`).click();

  it('the print station receives booklets, prints the passport, and keeps its data page as a file', async () => {
    const station = stationOf((s) => s.mode === 'print');
    print = await open(station, { width: 1600, height: 1000 });
    await officerSignIn(print, 'cetak', officer('cetak').pin);
    await tab('booklets');
    const form = print.getByTestId('receive-form');
    await form.locator('input[name="first"]').fill('X0000001');
    await form.locator('input[name="last"]').fill('X0000050');
    await form.getByRole('button').click();
    const confirm = print.getByTestId('confirm-form');
    await confirm.locator('input[name="username"]').fill('spv');
    await confirm.locator('input[name="secret"]').fill(officer('spv').pin);
    await confirm.getByRole('button').click();
    await print.locator('tr[data-range="X0000001"]', { hasText: 'spv' }).waitFor();

    await tab('queue');
    await print.getByTestId('head-job').filter({ hasText: visit.application }).waitFor();
    await print.getByTestId('booklet-input').fill('X0000001');
    await print.getByTestId('booklet-input').press('Enter');
    await print.locator('button[data-testid="print-button"]:enabled').click();
    await print.locator('[data-testid="print-result"][data-printed="yes"]').waitFor({ timeout: 30_000 });
    await screenshot(print, 'training-print');

    const pages = path.join(dir, 'training', trainingDataPagesFolder, station.id);
    const [file] = fs.readdirSync(pages).filter((name) => name.endsWith('.pdf'));
    expect(file).toBeDefined();
    // The page holds this passport's MRZ: the booklet number and the holder's surname.
    const [first, second] = await readDataPageMrz(path.join(pages, file!));
    expect(second.startsWith('X0000001')).toBe(true);
    expect(first).toContain(visit.fullName.trim().split(/\s+/).at(-1)!.toUpperCase());
  }, 60_000);

  it('the printed page laid on the simulated document reader passes the quality check: ready', async () => {
    await tab('qc');
    await print.getByTestId('read-printed-page').click();
    const outcome = print.locator('[data-testid="qc-outcome"][data-passed="yes"]');
    await outcome.waitFor({ timeout: 15_000 });
    expect(await outcome.textContent()).toContain(`Lulus QC: paspor X0000001 (${visit.application})`);
    await screenshot(print, 'training-qc-passed');
    await print.getByTestId('qc-dismiss').click();
  }, 60_000);

  // The pickup number called at the pickup counter (issue 20, item 2) goes here, before the handover.

  it('the passport is handed over to the holder, checked by the NIK on the booking', async () => {
    await tab('handover');
    await print.getByTestId('handover-input').fill(visit.application);
    await print.getByTestId('handover-input').press('Enter');
    await print.locator('[data-testid="handover-case"][data-state="ready"]').waitFor();
    await print.getByTestId('handover-nik').fill(visit.nik);
    await print.getByTestId('handover-button').click();
    await print.locator('[data-testid="handover-case"][data-state="collected"]').waitFor();
    await screenshot(print, 'training-handover');
  }, 60_000);
});
