import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../support/browser.ts';
import { renderScenes, y4mOf, type Scene } from '../support/fakeCamera.ts';
import { startFaceHarness, type FaceHarness } from '../support/faceHarness.ts';

/**
 * The face photo at a counter, in Chromium with a fake camera fed from real face photos
 * (tests/support/fakeCamera.ts): one browser per camera picture, as one PC has one camera.
 */
const scenes = {
  // He looks into the camera: yaw, pitch and roll all within ±5°.
  frontal: { kind: 'photo', file: 'franck_04117.jpg', wallAbove: 64 },
  // The same man turning his head to his right (yaw about 9°).
  turned: { kind: 'photo', file: 'franck_03909.jpg', wallAbove: 64 },
  // The frontal picture in a room whose light is a quarter of what it should be.
  dark: { kind: 'photo', file: 'franck_04117.jpg', wallAbove: 64, gain: 0.25 },
  // Two citizens in front of the camera.
  twoFaces: { kind: 'side-by-side', files: ['franck_04117.jpg', 'franck_01829.jpg'] },
  // Nobody: the wall behind the chair.
  nobody: { kind: 'wall', width: 720, height: 576 },
} satisfies Record<string, Scene>;
type SceneName = keyof typeof scenes;

const cameraFiles = {} as Record<SceneName, string>;
let harness: FaceHarness;
let workDir: string;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-face-'));
  const converter = await launchChromium();
  try {
    const frames = await renderScenes(converter, scenes);
    for (const name of Object.keys(scenes) as SceneName[]) {
      cameraFiles[name] = path.join(workDir, `${name}.y4m`);
      fs.writeFileSync(cameraFiles[name], y4mOf(frames[name]));
    }
  } finally {
    await converter.close();
  }
  harness = await startFaceHarness();
});

afterAll(async () => {
  await harness?.close();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

interface Counter {
  browser: Browser;
  page: Page;
  /** Every address the page asked for, and every CSP refusal it logged. */
  requests: string[];
  refusals: string[];
}

/** A counter PC whose camera sees `scene`, showing the face photo. */
async function counterSeeing(scene: SceneName): Promise<Counter> {
  const browser = await launchChromium([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${cameraFiles[scene]}`,
  ]);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const requests: string[] = [];
  const refusals: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/.test(message.text())) refusals.push(message.text());
  });
  await page.goto(harness.url);
  return { browser, page, requests, refusals };
}

const guidance = (page: Page) => page.getByTestId('face-guidance');

/** Cameras the page holds open: the camera's light is on. */
const camerasOn = (page: Page) => page.evaluate(() => (window as any).camerasOn() as number);

async function takePhoto(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Ambil foto' }).click();
  await page.getByTestId('face-result').waitFor();
}

async function checkStates(page: Page, list: string): Promise<Record<string, string>> {
  const items = page.getByTestId(list).locator('li');
  const states: Record<string, string> = {};
  for (const item of await items.all()) {
    states[(await item.getAttribute('data-check')) as string] = (await item.getAttribute(
      'data-state',
    )) as string;
  }
  return states;
}

async function captured(page: Page): Promise<Record<string, unknown>> {
  return JSON.parse(await page.getByTestId('captured').innerText()) as Record<string, unknown>;
}

describe('the face photo at the counter, with a camera', () => {
  it('a citizen looking straight into the camera before a light wall passes every check and the photo goes to the interview', async () => {
    const counter = await counterSeeing('frontal');
    const { page } = counter;
    try {
      await expect.poll(() => guidance(page).innerText(), { timeout: 20_000 }).toBe('Siap. Ambil foto.');
      expect(await page.getByTestId('cameras').innerText()).not.toBe('');
      await expect.poll(() => page.getByTestId('face-guide').getAttribute('class')).toBe('face-guide ok');
      await screenshot(page, 'face-frontal-live');
      expect(await camerasOn(page)).toBe(1);
      await takePhoto(page);
      const states = await checkStates(page, 'face-result-checks');
      expect(states).toEqual({
        exposure: 'pass',
        oneFace: 'pass',
        framing: 'pass',
        frontal: 'pass',
        eyesOpen: 'pass',
        background: 'pass',
        sharpness: 'pass',
      });
      // No reason is asked for a photo that passed.
      await expect(page.getByLabel(/Alasan petugas/).count()).resolves.toBe(0);
      await screenshot(page, 'face-frontal-result');
      await page.getByRole('button', { name: 'Gunakan foto', exact: true }).click();
      const photo = await captured(page);
      expect(photo).toMatchObject({
        type: 'image/jpeg',
        width: 413,
        height: 531,
        override: null,
        failed: [],
      });
      expect(photo.bytes).toBeGreaterThan(10_000);
      // The photo handed over, the camera is off.
      expect(await camerasOn(page)).toBe(0);
      // The detector, its models and its wasm all came from the page's own origin, within its CSP.
      expect(
        counter.requests.filter((url) => !url.startsWith(harness.origin) && !url.startsWith('data:')),
      ).toEqual([]);
      expect(counter.requests.some((url) => url.endsWith('.wasm'))).toBe(true);
      expect(counter.refusals).toEqual([]);
    } finally {
      await counter.browser.close();
    }
  });

  it('a citizen turning his head is told to look straight at the camera; the officer can still use the photo with a reason', async () => {
    const counter = await counterSeeing('turned');
    const { page } = counter;
    try {
      await expect.poll(() => guidance(page).innerText(), { timeout: 20_000 }).toBe('Lihat lurus ke kamera');
      await screenshot(page, 'face-turned-live');
      await takePhoto(page);
      expect(await checkStates(page, 'face-result-checks')).toMatchObject({
        oneFace: 'pass',
        frontal: 'fail',
      });
      await expect(page.getByTestId('face-result').getByTestId('face-guidance').innerText()).resolves.toBe(
        'Lihat lurus ke kamera',
      );
      const useAnyway = page.getByRole('button', { name: 'Gunakan foto dengan alasan' });
      await expect(useAnyway.isDisabled()).resolves.toBe(true);
      await page.getByLabel(/Alasan petugas/).fill('Leher kaku, tidak dapat menegakkan kepala');
      await screenshot(page, 'face-turned-override');
      await useAnyway.click();
      const photo = await captured(page);
      expect(photo).toMatchObject({
        type: 'image/jpeg',
        override: { reason: 'Leher kaku, tidak dapat menegakkan kepala' },
        failed: ['frontal'],
      });
    } finally {
      await counter.browser.close();
    }
  });

  const refused: [SceneName, string, string, string][] = [
    ['nobody', 'an empty chair is told no face is seen', 'Wajah tidak terlihat. Lihat ke kamera', 'oneFace'],
    ['twoFaces', 'two people in the picture are told only one face', 'Hanya satu wajah', 'oneFace'],
    ['dark', 'a citizen in a dim room is told it is too dark', 'Terlalu gelap', 'exposure'],
  ];
  for (const [scene, story, message, failing] of refused) {
    it(`${story}; the photo needs the officer's reason, and Batal turns the camera off`, async () => {
      const counter = await counterSeeing(scene);
      const { page } = counter;
      try {
        await expect.poll(() => guidance(page).innerText(), { timeout: 20_000 }).toBe(message);
        await screenshot(page, `face-${scene}-live`);
        await takePhoto(page);
        expect((await checkStates(page, 'face-result-checks'))[failing]).toBe('fail');
        await expect(page.getByTestId('face-result').getByTestId('face-guidance').innerText()).resolves.toBe(
          message,
        );
        await expect(
          page.getByRole('button', { name: 'Gunakan foto dengan alasan' }).isDisabled(),
        ).resolves.toBe(true);
        await page.getByRole('button', { name: 'Ulangi' }).click();
        await expect.poll(() => guidance(page).innerText(), { timeout: 20_000 }).toBe(message);
        // The officer gives up on the photo for now: the camera goes off.
        await page.getByRole('button', { name: 'Batal' }).click();
        await page.getByTestId('cancelled').waitFor();
        expect(await camerasOn(page)).toBe(0);
      } finally {
        await counter.browser.close();
      }
    });
  }
});
