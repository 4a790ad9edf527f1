import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { biometricKeyFile, loadBiometricKeyFile } from '../../src-main/hub/biometricKey.ts';
import { commandLine, type ServiceContext } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { changeOffice } from '../../src-main/services/office.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { dataOf } from '../../src-main/services/passportPrinting.ts';
import type { ApplicationRecord } from '../../src-main/store/applications.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import {
  callFromPage,
  launchChromium,
  officerSignIn,
  openStation,
  screenshot,
  wedgeScan,
} from '../support/browser.ts';
import { receiptQr } from '../../src-main/domain/payload.ts';
import { receiptSignature } from '../../src-main/services/receipts.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { interviewedApplication } from '../support/interviewed.ts';

/**
 * The print station in Chromium against the hub, on Monday 30 November 2026: the supervisor
 * approves two interviewed applications, Putu receives a booklet range that Wayan confirms, scans
 * a booklet, prints on the simulated passport printer and checks the MRZ; the board lists the
 * passport as ready, the day's booklets balance, and it is handed over to the right NIK only.
 */
let browser: Browser;
let t: TestHub;
let ctx: ServiceContext;
let print: Page;
let supervisor: Page;
let board: Page;
let printStation: string;
let supervisorToken: string;
const contexts: BrowserContext[] = [];
const applications: ApplicationRecord[] = [];
const bookings = [1, 2].map((index) => sampleAppointment(index, { birthPlace: 'Denpasar' }));

beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestHub();
  ctx = {
    store: t.hub.store,
    clock: t.clock,
    biometricKey: loadBiometricKeyFile(biometricKeyFile(t.dataDir)),
  };
  const users = [
    { username: 'putu', name: 'Putu Ardana', role: 'print_operator', secret: '246810' },
    { username: 'wayan', name: 'Wayan Sukerta', role: 'print_operator', secret: '135791' },
    { username: 'sri', name: 'Sri Wahyuni', role: 'supervisor', secret: '112233' },
    { username: 'made', name: 'Made Wirawan', role: 'officer', secret: '975310' },
  ] as const;
  for (const user of users) addUser(ctx, commandLine, user);
  importAppointments(ctx, commandLine, { format: 'csv', content: appointmentCsv(bookings) });
  // This office hands passports over all day.
  changeOffice(ctx, commandLine, [{ path: 'pickup.hours', value: { open: '08:00', close: '16:00' } }]);
  const kiosk = t.pair('kiosk', 'Kios 1');
  for (const [i, booking] of bookings.entries()) {
    const ticket = await t.call('checkIn', { text: booking.bookingCode }, kiosk);
    expect(ticket.status).toBe(200);
    // The first is promised for today, so its citizen can collect it once it is printed (pickup.hours
    // below); before its date the kiosk would say when to come (tests/e2e/pickup-queue.test.ts).
    applications.push(
      interviewedApplication(ctx, {
        index: i + 1,
        ticketId: ticket.body.id,
        ...(i === 0 ? { pickupDate: '2026-11-30' } : {}),
      }),
    );
  }
  const printToken = t.pair('print', 'Cetak Paspor');
  printStation = t.hub.store.db
    .prepare("SELECT id FROM stations WHERE name = 'Cetak Paspor'")
    .pluck()
    .get() as string;
  t.hub.store.stations.setPassportPrinter(printStation, 'simulator');

  supervisorToken = t.pair('supervisor', 'Supervisor');
  supervisor = await openStation(browser, contexts, `${t.hub.url}/supervisor`, supervisorToken, {
    width: 1600,
    height: 1400,
  });
  await officerSignIn(supervisor, 'sri', '112233');
  print = await openStation(browser, contexts, `${t.hub.url}/print`, printToken, {
    width: 1600,
    height: 1000,
  });
  await officerSignIn(print, 'putu', '246810');
  board = await openStation(browser, contexts, `${t.hub.url}/display`, t.pair('display', 'Papan'));
}, 90_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.close();
});

const tab = (name: string) => print.locator(`button[data-tab="${name}"]`).click();

describe('the print station', () => {
  it('the supervisor approves two interviewed applications into the print queue', async () => {
    const panel = supervisor.getByTestId('adjudication');
    for (const application of applications)
      await panel.locator(`tr[data-application="${application.number}"]`).waitFor();
    await screenshot(supervisor, 'supervisor-adjudication');
    for (const application of applications) {
      await panel.locator(`tr[data-application="${application.number}"]`).getByTestId('approve').click();
      await panel.locator(`tr[data-application="${application.number}"]`).waitFor({ state: 'detached' });
      // The hub's clock stands still in tests: a minute between approvals keeps the queue's order
      // (same promise, then approval time) the order they were approved in.
      t.clock.advanceMinutes(1);
    }
    const queue = print.getByTestId('print-queue');
    for (const application of applications)
      await queue.locator('tr', { hasText: application.number }).waitFor({ timeout: 10_000 });
    expect(await print.getByTestId('printer-state').textContent()).toMatch(/Siap|Idle/);
  });

  it('a range of booklets is stock once a second officer confirms it', async () => {
    await tab('booklets');
    const form = print.getByTestId('receive-form');
    await form.locator('input[name="first"]').fill('X0000001');
    await form.locator('input[name="last"]').fill('X0000020');
    await form.getByRole('button').click();
    const confirm = print.getByTestId('confirm-form');
    await confirm.locator('input[name="username"]').fill('putu');
    await confirm.locator('input[name="secret"]').fill('246810');
    await confirm.getByRole('button').click();
    await print.getByTestId('booklet-problem').waitFor();
    await confirm.locator('input[name="username"]').fill('wayan');
    await confirm.locator('input[name="secret"]').fill('135791');
    await confirm.getByRole('button').click();
    await print.locator('tr[data-range="X0000001"]', { hasText: 'wayan' }).waitFor();
    expect(await print.getByTestId('in-stock').textContent()).toContain('20');
  });

  it('the operator scans a booklet for the head of the queue and prints it', async () => {
    await tab('queue');
    const input = print.getByTestId('booklet-input');
    await input.click();
    await print.keyboard.type('X0000001');
    await print.keyboard.press('Enter');
    await print.locator('button[data-testid="print-button"]:enabled').waitFor();
    await print.getByTestId('print-button').click();
    await print.locator('[data-testid="print-result"][data-printed="yes"]').waitFor({ timeout: 30_000 });
    await print.locator('tr', { hasText: applications[0]!.number }).waitFor({ state: 'detached' });
    await screenshot(print, 'print-station');
  });

  it('the MRZ read off the printed page passes the quality check: the board lists it as ready', async () => {
    await tab('qc');
    const job = t.hub.store.printJobs.findByApplication(applications[0]!.id)!;
    const use = t.hub.store.booklets.use('X0000001')!;
    const mrz = dataOf(ctx, job, use.startedAt).mrz.join('\n');
    await print.getByTestId('qc-input').fill(mrz);
    await print.getByTestId('qc-button').click();
    await expect.poll(() => t.hub.store.printJobs.find(job.id)?.state, { timeout: 10_000 }).toBe('ready');
    await board.getByTestId('ready-for-pickup').filter({ hasText: applications[0]!.number }).waitFor({
      timeout: 35_000,
    });
    await screenshot(board, 'board-ready-for-pickup');
  });

  it("the day's booklet reconciliation balances, serial by serial", async () => {
    await tab('booklets');
    const report = print.getByTestId('reconciliation');
    const electronic = report.locator('table[data-type="elektronik"]');
    await electronic.locator('[data-balances="yes"]').waitFor();
    const text = await electronic.textContent();
    expect(text).toContain('X0000001–X0000020');
    expect(text).toContain('X0000002–X0000020');
    await report.scrollIntoViewIfNeeded();
    await screenshot(print, 'reconciliation-report');
  });

  it('the citizen scans the receipt at the kiosk and takes a pickup number', async () => {
    const kiosk = await openStation(browser, contexts, `${t.hub.url}/kiosk`, t.pair('kiosk', 'Kios 2'), {
      width: 1080,
      height: 1920,
    });
    await kiosk.locator('[data-screen="idle"]').waitFor();
    // The receipt as the counter printed it: signed by the hub.
    const number = applications[0]!.number;
    await wedgeScan(kiosk, receiptQr('DPS', number, receiptSignature(ctx, 'DPS', number)));
    await kiosk.locator('[data-testid="pickup-status"][data-status="ready"]').waitFor();
    await kiosk.getByTestId('take-pickup-ticket').click();
    expect(await kiosk.getByTestId('pickup-number').textContent()).toBe('P-001');
    // A public screen: initials only, never the name.
    expect(await kiosk.locator('main, body').first().textContent()).not.toContain(bookings[0]!.fullName);
    await screenshot(kiosk, 'kiosk-pickup-number');
  });

  it('the passport is handed over only to the NIK on the booking', async () => {
    await tab('handover');
    await print.getByTestId('handover-input').fill(applications[0]!.number);
    await print.getByTestId('handover-input').press('Enter');
    const found = print.getByTestId('handover-case');
    await found.waitFor();
    expect(await found.textContent()).toContain(bookings[0]!.fullName);
    await found.locator('img').waitFor();
    await print.getByTestId('handover-nik').fill(bookings[1]!.nik);
    await print.getByTestId('handover-button').click();
    await print.getByTestId('handover-refused').waitFor();
    await print.getByTestId('handover-nik').fill(bookings[0]!.nik);
    await print.getByTestId('handover-button').click();
    await print.locator('[data-testid="handover-case"][data-state="collected"]').waitFor();
    await screenshot(print, 'print-handover');
  });

  it("the station's own document reader: a booklet serial goes to the head job, the printed MRZ to the quality check", async () => {
    t.hub.store.stations.setScanner(printStation, { transport: 'simulator' });
    await t.hub.devices.sync();
    await tab('queue');
    const scan = (text: string) =>
      callFromPage(supervisor, 'simulateScan', { stationId: printStation, text });
    expect((await scan('X0000002')).status).toBe(200);
    await print.getByTestId('scan-notice').filter({ hasText: 'X0000002' }).waitFor();
    await print.locator('button[data-testid="print-button"]:enabled').waitFor();
    await print.getByTestId('print-button').click();
    const second = () => t.hub.store.printJobs.findByApplication(applications[1]!.id);
    await expect.poll(() => second()?.state, { timeout: 10_000 }).toBe('printed');
    const use = t.hub.store.booklets.use('X0000002')!;
    expect((await scan(dataOf(ctx, second()!, use.startedAt).mrz.join('\n'))).status).toBe(200);
    await print
      .locator('[data-testid="qc-outcome"][data-passed="yes"]')
      .filter({ hasText: 'X0000002' })
      .waitFor();
    expect(second()?.state).toBe('ready');
  });

  it('a counter hands a ready passport over from its own screen', async () => {
    const counter = await openStation(
      browser,
      contexts,
      `${t.hub.url}/counter`,
      t.pair('counter', 'Loket 1'),
      {
        width: 1600,
        height: 1000,
      },
    );
    await officerSignIn(counter, 'made', '975310', 1);
    await counter.getByTestId('counter-handover').click();
    await counter.getByTestId('handover-input').fill(applications[1]!.number);
    await counter.getByTestId('handover-input').press('Enter');
    await counter.locator('[data-testid="handover-case"][data-state="ready"]').waitFor();
    await counter.getByTestId('handover-nik').fill(bookings[1]!.nik);
    await counter.getByTestId('handover-button').click();
    await counter.locator('[data-testid="handover-case"][data-state="collected"]').waitFor();
    expect(t.hub.store.printJobs.findByApplication(applications[1]!.id)?.state).toBe('collected');
    expect(await counter.getByTestId('uncollected').count()).toBe(0);
  });
});
