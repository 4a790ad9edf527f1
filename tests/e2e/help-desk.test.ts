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
  wedgeScan,
} from '../support/browser.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

/**
 * The help desk in a browser, as an officer works it: a citizen found by a booking code typed
 * without its dash and by NIK, each with their day; a queue number taken on a citizen's behalf and
 * printed on the desk's own (simulated) printer; reprints within the limit, and one past it refused
 * until another supervisor types their PIN.
 */
let browser: Browser;
let t: TestHub;
const contexts: BrowserContext[] = [];
const tokens = { kiosk: '', desk: '' };
let deskId = '';
let officerId = '';
const citizens = Array.from({ length: 4 }, (_, i) => sampleAppointment(i + 1));

beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestHub();
  const ctx = { store: t.hub.store, clock: t.clock };
  importAppointments(ctx, commandLine, { format: 'csv', content: appointmentCsv(citizens) });
  officerId = addUser(ctx, commandLine, {
    username: 'wayan',
    name: 'I Wayan Petugas',
    role: 'officer',
    secret: '135790',
  }).id;
  addUser(ctx, commandLine, {
    username: 'kadek',
    name: 'Kadek Supervisor',
    role: 'supervisor',
    secret: '975310',
  });
  tokens.kiosk = t.pair('kiosk', 'Kios 1');
  tokens.desk = t.pair('helpdesk', 'Meja bantuan 1');
  deskId = t.hub.store.stations.list().find((s) => s.name === 'Meja bantuan 1')?.id as string;
  t.hub.store.stations.setTicketPrinter(deskId, { transport: 'simulator' });
  await t.hub.devices.sync();
  // The first citizen took her number at the kiosk.
  const ticket = await t.call('checkIn', { text: citizens[0]!.bookingCode }, tokens.kiosk);
  expect(ticket.status, JSON.stringify(ticket.body)).toBe(200);
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.close();
});

const openStation = (path: string, token: string, viewport = { width: 1600, height: 900 }) =>
  openStationAt(browser, contexts, `${t.hub.url}${path}`, token, viewport);

/** The tickets the desk's simulated printer has printed so far. */
async function deskPrints(): Promise<string[][]> {
  const manager = await t.hub.devices.managerOf(deskId);
  return (manager?.printerSimulator?.jobs ?? []).map((job) => job.decoded.text);
}

async function lookUp(desk: Page, query: string) {
  await desk.getByLabel('Kode booking, NIK atau nama').fill(query);
  await desk.getByRole('button', { name: 'Cari' }).click();
}

const card = (desk: Page, code: string) => desk.locator(`[data-testid="citizen"][data-booking="${code}"]`);

let desk: Page;

describe('the help desk', () => {
  it('finds a citizen by a booking code typed without its dash, with the number she took at the kiosk', async () => {
    desk = await openStation('/helpdesk', tokens.desk);
    await officerSignIn(desk, 'wayan', '135790');
    await desk.locator('[data-screen="helpdesk"]').waitFor();
    await screenshot(desk, 'helpdesk-empty');

    await lookUp(desk, 'mpdps 00001');
    const found = card(desk, 'MPDPS-00001');
    await found.waitFor();
    await expect.poll(() => desk.getByTestId('citizen').count()).toBe(1);
    expect(await found.getByTestId('citizen-name').textContent()).toBe('Ni Made Ayu 1');
    expect(await found.getByTestId('ticket-status').getAttribute('data-checked-in')).toBe('yes');
    expect(await found.getByTestId('ticket-number').textContent()).toBe('A2-001');
    expect(await found.getByTestId('call-status').getAttribute('data-called')).toBe('no');
    expect(await found.getByTestId('call-status').textContent()).toContain('Belum dipanggil');
    expect(await found.getByTestId('application-status').textContent()).toBe('Belum ada permohonan');
    await screenshot(desk, 'helpdesk-lookup-code');
    // Each look-up is logged with the officer and the bookings shown, never the text typed.
    const searched = t.hub.store.events.ofTypeSince('helpdesk.searched', 0);
    expect(searched.at(-1)).toMatchObject({
      actor: officerId,
      payload: { officerId, kind: 'code', bookingCodes: ['MPDPS-00001'] },
    });
  });

  it('finds a citizen by NIK, takes a number on her behalf and prints it on the desk printer', async () => {
    const second = citizens[1]!;
    await lookUp(desk, second.nik);
    const found = card(desk, second.bookingCode);
    await found.waitFor();
    expect(await found.getByTestId('ticket-status').getAttribute('data-checked-in')).toBe('no');
    expect(await found.getByTestId('ticket-status').textContent()).toBe('Belum mengambil nomor antrean');
    expect(await desk.getByTestId('help-results').getAttribute('data-kind')).toBe('nik');
    await screenshot(desk, 'helpdesk-lookup-nik');

    await found.getByTestId('check-in').click();
    await desk.locator('[data-testid="desk-notice"][data-outcome="printed"]').waitFor();
    expect(await desk.getByTestId('desk-notice').textContent()).toContain('A2-002');
    await found.getByTestId('ticket-number').filter({ hasText: 'A2-002' }).waitFor();
    expect(await found.getByTestId('prints').textContent()).toContain('Dicetak 1 kali');
    await screenshot(desk, 'helpdesk-checked-in');

    // The paper came out of the desk's own printer.
    const prints = await deskPrints();
    expect(prints).toHaveLength(1);
    expect(prints[0]!.join('\n')).toContain('A2-002');
    // The same rules as the kiosk, and the officer is named.
    const ticket = t.hub.store.tickets.activeForBooking(second.bookingCode, '2026-11-30');
    expect(ticket?.number).toBe('A2-002');
    const issued = t.hub.store.events
      .ofTypeSince('ticket.issued', 0)
      .find((e) => (e.payload as { ticket: { id: string } }).ticket.id === ticket?.id);
    expect(issued?.actor).toBe(officerId);
    expect(issued?.station).toBe(deskId);
    const onBehalf = t.hub.store.events.ofTypeSince('helpdesk.checkedIn', 0);
    expect(onBehalf).toHaveLength(1);
    expect(onBehalf[0]).toMatchObject({ actor: officerId, payload: { number: 'A2-002', officerId } });
  });

  it('reprints within the limit, refuses past it without a supervisor, and prints once another supervisor approves', async () => {
    const found = card(desk, citizens[1]!.bookingCode);
    const reprint = found.getByTestId('print-ticket');
    for (const times of [2, 3]) {
      await reprint.click();
      await found
        .getByTestId('prints')
        .filter({ hasText: `Dicetak ${times} kali` })
        .waitFor();
    }
    expect(await found.getByTestId('prints').textContent()).toContain('sisa cetak ulang: 0');
    expect((await deskPrints()).map((lines) => lines.some((line) => line.includes('CETAK ULANG')))).toEqual([
      false,
      true,
      true,
    ]);

    await reprint.click();
    await desk.locator('[data-testid="desk-notice"][data-code="APPROVAL_REQUIRED"]').waitFor();
    expect(await desk.getByTestId('desk-notice').textContent()).toContain('perlu persetujuan supervisor');
    await desk.getByTestId('reprint-approval').waitFor();
    await screenshot(desk, 'helpdesk-reprint-refused');
    expect(await deskPrints()).toHaveLength(3);

    // The officer at the desk cannot approve it for himself.
    const approval = desk.getByTestId('reprint-approval');
    await approval.getByLabel('Nama pengguna supervisor').fill('wayan');
    await approval.getByLabel('PIN supervisor').fill('135790');
    await approval.getByRole('button', { name: 'Setujui dan cetak' }).click();
    await desk.locator('[data-testid="desk-notice"][data-code="FORBIDDEN"]').waitFor();
    expect(await deskPrints()).toHaveLength(3);
    await desk.locator('[data-screen="helpdesk"]').waitFor();

    await approval.getByLabel('Nama pengguna supervisor').fill('kadek');
    await approval.getByLabel('PIN supervisor').fill('975310');
    await approval.getByRole('button', { name: 'Setujui dan cetak' }).click();
    await desk.locator('[data-testid="desk-notice"][data-outcome="printed"]').waitFor();
    await found.getByTestId('prints').filter({ hasText: 'Dicetak 4 kali' }).waitFor();
    expect(await desk.getByTestId('reprint-approval').count()).toBe(0);
    expect(await deskPrints()).toHaveLength(4);
    await screenshot(desk, 'helpdesk-reprint-approved');
    const approved = t.hub.store.events.ofTypeSince('ticket.reprintApproved', 0);
    expect(approved).toHaveLength(1);
    expect(approved[0]).toMatchObject({ actor: officerId, payload: { reprint: 3, officerId } });
  });

  it('finds citizens by part of a name, those of today first', async () => {
    await lookUp(desk, 'made ayu');
    await expect.poll(() => desk.getByTestId('citizen').count()).toBe(2);
    expect(await desk.getByTestId('citizen-name').allTextContents()).toEqual([
      'Ni Made Ayu 1',
      'Ni Made Ayu 3',
    ]);
    await screenshot(desk, 'helpdesk-lookup-name');
  });

  it("the kiosk's refusal sends the citizen to the help desk in plain Indonesian and says what it can do", async () => {
    const kiosk = await openStation('/kiosk', tokens.kiosk, { width: 1080, height: 1920 });
    await kiosk.locator('[data-screen="idle"]').waitFor();
    await wedgeScan(kiosk, 'MPDPS-99999');
    await kiosk.locator('[data-code="UNKNOWN_BOOKING"]').waitFor();
    const message = await kiosk.getByTestId('error-message').textContent();
    expect(message).toContain('Silakan ke meja bantuan.');
    expect(message).not.toContain('help desk');
    expect(await kiosk.getByTestId('help-desk').textContent()).toContain('mencetak ulang tiket');
    await screenshot(kiosk, 'kiosk-refusal-help-desk');
  });
});
