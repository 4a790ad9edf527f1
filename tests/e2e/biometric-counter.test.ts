import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrinterSimulator } from '../../drivers/ticket-printer/simulator.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { launchChromium, officerSignIn, openStation, screenshot, wedgeScan } from '../support/browser.ts';
import { renderScenes, y4mOf } from '../support/fakeCamera.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { screenshotSlip } from '../support/slipPage.ts';

/**
 * The interview counter in Chromium against the hub: a citizen checked in at 09:10 on Monday
 * 30 November 2026 is interviewed at counter 3 — documents, two fingers on a simulated SBI reader,
 * a face photo from a fake camera fed a real face — and the pickup date on the counter screen, on
 * the printed receipt and at the kiosk's pickup entry is one and the same.
 */
let browser: Browser;
let t: TestHub;
let printer: PrinterSimulator;
let workDir: string;
const contexts: BrowserContext[] = [];
const tokens = { kiosk: '', documents: '', interview: '' };

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-interview-'));
  const converter = await launchChromium();
  try {
    const { frontal } = await renderScenes(converter, {
      frontal: { kind: 'photo', file: 'franck_04117.jpg', wallAbove: 64 },
    });
    fs.writeFileSync(path.join(workDir, 'camera.y4m'), y4mOf(frontal));
  } finally {
    await converter.close();
  }
  browser = await launchChromium([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${path.join(workDir, 'camera.y4m')}`,
  ]);
  t = await startTestHub();
  const ctx = { store: t.hub.store, clock: t.clock };
  importAppointments(ctx, commandLine, { format: 'csv', content: appointmentCsv([sampleAppointment(1)]) });
  addUser(ctx, commandLine, { username: 'made', name: 'Made Berkas', role: 'officer', secret: '246802' });
  addUser(ctx, commandLine, {
    username: 'wayan',
    name: 'I Wayan Wawancara',
    role: 'officer',
    secret: '135790',
  });
  tokens.kiosk = t.pair('kiosk', 'Kios 1');
  tokens.documents = t.pair('counter', 'Loket 1');
  tokens.interview = t.pair('counter', 'Loket 3');
  const desk = t.hub.store.db
    .prepare("SELECT id FROM stations WHERE name = 'Loket 3'")
    .pluck()
    .get() as string;
  printer = await PrinterSimulator.start();
  t.hub.store.stations.setTicketPrinter(desk, { transport: 'tcp', host: '127.0.0.1', port: printer.port });
  t.hub.store.stations.setFingerprintReader(desk, { transport: 'simulator' });
  await t.hub.devices.sync();

  // Checked in at 09:10, her documents checked at counter 1: she waits for the interview.
  t.clock.set(Date.parse('2026-11-30T09:10:00+08:00'));
  expect((await t.call('checkIn', { text: 'MPDPS-00001' }, tokens.kiosk)).status).toBe(200);
  const signedIn = await t.call(
    'signIn',
    { username: 'made', secret: '246802', counter: 1 },
    tokens.documents,
  );
  expect(signedIn.status).toBe(200);
  for (const step of ['callNext', 'startService', 'completeService'])
    expect((await t.call(step, {}, tokens.documents)).status).toBe(200);
}, 90_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await printer?.stop();
  await t?.close();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

let counter: Page;
let pickupDate: string;
let receiptQr: string;

describe('the interview counter, in a browser with a camera, a fingerprint reader and a receipt printer', () => {
  it('the officer calls the citizen and the interview opens with the documents for a new passport', async () => {
    counter = await openStation(browser, contexts, `${t.hub.url}/counter`, tokens.interview, {
      width: 1600,
      height: 1400,
    });
    await officerSignIn(counter, 'wayan', '135790', 3);
    await counter.getByTestId('call-next').click();
    await counter.getByTestId('current-number').filter({ hasText: 'A2-001' }).waitFor();
    await counter.getByTestId('start-service').click();
    await counter.getByTestId('interview').waitFor();
    expect(await counter.getByTestId('application-number').innerText()).toBe('DPS-261130-0001');
    for (const doc of ['ktp', 'kk', 'akta_ijazah_nikah']) await counter.getByTestId(`doc-${doc}`).check();
    await counter.getByTestId('nik-on-ktp').fill(sampleAppointment(1).nik);
    await counter.getByTestId('save-interview').click();
    await counter.getByText('NIK sesuai dengan pemesanan.').waitFor();
    // Only the interview ends this visit: the plain "done" is not offered here.
    expect(await counter.getByTestId('complete-service').isDisabled()).toBe(true);
    await screenshot(counter, 'interview-documents');
  });

  it('two index fingers are taken at the reader, each at the quality the office asks', async () => {
    // The reader's live picture shows while fingers are still to be taken.
    await counter.getByTestId('finger-preview').waitFor();
    await counter.getByTestId('capture-fingerprint').click();
    await counter.locator('[data-testid="finger-right_index"][data-state="captured"]').waitFor();
    await counter.getByTestId('capture-fingerprint').click();
    await counter.locator('[data-testid="fingerprints"][data-state="complete"]').waitFor();
    const quality = Number(await counter.getByTestId('finger-quality-left_index').innerText());
    expect(quality).toBeGreaterThanOrEqual(40);
    await screenshot(counter, 'interview-fingerprints');
  });

  it('the face photo passes its checks with the citizen looking into the camera, and is kept', async () => {
    const guidance = counter.getByTestId('face-guidance');
    await expect.poll(() => guidance.innerText(), { timeout: 30_000 }).toBe('Siap. Ambil foto.');
    await counter.getByTestId('face-panel').scrollIntoViewIfNeeded();
    await screenshot(counter, 'interview-photo-live');
    await counter.getByRole('button', { name: 'Ambil foto' }).click();
    await counter.getByTestId('face-result').waitFor();
    await screenshot(counter, 'interview-photo');
    await counter.getByRole('button', { name: 'Gunakan foto', exact: true }).click();
    await counter.getByTestId('face-thumb').waitFor();
  });

  it('the interview ends with the pickup date, and the receipt prints the same date and its QR', async () => {
    const finish = counter.getByTestId('finish');
    pickupDate = (await finish.getByTestId('pickup-date').getAttribute('data-date')) as string;
    // Monday 30 November, four working days: Friday 4 December.
    expect(pickupDate).toBe('2026-12-04');
    await counter.getByTestId('finish-interview').click();
    const ended = counter.getByTestId('interview-ended');
    await ended.waitFor();
    expect(await ended.getByTestId('pickup-date').getAttribute('data-date')).toBe(pickupDate);
    expect(await ended.getByTestId('pickup-date').innerText()).toBe('Jumat, 4 Desember 2026');
    await counter.getByTestId('print-receipt').click();
    await counter.getByTestId('receipt-printed').waitFor();
    await screenshot(counter, 'interview-ended');

    const [job] = await printer.waitForJobs(1);
    const slip = job?.decoded.text.join('\n') ?? '';
    expect(slip).toContain('TANDA TERIMA PERMOHONAN PASPOR');
    expect(slip).toContain('DPS-261130-0001');
    expect(slip).toContain('Ni Made Ayu 1');
    expect(slip).toContain('Jumat, 4 Desember 2026');
    expect(slip).toContain('Friday, 4 December 2026');
    expect(slip).toContain('13:00');
    receiptQr = job?.decoded.qr[0] as string;
    expect(receiptQr).toMatch(/^LOKET:R:DPS:DPS-261130-0001:[0-9a-f]{32}$/);
    expect(job?.decoded.cut).toBe(true);
    await screenshotSlip(browser, job!.decoded, 'receipt-printed');
    // The counter is free for the next citizen.
    await counter.getByTestId('next-applicant').click();
    await counter.getByTestId('interview-ended').waitFor({ state: 'detached' });
    expect(await counter.getByTestId('current').count()).toBe(0);
  });

  it('at the kiosk, the receipt scanned shows the status and the same pickup date, initials only', async () => {
    const kiosk = await openStation(browser, contexts, `${t.hub.url}/kiosk`, tokens.kiosk, {
      width: 1080,
      height: 1920,
    });
    await kiosk.locator('[data-screen="idle"]').waitFor();
    await wedgeScan(kiosk, receiptQr);
    const status = kiosk.getByTestId('pickup-status');
    await status.waitFor();
    expect(await status.getByTestId('pickup-date').getAttribute('data-date')).toBe(pickupDate);
    expect(await status.getByTestId('pickup-date').innerText()).toBe('Jumat, 4 Desember 2026');
    expect(await status.getAttribute('data-status')).toBe('adjudication');
    expect(await status.innerText()).not.toContain('Ni Made Ayu');
    await screenshot(kiosk, 'kiosk-pickup-status');
  });
});
