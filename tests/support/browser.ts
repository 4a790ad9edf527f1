import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { projectRoot } from './hub.ts';

/** Debian's Chromium, installed by .ci/run (apt-get install chromium). */
export const chromiumPath = process.env.LOKET_CHROMIUM ?? '/usr/bin/chromium';

/** Chromium as the tests drive it; `extraArgs` as a station's browser would be started (a TV's). */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}: apt-get install -y chromium (or set LOKET_CHROMIUM)`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // The board speaks its calls without anyone touching it; the office's TV browser needs the
      // same (autoplay allowed for the hub's address, or a first tap on the board).
      '--autoplay-policy=no-user-gesture-required',
      ...extraArgs,
    ],
  });
}

export const screenshotDir = path.join(projectRoot, 'test-results/screenshots');

/** Saves what the citizen sees, for people to look at (test-results/ is not committed). */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}

/**
 * A browser station signed in once with its token, as the IT person does it. Its context goes into
 * `contexts`, for the test to close.
 */
export async function openStation(
  browser: Browser,
  contexts: BrowserContext[],
  url: string,
  token: string,
  viewport = { width: 1600, height: 900 },
): Promise<Page> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(url);
  await page.getByLabel('token').fill(token);
  await page.getByRole('button', { name: 'Masuk' }).click();
  return page;
}

/**
 * An officer signs in at a counter, print or supervisor station. A counter's desk is the one the
 * hub fixed for the station: `counter`, when given, is checked against the desk the screen shows.
 */
export async function officerSignIn(
  page: Page,
  username: string,
  secret: string,
  counter?: number,
): Promise<void> {
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('PIN').fill(secret);
  if (counter !== undefined)
    await page
      .getByTestId('sign-in-desk')
      .and(page.locator(`[data-counter="${counter}"]`))
      .waitFor();
  await page.getByRole('button', { name: 'Masuk' }).click();
}

/**
 * A keyboard-wedge scanner: the payload's keys 2 ms apart, then Enter, raised inside the page as a
 * scanner's USB keystrokes arrive there. The pace is kept by the page's own clock, not by timers: a
 * page starved of CPU by the rest of the test run may fire a 3 ms timer 50 ms late, which would be
 * a person typing, not a scanner.
 */
export async function wedgeScan(page: Page, text: string): Promise<void> {
  await page.evaluate(
    (keys) => {
      for (const key of keys) {
        document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
        const next = performance.now() + 2;
        while (performance.now() < next) {
          // a scanner's pace between two keys
        }
      }
    },
    [...text, 'Enter'],
  );
}

/**
 * The citizen scans a receipt's QR at the kiosk, and scans again if the kiosk misread it: on a
 * machine starved of CPU a pause inside the scan can cut it in two, which the kiosk refuses (a
 * person just scans again). Settles once the receipt's status is on screen.
 */
export async function scanReceipt(kiosk: Page, qr: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await wedgeScan(kiosk, qr);
    const shown = kiosk.locator('[data-screen="pickup"], [data-screen="error"]');
    await shown.waitFor();
    if ((await shown.getAttribute('data-screen')) === 'pickup' || attempt === 3) return;
    await kiosk.getByRole('button', { name: /Selesai/ }).click();
    await kiosk.locator('[data-screen="idle"]').waitFor();
  }
}

/**
 * An operation called from inside a browser station's page, with its session cookie: what the
 * officer signed in on that page may do (the station's bare token acts for no officer).
 */
export async function callFromPage(
  page: Page,
  operation: string,
  input: unknown,
): Promise<{ status: number; body: any }> {
  return page.evaluate(
    async ([name, body]) => {
      const response = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    [operation, input] as const,
  );
}

/** What a board's announcer has done since the page loaded: clips played in order, those that failed, calls spoken. */
export function boardVoice(
  board: Page,
): Promise<{ played: string[]; failed: string[]; announced: string[] }> {
  return board.evaluate(() => {
    const { played, failed, announced } = (window as any).loketAnnouncer;
    return { played: [...played], failed: [...failed], announced: [...announced] };
  });
}

/** Waits until the board has spoken `count` calls since it loaded (each takes seconds to say). */
export async function boardSpoken(board: Page, count: number) {
  try {
    await board.waitForFunction((n) => (window as any).loketAnnouncer?.announced.length >= n, count, {
      timeout: 25_000,
    });
  } catch (error) {
    const sofar = JSON.stringify(await boardVoice(board));
    throw new Error(`the board spoke fewer than ${count} calls: ${sofar}`, { cause: error });
  }
  return boardVoice(board);
}
