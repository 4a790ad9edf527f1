import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { launchChromium, officerSignIn, openStation, screenshot } from '../support/browser.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

/**
 * The interview on the counter's own monitor, 1920×1080: the steps (documents, fingerprints,
 * photo, finish) side by side, all on one screen, the camera's picture at a size an officer can
 * judge a face by, and no page to scroll through empty space.
 */
let browser: Browser;
let t: TestHub;
const contexts: BrowserContext[] = [];
let counter: Page;

beforeAll(async () => {
  browser = await launchChromium(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']);
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
  const kiosk = t.pair('kiosk', 'Kios 1');
  const documents = t.pair('counter', 'Loket 1');
  const interview = t.pair('counter', 'Loket 3');
  const desk = t.hub.store.db
    .prepare("SELECT id FROM stations WHERE name = 'Loket 3'")
    .pluck()
    .get() as string;
  t.hub.store.stations.setFingerprintReader(desk, { transport: 'simulator' });
  await t.hub.devices.sync();
  t.clock.set(Date.parse('2026-11-30T09:10:00+08:00'));
  expect((await t.call('checkIn', { text: 'MPDPS-00001' }, kiosk)).status).toBe(200);
  expect((await t.call('signIn', { username: 'made', secret: '246802', counter: 1 }, documents)).status).toBe(
    200,
  );
  for (const step of ['callNext', 'startService', 'completeService'])
    expect((await t.call(step, {}, documents)).status).toBe(200);

  counter = await openStation(browser, contexts, `${t.hub.url}/counter`, interview, {
    width: 1920,
    height: 1080,
  });
  await officerSignIn(counter, 'wayan', '135790', 3);
  await counter.getByTestId('call-next').click();
  await counter.getByTestId('start-service').click();
  await counter.getByTestId('interview').waitFor();
  await counter.getByTestId('face-preview').waitFor();
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.close();
});

type Box = { x: number; y: number; width: number; height: number };
const boxOf = async (testId: string): Promise<Box> => {
  const box = await counter.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} is not on screen`);
  return box;
};

describe('the interview on a 1920×1080 counter monitor', { timeout: 60_000 }, () => {
  it('fits on the screen: no page scrolling, every step in view', async () => {
    await screenshot(counter, 'interview-1920x1080');
    const page = await counter.evaluate(() => ({
      scrollHeight: document.documentElement.scrollHeight,
      scrollWidth: document.documentElement.scrollWidth,
      height: window.innerHeight,
      width: window.innerWidth,
    }));
    expect(page.scrollHeight).toBeLessThanOrEqual(page.height);
    expect(page.scrollWidth).toBeLessThanOrEqual(page.width);
    // Each step's column is on the screen; the first two need no scrolling of their own.
    const steps = await counter.locator('[data-step]').evaluateAll((columns) =>
      columns.map((column) => {
        const box = column.getBoundingClientRect();
        return {
          step: column.getAttribute('data-step'),
          inView: box.top >= 0 && box.bottom <= window.innerHeight && box.height > 300,
          scrolls: column.scrollHeight > column.clientHeight + 1,
        };
      }),
    );
    expect(steps.map(({ step, inView }) => ({ step, inView }))).toEqual(
      ['documents', 'fingerprints', 'photo', 'finish'].map((step) => ({ step, inView: true })),
    );
    expect(steps.filter((s) => s.step === 'documents' || s.step === 'finish').map((s) => s.scrolls)).toEqual([
      false,
      false,
    ]);
  });

  it('sets the steps side by side, in the order they are done', async () => {
    const steps = await Promise.all(['documents', 'fingerprints', 'face-panel', 'finish'].map(boxOf));
    // Documents, fingerprints and photo start on one row, left to right; finish is not below the page.
    const [documents, fingerprints, photo] = steps as [Box, Box, Box, Box];
    expect(Math.abs(documents.y - fingerprints.y)).toBeLessThan(4);
    expect(Math.abs(documents.y - photo.y)).toBeLessThan(4);
    expect(documents.x).toBeLessThan(fingerprints.x);
    expect(fingerprints.x).toBeLessThan(photo.x);
  });

  it('aligns the documents’ form controls in columns', async () => {
    const lefts = await counter
      .getByTestId('documents')
      .locator('.checklist input.note')
      .evaluateAll((inputs) => inputs.map((input) => Math.round(input.getBoundingClientRect().left)));
    expect(lefts.length).toBeGreaterThan(1);
    expect(new Set(lefts).size).toBe(1);
    const checkboxes = await counter
      .getByTestId('documents')
      .locator('.checklist input[type="checkbox"]')
      .evaluateAll((inputs) => inputs.map((input) => Math.round(input.getBoundingClientRect().left)));
    expect(new Set(checkboxes).size).toBe(1);
  });

  it('shows the camera’s picture at a size to judge a face by, not filling the screen', async () => {
    const preview = await boxOf('face-preview');
    expect(preview.width).toBeGreaterThanOrEqual(320);
    expect(preview.width).toBeLessThanOrEqual(640);
    expect(preview.y + preview.height).toBeLessThanOrEqual(1080);
  });
});
