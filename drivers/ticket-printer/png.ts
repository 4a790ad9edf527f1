import zlib from 'node:zlib';

/**
 * The small part of PNG a ticket logo needs, with no image library: grayscale (colour type 0) at 1,
 * 2, 4 or 8 bits, not interlaced, any of the five row filters. Anything else is refused with a
 * message saying what to export instead.
 */
export interface GrayImage {
  width: number;
  height: number;
  /** One byte a pixel, row by row: 0 black … 255 white. */
  pixels: Uint8Array;
}

/** A 1-bit picture as document.ts holds it: rows of ⌈width / 8⌉ bytes, highest bit first, 1 black. */
export interface Bitmap {
  width: number;
  height: number;
  rows: Uint8Array;
}

const signature = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

export function readGrayPng(file: Uint8Array): GrayImage {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (!bytes.subarray(0, 8).equals(signature)) throw new Error('not a PNG file');
  let header: { width: number; height: number; depth: number; colour: number; interlace: number } | null =
    null;
  const data: Buffer[] = [];
  for (let at = 8; at + 12 <= bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (body.length !== length) throw new Error(`PNG chunk ${type} is cut short`);
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== bytes.readUInt32BE(at + 8 + length))
      throw new Error(`PNG chunk ${type} is damaged (CRC)`);
    if (type === 'IHDR') {
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        depth: body[8] ?? 0,
        colour: body[9] ?? 0,
        interlace: body[12] ?? 0,
      };
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  if (!header) throw new Error('PNG without a header');
  const { width, height, depth, colour, interlace } = header;
  if (colour !== 0 || ![1, 2, 4, 8].includes(depth) || interlace !== 0)
    throw new Error(
      `PNG colour type ${colour}, ${depth} bits, interlace ${interlace}: export the logo as a ` +
        'non-interlaced grayscale PNG (1 or 8 bits)',
    );
  const stride = Math.ceil((width * depth) / 8);
  const raw = unfilter(zlib.inflateSync(Buffer.concat(data)), stride, height, Math.max(1, depth >> 3));
  const pixels = new Uint8Array(width * height);
  const levels = (1 << depth) - 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const bit = x * depth;
      const sample = ((raw[y * stride + (bit >> 3)] ?? 0) >> (8 - depth - (bit & 7))) & levels;
      pixels[y * width + x] = Math.round((sample * 255) / levels);
    }
  }
  return { width, height, pixels };
}

/** Writes a bitmap as a 1-bit grayscale PNG, the smallest form a logo takes. */
export function writeBitmapPng(bitmap: Bitmap): Buffer {
  const stride = Math.ceil(bitmap.width / 8);
  const raw = Buffer.alloc((stride + 1) * bitmap.height); // each row: filter 0, then the row
  for (let y = 0; y < bitmap.height; y++) {
    // PNG's 1-bit gray has 0 for black; a bitmap has 1 for black.
    for (let i = 0; i < stride; i++)
      raw[y * (stride + 1) + 1 + i] = ~(bitmap.rows[y * stride + i] ?? 0) & 0xff;
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(bitmap.width, 0);
  header.writeUInt32BE(bitmap.height, 4);
  header[8] = 1; // bits per pixel
  header[9] = 0; // grayscale; compression, filter and interlace stay 0
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Undoes PNG's per-row filters (None, Sub, Up, Average, Paeth). */
function unfilter(data: Buffer, stride: number, height: number, bytesPerPixel: number): Uint8Array {
  if (data.length < (stride + 1) * height) throw new Error('PNG image data is cut short');
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)];
    const row = data.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const left = i >= bytesPerPixel ? (out[y * stride + i - bytesPerPixel] ?? 0) : 0;
      const up = y > 0 ? (out[(y - 1) * stride + i] ?? 0) : 0;
      const upLeft = y > 0 && i >= bytesPerPixel ? (out[(y - 1) * stride + i - bytesPerPixel] ?? 0) : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter ?? 0];
      if (predictor === undefined) throw new Error(`PNG row filter ${filter} is unknown`);
      out[y * stride + i] = ((row[i] ?? 0) + predictor) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function chunk(type: string, body: Buffer): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'latin1');
  body.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
