import fs from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { launchChromium, screenshot, screenshotDir, wedgeScan } from '../support/browser.ts';
import { kioskWithPrinter, startTestHub, type TestHub } from '../support/hub.ts';
import type { PrinterSimulator } from '../../drivers/ticket-printer/simulator.ts';

let browser: Browser;
let t: TestHub;
let kioskToken: string;
let printer: PrinterSimulator;

beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestHub();
  importAppointments({ store: t.hub.store, clock: t.clock }, commandLine, {
    format: 'csv',
    content: appointmentCsv([
      ...Array.from({ length: 12 }, (_, i) => sampleAppointment(i + 1)),
      sampleAppointment(50, { windowStart: '13:00', windowEnd: '14:00' }),
    ]),
  });
  ({ token: kioskToken, printer } = await kioskWithPrinter(t, 'Kiosk 1'));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
  await printer?.stop();
});

const viewports = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
} as const;

let context: BrowserContext;
let page: Page;

/** A kiosk browser signed in once through the sign-in screen, as the IT person does it. */
async function openKiosk(viewport: { width: number; height: number } = viewports.portrait): Promise<Page> {
  context = await browser.newContext({ viewport });
  page = await context.newPage();
  await page.goto(`${t.hub.url}/kiosk`);
  await page.getByLabel('token').fill(kioskToken);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.locator('[data-screen="idle"]').waitFor();
  return page;
}

/** The kiosk's scanner reads `text` (see wedgeScan). */
const scan = (text: string): Promise<void> => wedgeScan(page, text);

beforeEach(async () => {
  await context?.close();
  printer.repair();
  printer.clearJobs();
});

/** The ticket QR every later station scans, as the hub made it for this booking. */
function qrOf(bookingCode: string): string {
  const ticket = t.hub.store.tickets.activeForBooking(bookingCode, '2026-11-30');
  return `LOKET:T:DPS:${ticket?.id}`;
}

describe('the kiosk in a browser pointed at the hub', () => {
  it('turns a scanned M-Paspor QR into a ticket with the number, window and expected call time', async () => {
    await openKiosk();
    await screenshot(page, 'kiosk-idle-portrait');
    await scan(JSON.stringify({ kode: 'MPDPS-00001', office: 'DPS' }));
    await page.locator('[data-screen="ticket"]').waitFor();
    expect(await page.getByTestId('ticket-number').textContent()).toBe('A2-001');
    expect(await page.getByTestId('window').textContent()).toBe('09:00–10:00');
    expect(await page.getByTestId('initials').textContent()).toBe('N. M. A. 1.');
    const expectedCall = (await page.getByTestId('expected-call').textContent()) as string;
    expect(expectedCall).toMatch(/^\d\d:\d\d$/);

    // The ticket comes out of the printer with the same number, window and call time, and its QR.
    await page.locator('[data-print="printed"]').waitFor();
    const [job] = await printer.waitForJobs(1);
    const slip = job?.decoded.text.join('\n') ?? '';
    expect(slip).toContain('A2-001');
    expect(slip).toContain('09:00-10:00');
    expect(slip).toContain(expectedCall);
    expect(job?.decoded.qr).toEqual([qrOf('MPDPS-00001')]);
    expect(job?.decoded.cut).toBe(true);
    await screenshot(page, 'kiosk-ticket-portrait');
  });

  it('gives the same number when the same QR is scanned again', async () => {
    await openKiosk();
    await scan('MPDPS-00006');
    await page.locator('[data-screen="ticket"]').waitFor();
    const first = await page.getByTestId('ticket-number').textContent();
    await page.getByRole('button', { name: 'Selesai' }).click();
    await scan('MPDPS-00006');
    await page.locator('.ticket .notice', { hasText: 'sudah mengambil nomor ini' }).waitFor();
    expect(await page.getByTestId('ticket-number').textContent()).toBe(first);
    await page.locator('[data-print="printed"]').waitFor();
    const jobs = await printer.waitForJobs(2);
    expect(jobs[1]?.decoded.text.join('\n')).toContain(first as string);
    expect(jobs[1]?.decoded.text.join('\n')).toContain('CETAK ULANG 1 / REPRINT 1');
  });

  it('ignores a person pressing keys slowly: no scan, no ticket', async () => {
    await openKiosk();
    await page.keyboard.type('MPDPS-00002', { delay: 150 });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    expect(await page.locator('main').getAttribute('data-screen')).toBe('idle');
    expect(t.hub.store.tickets.activeForBooking('MPDPS-00002', '2026-11-30')).toBeNull();
  });

  it('tells a citizen who is too early when to come back, and prints no ticket', async () => {
    await openKiosk();
    await scan('MPDPS-00050');
    await page.locator('[data-screen="error"]').waitFor();
    expect(await page.locator('[data-code]').getAttribute('data-code')).toBe('TOO_EARLY');
    expect(await page.getByTestId('come-back-at').textContent()).toBe('12:00');
    await screenshot(page, 'kiosk-too-early-portrait');
    expect(printer.jobs).toEqual([]);
    expect(t.hub.store.tickets.activeForBooking('MPDPS-00050', '2026-11-30')).toBeNull();
  });

  it('sends an unknown booking to the help desk and a garbage scan back to scanning', async () => {
    await openKiosk();
    await scan('MPDPS-99999');
    await page.locator('[data-screen="error"]').waitFor();
    expect(await page.locator('[data-code]').getAttribute('data-code')).toBe('UNKNOWN_BOOKING');
    expect(await page.getByTestId('error-message').textContent()).toContain('meja bantuan');
    await screenshot(page, 'kiosk-unknown-portrait');

    await page.getByRole('button', { name: 'Selesai' }).click();
    await scan('%%%%not a code%%%%');
    await page.locator('[data-screen="error"]').waitFor();
    expect(await page.locator('[data-code]').getAttribute('data-code')).toBe('INVALID_SCAN');
    await screenshot(page, 'kiosk-invalid-portrait');
    expect(printer.jobs).toEqual([]);
  });

  it('switches to English and back', async () => {
    await openKiosk(viewports.landscape);
    expect(await page.locator('h1').textContent()).toBe('Selamat datang');
    await page.getByTestId('language').click();
    expect(await page.locator('h1').textContent()).toBe('Welcome');
    await screenshot(page, 'kiosk-idle-landscape-en');
    await scan('MPDPS-99998');
    await page.locator('[data-screen="error"]').waitFor();
    expect(await page.getByTestId('error-message').textContent()).toContain('help desk');
    await page.getByTestId('language').click();
    expect(await page.getByTestId('error-message').textContent()).toContain('meja bantuan');
  });

  it('lets a citizen type the booking code on the screen’s keyboard', async () => {
    await openKiosk(viewports.landscape);
    await page.getByTestId('type-instead').click();
    for (const key of 'MPDPS-00003') await page.getByRole('button', { name: key, exact: true }).click();
    await screenshot(page, 'kiosk-typing-landscape');
    await page.getByRole('button', { name: 'Ambil nomor' }).click();
    await page.locator('[data-screen="ticket"]').waitFor();
    expect(await page.getByTestId('ticket-number').textContent()).toMatch(/^A2-00\d$/);
    await screenshot(page, 'kiosk-ticket-landscape');
  });

  it('refuses a token of another mode at sign-in', async () => {
    context = await browser.newContext();
    page = await context.newPage();
    await page.goto(`${t.hub.url}/kiosk`);
    await page.getByLabel('token').fill(t.pair('display'));
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('bukan untuk kios');
  });

  it('lets a citizen choose a priority lane before scanning, and says staff will verify it', async () => {
    await openKiosk();
    await page.getByTestId('priority').click();
    await screenshot(page, 'kiosk-priority-portrait');
    await page.getByRole('button', { name: 'Lansia (60 tahun ke atas)' }).click();
    expect(await page.getByTestId('priority-chosen').textContent()).toContain('memverifikasi');
    await scan('MPDPS-00004');
    await page.locator('[data-screen="ticket"]').waitFor();
    expect(await page.getByTestId('ticket-number').textContent()).toBe('B2-001');
    expect(await page.locator('.ticket').textContent()).toContain(
      'Petugas akan memverifikasi prioritas Anda.',
    );
    // The choice is for that one citizen: the next scan is regular again.
    await page.getByRole('button', { name: 'Selesai' }).click();
    await scan('MPDPS-00005');
    await page.locator('[data-screen="ticket"]').waitFor();
    expect(await page.getByTestId('ticket-number').textContent()).toMatch(/^A2-/);
  });

  it('shows today’s quota per window, used / total, on the idle screen', async () => {
    const regularUsed = t.hub.store.tickets
      .listForDay('2026-11-30')
      .filter((ticket) => ticket.lane === 'regular' && ticket.windowNumber === 2).length;
    await openKiosk();
    const row = page.getByTestId('quota').locator('tr', { hasText: '09:00–10:00' });
    await row.waitFor();
    expect(await row.locator('td').first().textContent()).toBe(`${regularUsed} / 24`);
  });

  it('shows the ticket on screen, large, when the printer is out of paper, and marks it unprinted', async () => {
    printer.set({ paper: 'out' });
    await openKiosk();
    await scan('MPDPS-00007');
    await page.locator('[data-print="failed"]').waitFor();
    expect(await page.getByTestId('ticket-number').textContent()).toMatch(/^A2-\d{3}$/);
    expect(await page.getByTestId('print-state').textContent()).toContain('Kertas printer habis');
    expect(await page.getByTestId('print-state').textContent()).toContain('Catat nomor');
    await screenshot(page, 'kiosk-paper-out-portrait');
    expect(printer.jobs).toEqual([]);
    const ticket = t.hub.store.tickets.activeForBooking('MPDPS-00007', '2026-11-30');
    expect(t.hub.store.tickets.printsOf(ticket?.id as string)).toEqual({ printed: 0, attempts: 1 });
  });

  it('leaves a screenshot of every kiosk screen, portrait and landscape, for people to look at', async () => {
    const bookingFor = {
      portrait: { ticket: 'MPDPS-00008', paperOut: 'MPDPS-00010' },
      landscape: { ticket: 'MPDPS-00009', paperOut: 'MPDPS-00011' },
    };
    for (const [orientation, viewport] of Object.entries(viewports) as [
      keyof typeof viewports,
      (typeof viewports)[keyof typeof viewports],
    ][]) {
      await context?.close();
      printer.repair();
      await openKiosk(viewport);
      const shot = (screen: string) => screenshot(page, `screen-${screen}-${orientation}`);
      await shot('idle');
      await page.getByTestId('type-instead').click();
      await shot('typing');
      await page.getByRole('button', { name: 'Batal' }).click();
      await page.getByTestId('priority').click();
      await shot('priority');
      await page.getByRole('button', { name: 'Batal' }).click();
      await scan(bookingFor[orientation].ticket);
      await page.locator('[data-print="printed"]').waitFor();
      await shot('ticket');
      for (const [name, text] of [
        ['too-early', 'MPDPS-00050'],
        ['unknown', 'MPDPS-99997'],
        ['invalid', '%%%%%%'],
      ] as const) {
        await page.getByRole('button', { name: 'Selesai' }).click();
        await scan(text);
        await page.locator('[data-screen="error"]').waitFor();
        await shot(name);
      }
      await page.getByRole('button', { name: 'Selesai' }).click();
      printer.set({ paper: 'out' });
      await scan(bookingFor[orientation].paperOut);
      await page.locator('[data-print="failed"]').waitFor();
      await shot('paper-out');
    }
    const files = fs.readdirSync(screenshotDir).filter((f) => f.startsWith('screen-'));
    expect(files).toHaveLength(2 * 8);
  });
});
