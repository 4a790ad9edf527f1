import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announcementClips } from '../../src-main/domain/announcement.ts';
import { receiptQr } from '../../src-main/domain/payload.ts';
import { biometricKeyFile, loadBiometricKeyFile } from '../../src-main/hub/biometricKey.ts';
import { approveApplication } from '../../src-main/services/adjudication.ts';
import { commandLine, type ServiceContext } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser, requireOfficer, signIn } from '../../src-main/services/officers.ts';
import { receiptSignature } from '../../src-main/services/receipts.ts';
import { addStation } from '../../src-main/services/stations.ts';
import type { ApplicationRecord } from '../../src-main/store/applications.ts';
import { AttemptLimiter } from '../../src-main/domain/attempts.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import {
  boardSpoken,
  launchChromium,
  officerSignIn,
  openStation,
  scanReceipt as scanReceiptAt,
  screenshot,
} from '../support/browser.ts';
import { at } from '../support/floor.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { interviewedApplication } from '../support/interviewed.ts';

/**
 * The pickup stage in Chromium against the hub. Two passports interviewed on Monday 30 November
 * 2026 are ready early, promised for Friday 4 December: that Monday the kiosk says when to come.
 * On Friday afternoon the citizens take P-001 and P-002 at the kiosk; Made at the pickup desk
 * (Loket 7) presses "Panggil berikutnya", the board shows and speaks P-001, the handover panel
 * opens on that passport and Made hands it over; then P-002 is called and recalled, and the
 * board's earlier calls list each number once.
 */
let browser: Browser;
let t: TestHub;
let ctx: ServiceContext;
let kiosk: Page;
let counter: Page;
let board: Page;
let kioskToken: string;
const contexts: BrowserContext[] = [];
const applications: ApplicationRecord[] = [];
const bookings = [1, 2].map((index) =>
  sampleAppointment(index, { fullName: ['Ni Made Ayu Lestari', 'I Wayan Sudarsana'][index - 1] }),
);

const receiptOf = (application: ApplicationRecord) =>
  receiptQr('DPS', application.number, receiptSignature(ctx, 'DPS', application.number));

/** The citizen scans the application's receipt at the kiosk. */
const scanReceipt = (application: ApplicationRecord) => scanReceiptAt(kiosk, receiptOf(application));

beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestHub();
  ctx = {
    store: t.hub.store,
    clock: t.clock,
    biometricKey: loadBiometricKeyFile(biometricKeyFile(t.dataDir)),
  };
  addUser(ctx, commandLine, { username: 'made', name: 'Made Wirawan', role: 'officer', secret: '975310' });
  addUser(ctx, commandLine, { username: 'sri', name: 'Sri Wahyuni', role: 'supervisor', secret: '112233' });
  importAppointments(ctx, commandLine, { format: 'csv', content: appointmentCsv(bookings) });
  kioskToken = t.pair('kiosk', 'Kios 1');
  // The supervisor approves both; the print station's work (printed, checked) is covered by
  // print-station.test.ts: here the jobs come out of it ready, on Monday.
  const console = addStation(ctx, commandLine, { mode: 'supervisor', name: 'Supervisor' }).station;
  signIn({ ...ctx, signInAttempts: new AttemptLimiter(5, 60_000) }, console, {
    username: 'sri',
    secret: '112233',
  });
  const supervisor = {
    stationId: console.id,
    actor: 'sri',
    officer: requireOfficer(ctx, console, ['supervisor']),
  };
  for (const [i, booking] of bookings.entries()) {
    const ticket = await t.call('checkIn', { text: booking.bookingCode }, kioskToken);
    expect(ticket.status).toBe(200);
    const application = interviewedApplication(ctx, { index: i + 1, ticketId: ticket.body.id });
    applications.push(application);
    const job = approveApplication(ctx, supervisor, { applicationId: application.id });
    const now = t.clock.now();
    t.hub.store.printJobs.save({
      ...job,
      state: 'ready',
      bookletSerial: `X000000${i + 1}`,
      printedAt: now,
      readyAt: now,
      updatedAt: now,
    });
  }
  kiosk = await openStation(browser, contexts, `${t.hub.url}/kiosk`, kioskToken, {
    width: 1080,
    height: 1920,
  });
  await kiosk.locator('[data-screen="idle"]').waitFor();
}, 90_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.close();
});

describe('the pickup queue', () => {
  it('before the pickup date the kiosk says when to come, in words and a local date, and gives no number', async () => {
    await scanReceipt(applications[0]!);
    const status = kiosk.locator('[data-testid="pickup-status"][data-status="ready_later"]');
    await status.waitFor();
    const text = (await status.textContent()) ?? '';
    expect(text).toContain('Paspor Anda dapat diambil mulai Jumat, 4 Desember 2026, pukul 13.00–15.00.');
    expect(await kiosk.getByTestId('pickup-come-on').textContent()).toContain('Jumat, 4 Desember 2026');
    expect(text).not.toMatch(/siap diambil/i);
    expect(await kiosk.getByTestId('take-pickup-ticket').count()).toBe(0);
    expect(text).not.toContain(bookings[0]!.fullName);
    await screenshot(kiosk, 'kiosk-pickup-come-later');
    await kiosk.getByRole('button', { name: /Selesai/ }).click();
    await kiosk.locator('[data-screen="idle"]').waitFor();
  });

  it('on the date a pickup number is taken at the kiosk, called at the pickup desk, shown and spoken on the board, and handed over', async () => {
    t.clock.set(at('2026-12-04', '13:05'));
    await scanReceipt(applications[0]!);
    await kiosk.locator('[data-testid="pickup-status"][data-status="ready"]').waitFor();
    await kiosk.getByTestId('take-pickup-ticket').click();
    await kiosk.getByTestId('pickup-number').filter({ hasText: 'P-001' }).waitFor();
    // The second citizen takes hers right after.
    const second = await t.call('takePickupTicket', { text: receiptOf(applications[1]!) }, kioskToken);
    expect(second.body).toMatchObject({ number: 'P-002' });

    board = await openStation(browser, contexts, `${t.hub.url}/display`, t.pair('display', 'Papan aula'), {
      width: 1920,
      height: 1080,
    });
    await board.locator('[data-stream="live"]').waitFor();
    counter = await openStation(browser, contexts, `${t.hub.url}/counter`, t.pair('counter', 'Loket 7'), {
      width: 1920,
      height: 1080,
    });
    await officerSignIn(counter, 'made', '975310', 7);
    await counter.locator('[data-screen="counter"]').waitFor();
    expect(await counter.getByTestId('counter-number').textContent()).toBe('Loket 7');
    expect(await counter.getByTestId('waiting').textContent()).toContain('2');

    await counter.getByTestId('call-next').click();
    await counter.getByTestId('current-number').filter({ hasText: 'P-001' }).waitFor();
    // The handover panel opens on the called number's passport, photo and all.
    const found = counter.locator('[data-testid="handover-case"][data-state="ready"]');
    await found.waitFor();
    expect(await counter.getByTestId('handover').getAttribute('data-called-for')).toBe(
      applications[0]!.number,
    );
    expect(await found.textContent()).toContain(bookings[0]!.fullName);
    await found.locator('img').waitFor();
    await screenshot(counter, 'counter-pickup-called');

    await board.getByTestId('latest-number').filter({ hasText: 'P-001' }).waitFor();
    expect(await board.getByTestId('latest-counter').textContent()).toBe('Loket 7');
    expect(await board.locator('main').textContent()).not.toContain(bookings[0]!.fullName);
    const { announced, played, failed } = await boardSpoken(board, 1);
    expect(announced).toEqual(['P-001@7']);
    expect(played).toEqual(announcementClips('P-001', 7));
    expect(failed).toEqual([]);
    await screenshot(board, 'board-pickup-called');

    await counter.getByTestId('handover-nik').fill(bookings[0]!.nik);
    await counter.getByTestId('handover-button').click();
    // The handover ends the visit: the desk is free for the next number.
    await counter.getByTestId('current').waitFor({ state: 'detached' });
    expect(await counter.getByTestId('counter-state').getAttribute('data-state')).toBe('available');
    expect(t.hub.store.printJobs.findByApplication(applications[0]!.id)?.state).toBe('collected');
  });

  it("a recall does not repeat the number in the board's earlier calls", async () => {
    await counter.getByTestId('call-next').click();
    await counter.getByTestId('current-number').filter({ hasText: 'P-002' }).waitFor();
    await board.getByTestId('latest-number').filter({ hasText: 'P-002' }).waitFor();
    await boardSpoken(board, 2);
    await counter.getByRole('button', { name: /Panggil ulang/ }).click();
    await counter.getByTestId('recalls').filter({ hasText: '(1)' }).waitFor();
    const { announced } = await boardSpoken(board, 3);
    expect(announced).toEqual(['P-001@7', 'P-002@7', 'P-002@7']);
    await expect
      .poll(async () => board.getByTestId('history').locator('li').allTextContents(), { timeout: 10_000 })
      .toEqual(['P-001Loket 7']);
    expect(await board.getByTestId('latest-number').textContent()).toBe('P-002');
    await screenshot(board, 'board-pickup-recalled');
  });
});
