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

/**
 * A counter's details, walked in browsers: the desk the hub fixed for the station, priority claims
 * made at the kiosk checked at the counter (one confirmed, one refused and called again in its
 * regular place), a break with a reason and the question "Panggil berikutnya" asks during it, and
 * the supervisor's counts of all of it.
 */

let browser: Browser;
let t: TestHub;
const contexts: BrowserContext[] = [];
const tokens = { kiosk: '', counter: '', supervisor: '' };
let counter: Page;

beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestHub();
  const ctx = { store: t.hub.store, clock: t.clock };
  importAppointments(ctx, commandLine, {
    format: 'csv',
    content: appointmentCsv(Array.from({ length: 5 }, (_, i) => sampleAppointment(i + 1))),
  });
  addUser(ctx, commandLine, {
    username: 'wayan',
    name: 'I Wayan Officer',
    role: 'officer',
    secret: '135790',
  });
  addUser(ctx, commandLine, {
    username: 'kadek',
    name: 'Kadek Supervisor',
    role: 'supervisor',
    secret: '975310',
  });
  tokens.kiosk = t.pair('kiosk', 'Kios Aula');
  tokens.counter = t.pair('counter', 'Loket Dokumen', 2);
  tokens.supervisor = t.pair('supervisor', 'Supervisor');
  // In this order, a minute apart: a regular citizen, one who claims "Ibu hamil", another regular
  // one, then one who claims "Lansia".
  const checkIns = [
    { text: 'MPDPS-00001' },
    { text: 'MPDPS-00002', priority: 'hamil' },
    { text: 'MPDPS-00003' },
    { text: 'MPDPS-00004', priority: 'lansia' },
  ];
  for (const input of checkIns) {
    const ticket = await t.call('checkIn', input, tokens.kiosk);
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(200);
    t.clock.advanceMinutes(1);
  }
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.close();
});

const openStation = (path: string, token: string) =>
  openStationAt(browser, contexts, `${t.hub.url}${path}`, token);

async function callNext(expected: string) {
  await counter.getByTestId('call-next').click();
  await counter.getByTestId('current-number').filter({ hasText: expected }).waitFor();
}

async function serveAndComplete() {
  await counter.getByTestId('start-service').click();
  await counter.locator('[data-testid="current"][data-status="serving"]').waitFor();
  await counter.getByTestId('complete-service').click();
  await counter.getByTestId('current').waitFor({ state: 'detached' });
}

describe('a counter whose desk, claims and breaks tell the truth', () => {
  it('signs in at the desk the hub fixed for the station, never one the officer picks', async () => {
    counter = await openStation('/counter', tokens.counter);
    await counter.getByTestId('sign-in-desk').waitFor();
    expect(await counter.getByTestId('sign-in-desk').textContent()).toContain('Loket 2');
    // No desk to choose: the form has no counter field.
    expect(await counter.locator('select[name="counter"]').count()).toBe(0);
    await screenshot(counter, 'counter-sign-in-fixed-desk');
    // A sign-in that names another desk is refused by the hub, and changes nothing.
    const elsewhere = await t.call(
      'signIn',
      { username: 'wayan', secret: '135790', counter: 1 },
      tokens.counter,
    );
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error.code).toBe('CONFLICT');
    await officerSignIn(counter, 'wayan', '135790', 2);
    await counter.locator('[data-screen="counter"]').waitFor();
    expect(await counter.getByTestId('counter-number').textContent()).toBe('Loket 2');
  });

  it('refuses a false "Ibu hamil" claim with a reason: the ticket waits again and is called in its regular place', async () => {
    // The priority lane's turn comes first: the citizen who claimed "Ibu hamil".
    await callNext('D2-001');
    const claim = counter.getByTestId('priority-claim');
    expect(await claim.getAttribute('data-decision')).toBe('open');
    expect(await claim.textContent()).toContain('Diklaim di kios');
    expect(await counter.getByTestId('claimed-lane').textContent()).toBe('Ibu hamil');
    expect(await claim.textContent()).toContain('Kios Aula');
    await screenshot(counter, 'counter-priority-claim');

    // A refusal without a reason is explained, and changes nothing.
    await counter.getByTestId('refuse-claim').click();
    await counter.getByTestId('counter-problem').filter({ hasText: 'Alasan wajib diisi' }).waitFor();
    expect(await counter.getByTestId('current-number').textContent()).toBe('D2-001');

    await counter.getByTestId('refuse-reason').fill('Pemohon mengantar istrinya, bukan ibu hamil');
    await counter.getByTestId('refuse-claim').click();
    await counter.getByTestId('current').waitFor({ state: 'detached' });

    // Regular turns now: A2-001 checked in before her, A2-002 after her.
    await callNext('A2-001');
    await serveAndComplete();
    await callNext('D2-001');
    expect(await counter.getByTestId('claim-decision').textContent()).toContain(
      'Prioritas ditolak oleh I Wayan Officer',
    );
    await screenshot(counter, 'counter-priority-refused-called-again');
    await serveAndComplete();
  });

  it('confirms a true "Lansia" claim', async () => {
    await callNext('B2-001');
    await counter.getByTestId('confirm-claim').click();
    await counter.locator('[data-testid="priority-claim"][data-decision="confirmed"]').waitFor();
    expect(await counter.getByTestId('claim-decision').textContent()).toContain('Prioritas dikonfirmasi');
    await serveAndComplete();
  });

  it('takes a break with a reason, and "Panggil berikutnya" asks before ending it', async () => {
    await counter.getByTestId('break-reason-choice').selectOption('sholat');
    await counter.getByTestId('start-break').click();
    await counter.locator('[data-testid="counter-state"][data-state="on_break"]').waitFor();
    expect(await counter.getByTestId('break-reason').textContent()).toContain('Salat');
    t.clock.advanceMinutes(6);

    await counter.getByTestId('call-next').click();
    const ask = counter.getByTestId('end-break-ask');
    await ask.waitFor();
    expect(await ask.textContent()).toContain('Akhiri istirahat dan panggil berikutnya?');
    await screenshot(counter, 'counter-call-during-break');
    await counter.getByTestId('stay-on-break').click();
    await ask.waitFor({ state: 'detached' });
    // Nothing was called and the break goes on.
    expect(await counter.getByTestId('current').count()).toBe(0);
    expect(await counter.getByTestId('counter-state').getAttribute('data-state')).toBe('on_break');
    // The hub too refuses a call that does not say the break is over.
    expect((await t.call('callNext', {}, tokens.counter)).status).not.toBe(200);

    await counter.getByTestId('call-next').click();
    await counter.getByTestId('end-break-and-call').click();
    await counter.getByTestId('current-number').filter({ hasText: 'A2-002' }).waitFor();
    expect(await counter.getByTestId('counter-state').getAttribute('data-state')).toBe('serving');
  });

  it("shows the supervisor today's claims per kiosk and per officer, and break time by reason", async () => {
    const page = await openStation('/supervisor', tokens.supervisor);
    await officerSignIn(page, 'kadek', '975310');
    const kiosk = page.getByTestId('claims-per-kiosk').locator('[data-kiosk="Kios Aula"]');
    await kiosk.waitFor();
    expect(await kiosk.getByTestId('claimed').textContent()).toBe('2');
    expect(await kiosk.getByTestId('confirmed').textContent()).toBe('1');
    expect(await kiosk.getByTestId('refused').textContent()).toBe('1');
    const officer = page.getByTestId('claims-per-officer').locator('[data-officer="I Wayan Officer"]');
    expect(await officer.getByTestId('confirmed').textContent()).toBe('1');
    expect(await officer.getByTestId('refused').textContent()).toBe('1');
    const breaks = page.getByTestId('officer-breaks').locator('[data-officer="I Wayan Officer"]');
    expect(await breaks.getByTestId('break-total').textContent()).toBe('6 menit');
    expect(await breaks.getByTestId('break-reasons').textContent()).toBe('Salat 6 menit (1×)');
    await page.getByTestId('priority-claims').scrollIntoViewIfNeeded();
    await screenshot(page, 'supervisor-claims-and-breaks');
  });
});

describe("the supervisor's Stations panel fixes a counter station's desk", () => {
  it('shows each counter station with its desk, and adds a new one only with a desk no other station has', async () => {
    const page = await openStation('/supervisor', tokens.supervisor);
    await officerSignIn(page, 'kadek', '975310');
    const panel = page.getByTestId('floor-stations');
    const existing = panel.locator('[data-station="Loket Dokumen"]').getByTestId('station-desk');
    await existing.waitFor();
    expect(await existing.inputValue()).toBe('2');
    await panel.getByLabel('Nama stasiun').fill('Loket Satu');
    await panel.getByLabel('Peran').selectOption('counter');
    const desk = panel.getByTestId('new-station-desk');
    // Desk 2 belongs to "Loket Dokumen": it is not offered.
    expect(await desk.locator('option').allTextContents()).not.toContain('2');
    await desk.selectOption('1');
    await panel.getByRole('button', { name: 'Tambah stasiun' }).click();
    await panel.getByTestId('pairing-code').filter({ hasText: 'Loket Satu' }).waitFor();
    const added = panel.locator('[data-station="Loket Satu"]').getByTestId('station-desk');
    await added.waitFor();
    expect(await added.inputValue()).toBe('1');
    expect(t.hub.store.stations.list().find((s) => s.name === 'Loket Satu')?.counter).toBe(1);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'supervisor-stations-desks');
  });
});
