import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { announcementClips } from '../../src-main/domain/announcement.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser } from '../../src-main/services/officers.ts';
import type { UserRole } from '../../src-main/domain/roles.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import {
  boardSpoken,
  boardVoice,
  callFromPage,
  launchChromium,
  officerSignIn,
  openStation as openStationAt,
  screenshot,
  wedgeScan,
} from '../support/browser.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

let browser: Browser;
let t: TestHub;
const tokens = { kiosk: '', counter1: '', counter2: '', counter3: '', display: '', supervisor: '' };
const contexts: BrowserContext[] = [];

const users: { username: string; name: string; role: UserRole; secret: string }[] = [
  { username: 'wayan', name: 'I Wayan Officer', role: 'officer', secret: '135790' },
  { username: 'made', name: 'Made Officer', role: 'officer', secret: '246802' },
  { username: 'putu', name: 'Putu Printer', role: 'print_operator', secret: '112233' },
  { username: 'kadek', name: 'Kadek Supervisor', role: 'supervisor', secret: '975310' },
];

beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestHub();
  const ctx = { store: t.hub.store, clock: t.clock };
  importAppointments(ctx, commandLine, {
    format: 'csv',
    content: appointmentCsv(Array.from({ length: 6 }, (_, i) => sampleAppointment(i + 1))),
  });
  for (const user of users) addUser(ctx, commandLine, user);
  tokens.kiosk = t.pair('kiosk', 'Kiosk 1');
  tokens.counter1 = t.pair('counter', 'Loket 1');
  tokens.counter2 = t.pair('counter', 'Loket 2');
  tokens.counter3 = t.pair('counter', 'Loket 3');
  tokens.display = t.pair('display', 'Papan aula');
  tokens.supervisor = t.pair('supervisor', 'Supervisor');
  // Five citizens check in at the kiosk, in this order: A2-001 … A2-005. The first scans her
  // booking QR at the kiosk page (keys typed as fast as a scanner's, then Enter); the others'
  // check-ins go straight to the API with the kiosk's token.
  const kiosk = await openStation('/kiosk', tokens.kiosk, { width: 1080, height: 1920 });
  await kiosk.locator('[data-screen="idle"]').waitFor();
  await wedgeScan(kiosk, 'MPDPS-00001');
  await kiosk.locator('[data-screen="ticket"]').waitFor();
  expect(await kiosk.getByTestId('ticket-number').textContent()).toBe('A2-001');
  for (let i = 2; i <= 5; i += 1) {
    const ticket = await t.call('checkIn', { text: `MPDPS-0000${i}` }, tokens.kiosk);
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(200);
  }
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.close();
});

/** A browser station signed in once with its token. */
const openStation = (path: string, token: string, viewport = { width: 1600, height: 900 }) =>
  openStationAt(browser, contexts, `${t.hub.url}${path}`, token, viewport);

const voice = boardVoice;
const spoken = boardSpoken;

let counter: Page;
let board: Page;

describe('a passport day on the floor, in browsers pointed at the hub', () => {
  it('an officer signs in at counter 1 and calls the next citizen: the counter shows the booking, the board shows the call', async () => {
    board = await openStation('/display', tokens.display, { width: 1920, height: 1080 });
    await board.locator('[data-stream="live"]').waitFor();
    await screenshot(board, 'board-empty');

    counter = await openStation('/counter', tokens.counter1);
    await officerSignIn(counter, 'wayan', '135790', 1);
    await counter.locator('[data-screen="counter"]').waitFor();
    expect(await counter.getByTestId('counter-number').textContent()).toBe('Loket 1');
    // Before a call the counter sees how many wait, not who.
    expect(await counter.getByTestId('waiting').textContent()).toContain('5');
    expect(await counter.locator('main').textContent()).not.toContain('Ni Made Ayu');

    await counter.getByTestId('call-next').click();
    await counter.getByTestId('current-number').waitFor();
    expect(await counter.getByTestId('current-number').textContent()).toBe('A2-001');
    expect(await counter.getByTestId('citizen-name').textContent()).toBe('Ni Made Ayu 1');
    expect(await counter.getByTestId('counter-state').getAttribute('data-state')).toBe('serving');
    await screenshot(counter, 'counter-called');

    await board.getByTestId('latest-number').filter({ hasText: 'A2-001' }).waitFor();
    expect(await board.getByTestId('latest-counter').textContent()).toBe('Loket 1');
    expect(await board.locator('main').textContent()).not.toContain('Ni Made Ayu');
    await screenshot(board, 'board-called');
  });

  it('the board speaks each call whole and in order: a call made while it is still speaking waits its turn', async () => {
    const signedIn = await t.call(
      'signIn',
      { username: 'made', secret: '246802', counter: 2 },
      tokens.counter2,
    );
    expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
    // Counter 2 calls while A2-001 is still being spoken (a call takes seconds to say).
    const second = await t.call('callNext', {}, tokens.counter2);
    expect(second.body.called.number).toBe('A2-002');
    expect((await voice(board)).announced).toEqual([]);
    await board.getByTestId('latest-number').filter({ hasText: 'A2-002' }).waitFor();
    expect(await board.getByTestId('history').textContent()).toContain('A2-001Loket 1');

    // Each call whole, in the order made: a chime, then "Nomor antrian A dua, nol nol satu,
    // silakan menuju loket satu", and only then counter 2's call; every clip heard.
    const { played, announced, failed } = await spoken(board, 2);
    expect(announced.slice(0, 2)).toEqual(['A2-001@1', 'A2-002@2']);
    expect(played.slice(0, 18)).toEqual([
      'chime',
      'nomor-antrian',
      'letter-a',
      'digit-2',
      'digit-0',
      'digit-0',
      'digit-1',
      'silakan-menuju-loket',
      'number-1',
      ...announcementClips('A2-002', 2),
    ]);
    expect(failed).toEqual([]);
  });

  it('a board speaks only what happens while it is connected, and catches up silently after a lost connection', async () => {
    // Through a route the test can cut, as a TV losing the Wi-Fi would.
    const routes: WebSocketRoute[] = [];
    let hold = false;
    await board.routeWebSocket(/\/api\/events/, (ws) => {
      routes.push(ws);
      if (!hold) ws.connectToServer();
    });
    await board.reload();
    await board.locator('[data-stream="live"]').waitFor();
    // The calls made before this page loaded are shown, not spoken.
    expect(await board.getByTestId('latest-number').textContent()).toBe('A2-002');
    expect((await voice(board)).played).toEqual([]);

    hold = true;
    await routes[0]?.close();
    await board.getByTestId('reconnecting').waitFor();
    await screenshot(board, 'board-reconnecting');
    // Counter 2 finishes and calls the next citizen while the board is cut off.
    for (const operation of ['startService', 'completeService', 'callNext'])
      expect((await t.call(operation, {}, tokens.counter2)).status).toBe(200);
    // The board tries again (held, so the calls above surely fell in the gap), then gets through.
    await expect.poll(() => routes.length).toBe(2);
    hold = false;
    await routes[1]?.close();
    await board.locator('[data-stream="live"]').waitFor();
    await board.getByTestId('latest-number').filter({ hasText: 'A2-003' }).waitFor();
    expect(await board.getByTestId('reconnecting').count()).toBe(0);
    expect((await voice(board)).played).toEqual([]);

    // Live again: the next call — counter 1 recalls its citizen — is spoken, and only that one.
    await counter.getByRole('button', { name: /Panggil ulang/ }).click();
    await counter.getByTestId('recalls').filter({ hasText: '(1)' }).waitFor();
    const { announced, played } = await spoken(board, 1);
    expect(announced).toEqual(['A2-001@1']);
    expect(played).toEqual(announcementClips('A2-001', 1));
    expect(await board.getByTestId('latest-number').textContent()).toBe('A2-001');
  });

  it('an out-of-order call needs a reason: the button waits for one, and the hub refuses a call without', async () => {
    await counter.getByRole('button', { name: 'Mulai layanan' }).click();
    await counter.locator('[data-status="serving"]').waitFor();
    await counter.getByRole('button', { name: 'Selesai' }).click();
    await counter.getByTestId('call-next').and(counter.locator(':enabled')).waitFor();

    await counter.getByTestId('specific-number').fill('A2-005');
    expect(await counter.getByTestId('call-specific').isDisabled()).toBe(true);
    for (const input of [
      { number: 'A2-005' },
      { number: 'A2-005', reason: '' },
      { number: 'A2-005', reason: 'friend' },
    ]) {
      const refused = await callFromPage(counter, 'callTicket', input);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('INVALID_INPUT');
    }
    expect(await counter.getByTestId('current').count()).toBe(0);

    await counter.getByTestId('specific-reason').selectOption('medical');
    await counter.getByTestId('call-specific').click();
    await counter.getByTestId('current-number').filter({ hasText: 'A2-005' }).waitFor();
    expect(await counter.getByTestId('citizen-name').textContent()).toBe('Ni Made Ayu 5');
    expect(await counter.getByTestId('figures').textContent()).toContain('Di luar urutan1');
  });

  it('marks a no-show only after the configured recalls, then says when nobody is waiting', async () => {
    const noShow = counter.getByTestId('no-show');
    for (const recalls of ['(1)', '(2)']) {
      expect(await noShow.isDisabled()).toBe(true);
      await counter.getByRole('button', { name: /Panggil ulang/ }).click();
      await counter.getByTestId('recalls').filter({ hasText: recalls }).waitFor();
    }
    await noShow.and(counter.locator(':enabled')).waitFor();
    await noShow.click();
    await counter.getByTestId('current').waitFor({ state: 'detached' });

    await counter.getByTestId('call-next').click();
    await counter.getByTestId('current-number').filter({ hasText: 'A2-004' }).waitFor();
    await counter.getByRole('button', { name: 'Mulai layanan' }).click();
    await counter.locator('[data-status="serving"]').waitFor();
    await counter.getByRole('button', { name: 'Selesai' }).click();
    await counter.getByTestId('current').waitFor({ state: 'detached' });
    await counter.getByTestId('call-next').click();
    await counter.getByTestId('nobody-waiting').waitFor();
    await screenshot(counter, 'counter-nobody-waiting');

    await counter.getByTestId('language').click();
    expect(await counter.getByTestId('call-next').textContent()).toBe('Call next');
    expect(await counter.getByTestId('nobody-waiting').textContent()).toBe(
      'Nobody is waiting for this counter.',
    );
    await counter.getByTestId('language').click();
  });

  it('locks the counter after idle minutes and opens it again with the officer’s PIN', async () => {
    t.clock.advanceMinutes(11);
    await counter.getByTestId('break-reason-choice').selectOption('istirahat');
    await counter.getByTestId('start-break').click();
    await counter.locator('[data-screen="locked"]').waitFor();
    await screenshot(counter, 'counter-locked');
    await counter.getByLabel('PIN').fill('135790');
    await counter.getByRole('button', { name: 'Buka kunci' }).click();
    await counter.locator('[data-screen="counter"]').waitFor();
    await counter.getByTestId('break-reason-choice').selectOption('istirahat');
    await counter.getByTestId('start-break').click();
    await counter.getByTestId('counter-state').and(counter.locator('[data-state="on_break"]')).waitFor();
  });

  it('lets no one but an officer or supervisor sign in at a counter', async () => {
    const page = await openStation('/counter', tokens.display);
    expect(await page.getByRole('alert').textContent()).toContain('bukan untuk loket petugas');
    await page.getByLabel('token').fill(tokens.counter3);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await officerSignIn(page, 'putu', '112233', 3);
    const refusal = page.getByTestId('officer-problem');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('FORBIDDEN');
    expect(await refusal.textContent()).toContain(
      'Operator cetak tidak dapat masuk di stasiun loket petugas',
    );
    await screenshot(page, 'counter-forbidden');
  });

  it('shows the supervisor the floor: counters, out-of-order calls per officer, who waits where, live', async () => {
    const page = await openStation('/supervisor', tokens.supervisor);
    await officerSignIn(page, 'kadek', '975310');
    await page.locator('[data-screen="floor"]').waitFor();
    const row = (n: number) => page.getByTestId('floor-counters').locator(`[data-counter="${n}"]`);
    expect(await row(1).textContent()).toContain('I Wayan Officer');
    expect(await row(1).locator('[data-state]').getAttribute('data-state')).toBe('on_break');
    expect(await page.getByTestId('current-2').textContent()).toBe('A2-003');
    expect(await page.getByTestId('out-of-order').textContent()).toContain('I Wayan Officer1');
    await screenshot(page, 'supervisor-floor');

    // A counter's change reaches the console by its event, well before the 10-second reload.
    expect((await t.call('unlock', { secret: '246802' }, tokens.counter2)).status).toBe(200); // idle since
    expect((await t.call('startService', {}, tokens.counter2)).status).toBe(200);
    expect((await t.call('completeService', {}, tokens.counter2)).status).toBe(200);
    await page.getByTestId('current-2').filter({ hasText: '–' }).waitFor({ timeout: 5000 });
  });
});
