import { jpegSize } from '../../drivers/fingerprint/jpeg.ts';

/**
 * Photos reach the hub as base64 JPEG inside the JSON body: a JPEG by its markers, of a sane size,
 * with its dimensions read from its own frame header rather than taken from the caller.
 */

export const maxPhotoBytes = 1_500_000;

export interface JpegImage {
  bytes: Buffer;
  width: number;
  height: number;
}

/** The bytes and size of a base64 JPEG, or null when it is none. */
export function decodeJpeg(text: string): JpegImage | null {
  const bytes = Buffer.from(text, 'base64');
  const size = jpegSize(bytes);
  const ends = bytes.length > 2 && bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9;
  return size && ends && size.width > 0 && size.height > 0 ? { bytes, ...size } : null;
}
