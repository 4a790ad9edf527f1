import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { commandLine } from '../../src-main/services/context.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { launchChromium, officerSignIn, openStation, screenshot } from '../support/browser.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

// The IT person staged a new version: the supervisor sees on the Stations panel which version each
// station runs and how its update goes — the kiosk whose download failed, the counter that has it
// downloaded and waits to install — without walking to every desk.

let browser: Browser;
let t: TestHub;
let console_: Page;
let kiosk: string;
let counter: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestHub();
  addUser({ store: t.hub.store, clock: t.clock }, commandLine, {
    username: 'sri',
    name: 'Sri Wahyuni',
    role: 'supervisor',
    secret: '112233',
  });
  kiosk = t.pair('kiosk', 'Kios Aula');
  counter = t.pair('counter', 'Loket 1');
  console_ = await openStation(browser, contexts, `${t.hub.url}/supervisor`, t.pair('supervisor', 'Konsol'), {
    width: 1600,
    height: 1400,
  });
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.close();
});

const row = (name: string) => console_.getByTestId('floor-stations').locator(`tr[data-station="${name}"]`);

describe("the Stations panel shows each station's version and update", () => {
  it('shows a failed download with its error, and a counter’s download as it is reported', async () => {
    const failed = await t.call(
      'reportUpdate',
      { version: '1.1.0', state: 'failed', target: '1.2.0', error: 'sha512 checksum mismatch' },
      kiosk,
    );
    expect(failed.status).toBe(200);
    await officerSignIn(console_, 'sri', '112233');
    await expect.poll(() => row('Kios Aula').getByTestId('station-version').textContent()).toBe('1.1.0');
    const kioskUpdate = await row('Kios Aula').getByTestId('station-update').textContent();
    expect(kioskUpdate).toContain('Gagal · 1.2.0 · 09:15');
    expect(kioskUpdate).toContain('sha512 checksum mismatch');
    expect(await row('Loket 1').getByTestId('station-update').textContent()).toBe('Belum melapor');

    // The counter's report reaches the open console through the event stream.
    expect(
      (await t.call('reportUpdate', { version: '1.1.0', state: 'downloaded', target: '1.2.0' }, counter))
        .status,
    ).toBe(200);
    await expect
      .poll(() => row('Loket 1').getByTestId('station-update').textContent(), { timeout: 15_000 })
      .toContain('Sudah diunduh, menunggu dipasang · 1.2.0');
    await console_.getByTestId('floor-stations').scrollIntoViewIfNeeded();
    await screenshot(console_, 'supervisor-stations-updates');
  });
});
