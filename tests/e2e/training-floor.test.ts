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
import { announcementClips } from '../../src-main/domain/announcement.ts';
import {
  boardSpoken,
  launchChromium,
  officerSignIn,
  openStation,
  scanReceipt as scanReceiptAt,
  screenshot,
  wedgeScan,
} from '../support/browser.ts';
import { renderScenes, y4mOf } from '../support/fakeCamera.ts';
import { at } from '../support/floor.ts';

/**
 * One passport on the training floor, end to end in Chromium, on the floor's own simulators only:
 * the kiosk's printer and scanner, the interview desk's SBI fingerprint reader and receipt
 * printer, a fake camera, the print station's passport printer (its data page kept as a file in
 * the training folder) and document reader (the MRZ read off that page). Each person's step is
 * its own test, in the order of the visit. The pickup comes days later: the supervisor moves the
 * training clock on to the pickup hours, the citizen takes a pickup number with the receipt, the
 * pickup desk (open since the morning, so locked by then and unlocked with the PIN) calls it, the
 * board shows and speaks it, and the desk hands the passport over.
 */
let browser: Browser;
let dir: string;
let session: TrainingSession;
let hub: Hub;
const contexts: BrowserContext[] = [];

/** What the visit carries from one step to the next. */
const visit = {
  bookingCode: '',
  nik: '',
  fullName: '',
  ticket: '',
  application: '',
  jobId: '',
  /** The QR printed on the receipt, which the citizen scans at the kiosk on the pickup day. */
  receiptQr: '',
};
let kiosk: Page;
let supervisor: Page;

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
    kiosk = await open(
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
    const receipt = printer?.jobs.at(-1)?.decoded;
    expect(receipt?.text.join('\n')).toContain(visit.application);
    visit.receiptQr = receipt?.qr[0] ?? '';
    expect(visit.receiptQr).toContain(visit.application);
  }, 120_000);

  it('the supervisor approves the application at adjudication', async () => {
    supervisor = await open(
      stationOf((s) => s.mode === 'supervisor'),
      { width: 1600, height: 1400 },
    );
    await officerSignIn(supervisor, 'spv', officer('spv').pin);
    const row = supervisor.getByTestId('adjudication').locator(`tr[data-application="${visit.application}"]`);
    await row.waitFor();
    await screenshot(supervisor, 'training-adjudication');
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

  let pickupDesk: Page;
  let board: Page;

  it('the supervisor moves the training clock on to the pickup hours of the passport', async () => {
    // The pickup desk and the board have been open since the morning.
    const desk = deskServing('pickup');
    pickupDesk = await open(desk, { width: 1920, height: 1080 });
    await officerSignIn(pickupDesk, 'petugas3', officer('petugas3').pin, desk.desk!.number);
    await pickupDesk.locator('[data-screen="counter"]').waitFor();
    board = await open(
      stationOf((s) => s.mode === 'display'),
      { width: 1920, height: 1080 },
    );
    await board.locator('[data-stream="live"]').waitFor();

    const application = hub.store.applications.findByNumber(visit.application)!;
    const opens = hub.store.office.get().pickup.hours.open;
    expect(application.pickupDate! > session.floor.date).toBe(true);
    // Before the jump the kiosk says when to come back, and gives no number.
    await scanReceipt();
    await kiosk.locator('[data-testid="pickup-status"][data-status="ready_later"]').waitFor();
    expect(await kiosk.getByTestId('take-pickup-ticket').count()).toBe(0);
    await kiosk.getByRole('button', { name: /Selesai/ }).click();
    await kiosk.locator('[data-screen="idle"]').waitFor();

    // The console idle past its lock since the adjudication opens with the supervisor's PIN.
    const button = supervisor.getByTestId('advance-to-pickup');
    await supervisor.locator('[data-testid="advance-to-pickup"], [data-screen="locked"]').first().waitFor();
    if (await supervisor.locator('[data-screen="locked"]').isVisible()) await unlock(supervisor, 'spv');
    await screenshot(supervisor, 'training-clock-panel');
    await button.click();
    const moved = supervisor.getByTestId('clock-advanced');
    await moved.waitFor();
    expect(await moved.getAttribute('data-to')).toBe(`${application.pickupDate}T${opens}:00+08:00`);
    expect(session.clock.now()).toBeGreaterThanOrEqual(at(application.pickupDate!, opens));
    await screenshot(supervisor, 'training-clock-advanced');
    const [logged] = hub.store.events.ofTypeSince('training.clockAdvanced', 0);
    expect(logged?.payload).toMatchObject({ target: 'pickup', officer: { name: 'Supervisor Latihan' } });
  }, 90_000);

  it('on the pickup day the citizen takes P-001 with the receipt, the pickup desk calls it and the board shows and speaks it', async () => {
    await scanReceipt();
    await kiosk.locator('[data-testid="pickup-status"][data-status="ready"]').waitFor();
    await kiosk.getByTestId('take-pickup-ticket').click();
    await kiosk.getByTestId('pickup-number').filter({ hasText: 'P-001' }).waitFor();
    await screenshot(kiosk, 'training-kiosk-pickup-number');

    // Idle since the morning, the pickup desk locked itself when the number reached its queue.
    await pickupDesk.locator('[data-screen="locked"]').waitFor();
    await unlock(pickupDesk, 'petugas3');
    await pickupDesk.locator('[data-screen="counter"]').waitFor();
    await pickupDesk.getByTestId('call-next').click();
    await pickupDesk.getByTestId('current-number').filter({ hasText: 'P-001' }).waitFor();
    const found = pickupDesk.locator('[data-testid="handover-case"][data-state="ready"]');
    await found.waitFor();
    expect(await pickupDesk.getByTestId('handover').getAttribute('data-called-for')).toBe(visit.application);
    await screenshot(pickupDesk, 'training-pickup-called');

    await board.getByTestId('latest-number').filter({ hasText: 'P-001' }).waitFor();
    expect(await board.getByTestId('latest-counter').textContent()).toBe(
      `Loket ${deskServing('pickup').desk!.number}`,
    );
    expect(await board.locator('main').textContent()).not.toContain(visit.fullName);
    const { announced, played } = await boardSpoken(board, 1);
    expect(announced).toEqual([`P-001@${deskServing('pickup').desk!.number}`]);
    expect(played).toEqual(announcementClips('P-001', deskServing('pickup').desk!.number));
    await screenshot(board, 'training-board-pickup');
  }, 90_000);

  it('the pickup desk hands the passport over to the holder, checked by the NIK on the booking', async () => {
    await pickupDesk.getByTestId('handover-nik').fill(visit.nik);
    await pickupDesk.getByTestId('handover-button').click();
    // The handover ends the visit: the desk is free for the next number.
    await pickupDesk.getByTestId('current').waitFor({ state: 'detached' });
    expect(await pickupDesk.getByTestId('counter-state').getAttribute('data-state')).toBe('available');
    const application = hub.store.applications.findByNumber(visit.application)!;
    expect(hub.store.printJobs.findByApplication(application.id)?.state).toBe('collected');
    await screenshot(pickupDesk, 'training-handover');
  }, 60_000);
});

/** The officer whose screen locked while idle types their PIN again. */
async function unlock(page: Page, username: string) {
  const form = page.locator('[data-screen="locked"]');
  await form.locator('input[type="password"]').fill(officer(username).pin);
  await form.getByRole('button', { name: /Buka kunci|Unlock/ }).click();
  await form.waitFor({ state: 'detached' });
}

/** The citizen, back at the kiosk once it is free, scans the receipt the interview desk printed. */
async function scanReceipt() {
  await kiosk.locator('[data-screen="idle"]').waitFor({ timeout: 60_000 });
  await scanReceiptAt(kiosk, visit.receiptQr);
}
