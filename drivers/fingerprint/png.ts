import zlib from 'node:zlib';

/** An 8-bit grayscale picture: one byte a pixel, row by row, 0 black … 255 white. */
export interface GrayPicture {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/**
 * Writes an 8-bit grayscale PNG (the compression the simulator puts in its ISO records). Each row
 * uses the Up filter, which suits ridges that run on from one row to the next.
 */
export function writeGrayPng(picture: GrayPicture): Buffer {
  const { width, height, pixels } = picture;
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 2; // Up
    for (let x = 0; x < width; x++) {
      const above = y > 0 ? (pixels[(y - 1) * width + x] ?? 0) : 0;
      raw[y * (width + 1) + 1 + x] = ((pixels[y * width + x] ?? 0) - above) & 0xff;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per sample; colour type 0 (gray), no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, body: Buffer): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'latin1');
  body.copy(out, 8);
  out.writeUInt32BE(zlib.crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}
