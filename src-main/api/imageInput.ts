import { z } from 'zod';

/**
 * Photos reach the hub as base64 JPEG inside the JSON body. They are checked here, at the
 * boundary: a JPEG by its markers, of a sane size, with its dimensions read from its own frame
 * header rather than taken from the caller.
 */

export const maxPhotoBytes = 1_500_000;

export interface JpegImage {
  bytes: Buffer;
  width: number;
  height: number;
}

/** Width and height from the first start-of-frame marker (baseline, progressive or lossless). */
export function jpegSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1] as number;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    const length = bytes.readUInt16BE(at + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    if (marker === 0xda || length < 2) return null; // scan data before any frame: not a JPEG we take
    at += 2 + length;
  }
  return null;
}

/** The bytes and size of a base64 JPEG, or null when it is none. */
export function decodeJpeg(text: string): JpegImage | null {
  const bytes = Buffer.from(text, 'base64');
  const size = jpegSize(bytes);
  const ends = bytes.length > 2 && bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9;
  return size && ends && size.width > 0 && size.height > 0 ? { bytes, ...size } : null;
}

/** A base64 JPEG in an operation's input; the handler decodes it with `decodeJpeg`. */
export const jpegInput = z
  .string()
  .max(Math.ceil(maxPhotoBytes / 3) * 4 + 4)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64')
  .refine((text) => decodeJpeg(text) !== null, 'not a JPEG image');
