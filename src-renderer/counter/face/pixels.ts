import type { Rect } from './crop.ts';

/** RGBA pixels, row by row, as a canvas's `ImageData` holds them. */
export interface Pixels {
  width: number;
  height: number;
  data: ArrayLike<number>;
}

export interface Brightness {
  /** Mean luminance, 0–255. */
  mean: number;
  /** Standard deviation of the luminance: how far from plain the region is. */
  spread: number;
  /** The luminance that 95 % of the pixels stay under: the brightest things in view. */
  p95: number;
}

/** A region's pixels are visited at most about this many times per side, to stay fast on a 2-core PC. */
const samplesPerSide = 160;

const luminanceAt = (image: Pixels, x: number, y: number): number => {
  const i = (y * image.width + x) * 4;
  return 0.299 * (image.data[i] ?? 0) + 0.587 * (image.data[i + 1] ?? 0) + 0.114 * (image.data[i + 2] ?? 0);
};

/** The part of `rect` inside the image, in whole pixels. */
export function clip(image: Pixels, rect: Rect): Rect {
  const x = Math.max(0, Math.floor(rect.x));
  const y = Math.max(0, Math.floor(rect.y));
  const right = Math.min(image.width, Math.ceil(rect.x + rect.width));
  const bottom = Math.min(image.height, Math.ceil(rect.y + rect.height));
  return { x, y, width: Math.max(0, right - x), height: Math.max(0, bottom - y) };
}

/** The luminance of the regions together (a border is several strips). */
export function brightness(image: Pixels, regions: Rect[]): Brightness {
  const histogram = new Array<number>(256).fill(0);
  let count = 0;
  let sum = 0;
  let squares = 0;
  for (const region of regions.map((r) => clip(image, r))) {
    const step = Math.max(1, Math.floor(Math.max(region.width, region.height) / samplesPerSide));
    for (let y = region.y; y < region.y + region.height; y += step) {
      for (let x = region.x; x < region.x + region.width; x += step) {
        const value = luminanceAt(image, x, y);
        histogram[Math.min(255, Math.round(value))]! += 1;
        count += 1;
        sum += value;
        squares += value * value;
      }
    }
  }
  if (count === 0) return { mean: 0, spread: 0, p95: 0 };
  const mean = sum / count;
  let below = 0;
  let p95 = 255;
  for (let level = 0; level < 256; level += 1) {
    below += histogram[level]!;
    if (below >= 0.95 * count) {
      p95 = level;
      break;
    }
  }
  return { mean, spread: Math.sqrt(Math.max(0, squares / count - mean * mean)), p95 };
}

/**
 * The variance of the Laplacian of the region's luminance, the region first averaged down to about
 * 160 pixels across so that a big and a small face of the same sharpness score alike. A blurred or
 * shaken photo has few edges and scores low.
 */
export function sharpness(image: Pixels, rect: Rect): number {
  const region = clip(image, rect);
  const step = Math.max(1, Math.round(Math.max(region.width, region.height) / samplesPerSide));
  const columns = Math.floor(region.width / step);
  const rows = Math.floor(region.height / step);
  if (columns < 3 || rows < 3) return 0;
  const small = new Float64Array(columns * rows);
  for (let row = 0; row < rows; row += 1) {
    for (let column = 0; column < columns; column += 1) {
      let total = 0;
      for (let dy = 0; dy < step; dy += 1)
        for (let dx = 0; dx < step; dx += 1)
          total += luminanceAt(image, region.x + column * step + dx, region.y + row * step + dy);
      small[row * columns + column] = total / (step * step);
    }
  }
  let sum = 0;
  let squares = 0;
  let count = 0;
  for (let row = 1; row < rows - 1; row += 1) {
    for (let column = 1; column < columns - 1; column += 1) {
      const at = row * columns + column;
      const laplacian =
        small[at - 1]! + small[at + 1]! + small[at - columns]! + small[at + columns]! - 4 * small[at]!;
      sum += laplacian;
      squares += laplacian * laplacian;
      count += 1;
    }
  }
  const mean = sum / count;
  return squares / count - mean * mean;
}
