import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centralServer } from '../../src-main/central/server.ts';
import { CentralStore } from '../../src-main/central/store.ts';
import { centralLinkCommand } from '../../src-main/cli/central.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { launchChromium, officerSignIn, openStation, screenshot } from '../support/browser.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

// The link to Jakarta is down: the supervisor sees on the console how far behind the office's log
// is and the last error, and sees it catch up by itself once the central service answers again.

let browser: Browser;
let t: TestHub;
let db: TestDatabase;
let central: CentralStore;
let server: FastifyInstance | undefined;
let console_: Page;
let port: number;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  db = await freshDatabase('console');
  central = new CentralStore(db.url);
  await central.migrate();
  const key = await central.addOffice('DPS', 'Kantor Imigrasi Kelas I TPI Denpasar');
  // The address the central service will answer on; nothing listens there yet.
  const probe = await centralServer({ store: central });
  await probe.listen({ port: 0, host: '127.0.0.1' });
  port = (probe.server.address() as AddressInfo).port;
  await probe.close();
  t = await startTestHub({ centralLink: { idleMs: 50, retry: { initialDelayMs: 100, maxDelayMs: 1000 } } });
  const ctx = { store: t.hub.store, clock: t.clock };
  addUser(ctx, commandLine, { username: 'sri', name: 'Sri Wahyuni', role: 'supervisor', secret: '112233' });
  centralLinkCommand(ctx, `http://127.0.0.1:${port}/`, 'DPS', key, {
    write: () => undefined,
    usage: (message) => new Error(message),
  });
  console_ = await openStation(browser, contexts, `${t.hub.url}/supervisor`, t.pair('supervisor', 'Konsol'), {
    width: 1600,
    height: 1400,
  });
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.close();
  await server?.close();
  await central?.close();
  await db?.drop();
});

describe('the console’s central link panel', { timeout: 120_000 }, () => {
  it('shows the lag and the last error while the link is down, and the catch-up after', async () => {
    await officerSignIn(console_, 'sri', '112233');
    const panel = console_.getByTestId('central-link');
    await expect
      .poll(() => panel.getByTestId('central-error').textContent(), { timeout: 30_000 })
      .toContain('cannot reach');
    // Nothing has reached the central store: the whole log is behind.
    const lag = Number(await panel.getByTestId('central-lag').getAttribute('data-lag'));
    expect(lag).toBeGreaterThan(0);
    expect(await panel.getByTestId('central-shipped').textContent()).toBe(`0 / ${lag}`);
    expect(await panel.textContent()).toContain('Kiriman ke pusat');
    await panel.scrollIntoViewIfNeeded();
    await screenshot(console_, 'supervisor-central-link-down');

    server = await centralServer({ store: central });
    await server.listen({ port, host: '127.0.0.1' });
    await expect
      .poll(() => panel.getByTestId('central-lag').getAttribute('data-lag'), { timeout: 60_000 })
      .toBe('0');
    await expect.poll(() => panel.getByTestId('central-error').count()).toBe(0);
    await screenshot(console_, 'supervisor-central-link-caught-up');
  });
});
