import fs from 'node:fs';
import type { Align, ImageBlock } from './document.ts';
import { readGrayPng, type GrayImage } from './png.ts';

/** The logo shipped with Loket for the ticket header: 384 × 96 dots, 1 bit (scripts/make-logo.ts). */
export const defaultLogoFile = new URL('../../resources/logo/loket.png', import.meta.url);

/** Widest picture an 80 mm roll prints (72 mm of 203 dpi dots); wider ones are refused, not cropped. */
export const maxImageWidth = 576;

/**
 * A grayscale PNG as an image block for the slip: pixels darker than mid-gray print black. The
 * printer prints a dot per pixel, so the file should already be the size it is meant to print at.
 */
export function loadLogo(file: string | URL = defaultLogoFile, align: Align = 'center'): ImageBlock {
  const image = readGrayPng(fs.readFileSync(file));
  if (image.width < 1 || image.height < 1 || image.width > maxImageWidth)
    throw new Error(
      `${String(file)}: ${image.width} × ${image.height} dots; a logo is 1–${maxImageWidth} wide`,
    );
  return { kind: 'image', ...bitmapOf(image), align };
}

/** Packs gray pixels into 1-bit rows (1 for black), the threshold at mid-gray. */
export function bitmapOf(image: GrayImage): Pick<ImageBlock, 'width' | 'height' | 'rows'> {
  const { width, height, pixels } = image;
  const stride = Math.ceil(width / 8);
  const rows = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * stride + (x >> 3);
      if ((pixels[y * width + x] ?? 255) < 128) rows[at] = (rows[at] ?? 0) | (0x80 >> (x & 7));
    }
  }
  return { width, height, rows };
}

/**
 * The logo for tickets, or none when its file cannot be read: tickets still print, without it, and
 * `said` hears why.
 */
export function logoOrNone(
  file: string | URL | undefined,
  said: (problem: string) => void,
): ImageBlock | undefined {
  try {
    return loadLogo(file ?? defaultLogoFile);
  } catch (error) {
    said(`ticket logo: ${error instanceof Error ? error.message : String(error)}; tickets print without it`);
    return undefined;
  }
}
