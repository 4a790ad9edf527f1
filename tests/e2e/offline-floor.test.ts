import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, WebSocketRoute } from 'playwright-core';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { launchChromium, officerSignIn, openStation, screenshot } from '../support/browser.ts';
import { at } from '../support/floor.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

let browser: Browser;
let t: TestHub;
const contexts: BrowserContext[] = [];
const tokens = { kiosk1: '', kiosk2: '', supervisor: '' };

beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestHub();
  const ctx = { store: t.hub.store, clock: t.clock };
  importAppointments(ctx, commandLine, {
    format: 'csv',
    content: appointmentCsv(Array.from({ length: 6 }, (_, i) => sampleAppointment(i + 1))),
  });
  addUser(ctx, commandLine, {
    username: 'kadek',
    name: 'Kadek Supervisor',
    role: 'supervisor',
    secret: '975310',
  });
  tokens.kiosk1 = t.pair('kiosk', 'Kios 1');
  tokens.kiosk2 = t.pair('kiosk', 'Kios 2');
  tokens.supervisor = t.pair('supervisor', 'Supervisor');
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.close();
});

/** The ticket a kiosk apart from the hub issued for booking 3 at 09:0`minute`, from its leased block. */
async function issuedApart(token: string, minute: number) {
  const leases = await t.call('leaseNumbers', {}, token);
  const block = leases.body.leases.find((l: any) => l.lane === 'regular' && l.windowNumber === 2);
  const ticket = {
    id: randomUUID(),
    officeDate: '2026-11-30',
    number: `A2-${block.firstSeq}`,
    lane: 'regular',
    windowNumber: 2,
    sequence: block.firstSeq,
    bookingCode: sampleAppointment(3).bookingCode,
    arrival: 'on_time',
    windowStart: '09:00',
    windowEnd: '10:00',
    expectedCall: '09:30',
    issuedAt: at('2026-11-30', `09:0${minute}`),
  };
  const reply = await t.call('checkInOffline', { ticket }, token);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

describe('the floor after kiosks were apart from the hub', () => {
  it('shows the supervisor a booking checked in at two kiosks: the first ticket kept, the other voided', async () => {
    const page = await openStation(browser, contexts, `${t.hub.url}/supervisor`, tokens.supervisor, {
      width: 1600,
      height: 900,
    });
    await officerSignIn(page, 'kadek', '975310');
    await page.locator('[data-screen="floor"]').waitFor();
    expect(await page.getByTestId('offline-conflicts').count()).toBe(0);

    // Kiosk 2 reconnects first with the later ticket; kiosk 1's earlier one still wins.
    const later = await issuedApart(tokens.kiosk2, 7);
    const earlier = await issuedApart(tokens.kiosk1, 2);
    expect([later.outcome, earlier.outcome]).toEqual(['accepted', 'conflict_kept']);

    const row = page
      .getByTestId('offline-conflicts')
      .locator(`[data-booking="${sampleAppointment(3).bookingCode}"]`);
    await row.waitFor({ timeout: 5000 });
    expect(await row.getByTestId('kept').textContent()).toContain(earlier.ticket.number);
    expect(await row.getByTestId('voided').textContent()).toContain(later.ticket.number);
    await screenshot(page, 'supervisor-offline-conflicts');
  });

  it('marks a kiosk discreetly while its connection to the hub is cut, and clears the mark when it is back', async () => {
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    contexts.push(context);
    const page = await context.newPage();
    const routes: WebSocketRoute[] = [];
    let hold = false;
    await page.routeWebSocket(/\/api\/events/, (ws) => {
      routes.push(ws);
      if (!hold) ws.connectToServer();
    });
    await page.goto(`${t.hub.url}/kiosk`);
    await page.getByLabel('token').fill(tokens.kiosk1);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.locator('[data-screen="idle"]').waitFor();
    expect(await page.getByTestId('offline-badge').count()).toBe(0);

    await expect.poll(() => routes.length, { timeout: 10_000 }).toBeGreaterThan(0);
    hold = true;
    await routes.at(-1)?.close();
    await page.getByTestId('offline-badge').waitFor();
    expect(await page.getByTestId('offline-badge').textContent()).toBe('Mode luring');
    await screenshot(page, 'kiosk-offline-mark');

    hold = false;
    await expect.poll(() => routes.length, { timeout: 15_000 }).toBeGreaterThan(1);
    await routes.at(-1)?.close();
    await page.getByTestId('offline-badge').waitFor({ state: 'detached', timeout: 20_000 });
  });
});
