import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passportData } from '../../src-main/domain/passportData.ts';
import { biometricKeyFile, loadBiometricKeyFile } from '../../src-main/hub/biometricKey.ts';
import { commandLine, type ServiceContext } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { dataOf } from '../../src-main/services/passportPrinting.ts';
import type { ApplicationRecord } from '../../src-main/store/applications.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { callFromPage, launchChromium, officerSignIn, openStation, screenshot } from '../support/browser.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { interviewedApplication } from '../support/interviewed.ts';

/**
 * The quality check's outcome at the print station, in Chromium against the hub: Putu prints two
 * passports on the simulated printer. The first one's MRZ reads back as printed: a pass, shown
 * until Putu dismisses it. The second one reads back with another year of birth: the station says
 * which field and both values, in Bahasa Indonesia with the English line beneath, and it stays on
 * screen while the job goes back to the queue, whose column says why in Indonesian.
 */
let browser: Browser;
let t: TestHub;
let ctx: ServiceContext;
let print: Page;
const contexts: BrowserContext[] = [];
const applications: ApplicationRecord[] = [];
// The second holder was born on 12 March 1962 (tests/support/bookings.ts).
const bookings = [1, 2].map((index) => sampleAppointment(index, { birthPlace: 'Denpasar' }));

beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestHub();
  ctx = {
    store: t.hub.store,
    clock: t.clock,
    biometricKey: loadBiometricKeyFile(biometricKeyFile(t.dataDir)),
  };
  addUser(ctx, commandLine, {
    username: 'putu',
    name: 'Putu Ardana',
    role: 'print_operator',
    secret: '246810',
  });
  addUser(ctx, commandLine, { username: 'sri', name: 'Sri Wahyuni', role: 'supervisor', secret: '112233' });
  importAppointments(ctx, commandLine, { format: 'csv', content: appointmentCsv(bookings) });
  const kiosk = t.pair('kiosk', 'Kios 1');
  for (const [i, booking] of bookings.entries()) {
    const ticket = await t.call('checkIn', { text: booking.bookingCode }, kiosk);
    applications.push(interviewedApplication(ctx, { index: i + 1, ticketId: ticket.body.id }));
  }
  const printToken = t.pair('print', 'Cetak Paspor');
  const printStation = t.hub.store.stations.list().find((s) => s.name === 'Cetak Paspor')!.id;
  t.hub.store.stations.setPassportPrinter(printStation, 'simulator');
  const supervisor = await openStation(browser, contexts, `${t.hub.url}/supervisor`, t.pair('supervisor'));
  await officerSignIn(supervisor, 'sri', '112233');
  for (const application of applications) {
    const approved = await callFromPage(supervisor, 'approveApplication', { applicationId: application.id });
    expect(approved.status).toBe(200);
    t.clock.advanceMinutes(1);
  }
  print = await openStation(browser, contexts, `${t.hub.url}/print`, printToken, {
    width: 1600,
    height: 1000,
  });
  await officerSignIn(print, 'putu', '246810');
  const received = await callFromPage(print, 'receiveBooklets', {
    passportType: 'elektronik',
    first: 'X0000001',
    last: 'X0000010',
  });
  expect(received.status).toBe(200);
  const confirmed = await callFromPage(print, 'confirmBooklets', {
    rangeId: received.body.rangeId,
    username: 'sri',
    secret: '112233',
  });
  expect(confirmed.status).toBe(200);
}, 90_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.close();
});

const tab = (name: string) => print.locator(`button[data-tab="${name}"]`).click();

async function printHead(serial: string, application: ApplicationRecord) {
  await tab('queue');
  await print.locator(`[data-testid="head-job"]`).filter({ hasText: application.number }).waitFor();
  await print.getByTestId('booklet-input').fill(serial);
  await print.getByTestId('booklet-input').press('Enter');
  await print.locator('button[data-testid="print-button"]:enabled').waitFor();
  await print.getByTestId('print-button').click();
  await print.locator('[data-testid="print-result"][data-printed="yes"]').waitFor({ timeout: 30_000 });
}

const jobOf = (application: ApplicationRecord) => t.hub.store.printJobs.findByApplication(application.id)!;

describe('the quality check at the print station', () => {
  it('a pass is shown, stays while the operator moves between tabs, and goes when dismissed', async () => {
    await printHead('X0000001', applications[0]!);
    await tab('qc');
    const job = jobOf(applications[0]!);
    const use = t.hub.store.booklets.use('X0000001')!;
    await print.getByTestId('qc-input').fill(dataOf(ctx, job, use.startedAt).mrz.join('\n'));
    await print.getByTestId('qc-button').click();
    const outcome = print.locator('[data-testid="qc-outcome"][data-passed="yes"]');
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain(
      `Lulus QC: paspor X0000001 (${applications[0]!.number}) cocok dengan data permohonan dan siap diambil.`,
    );
    expect(await outcome.textContent()).toContain('QC passed');
    expect(jobOf(applications[0]!).state).toBe('ready');
    // The job has left the QC list; its outcome has not left the screen.
    await tab('queue');
    await outcome.waitFor();
    await screenshot(print, 'print-qc-passed');
    await print.getByTestId('qc-dismiss').click();
    await outcome.waitFor({ state: 'detached' });
  });

  it('a misprinted year of birth is named with both dates, and stays until dismissed', async () => {
    await printHead('X0000002', applications[1]!);
    await tab('qc');
    const job = jobOf(applications[1]!);
    const use = t.hub.store.booklets.use('X0000002')!;
    const printed = dataOf(ctx, job, use.startedAt);
    // What the reader reads off a page printed with 1926 for 1962: a valid MRZ, other data.
    const misprinted = passportData(
      { ...bookings[1]!, birthDate: '1926-03-12' },
      'X0000002',
      printed.issueDate,
    );
    await print.getByTestId('qc-input').fill(misprinted.mrz.join('\n'));
    await print.getByTestId('qc-button').click();
    const outcome = print.locator('[data-testid="qc-outcome"][data-passed="no"]');
    await outcome.waitFor();
    const findings = await outcome.getByTestId('qc-finding').allTextContents();
    expect(findings).toHaveLength(1);
    expect(findings[0]).toContain('Tanggal lahir tidak cocok: data 12 Maret 1962, terbaca 12 Maret 1926');
    expect(findings[0]).toContain('Date of birth does not match: data 12 March 1962, read 12 March 1926');
    expect(await outcome.textContent()).toContain('Gagal QC: paspor X0000002');
    await expect.poll(() => jobOf(applications[1]!).state).toBe('queued');
    // Back in the queue for a new booklet: the column says why, in Indonesian, with no MRZ code words.
    await tab('queue');
    const row = print.locator(`tr[data-job="${job.id}"]`);
    await row.filter({ hasText: 'Gagal QC: tanggal lahir tidak cocok' }).waitFor();
    const text = (await print.getByTestId('print-queue').textContent()) ?? '';
    expect(text).not.toMatch(/MRZ mismatch|birthDate/);
    await outcome.waitFor();
    await screenshot(print, 'print-qc-failed');
    await print.getByTestId('qc-dismiss').click();
    await outcome.waitFor({ state: 'detached' });
  });
});
