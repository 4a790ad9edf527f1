import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../../drivers/ticket-printer/decode.ts';
import { cut, qr, text, type ImageBlock } from '../../../drivers/ticket-printer/document.ts';
import { encodeEscPos } from '../../../drivers/ticket-printer/escpos.ts';
import { bitmapOf, loadLogo } from '../../../drivers/ticket-printer/logo.ts';
import { readGrayPng } from '../../../drivers/ticket-printer/png.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** A picture `width` dots wide whose every row byte is `fill`. */
const picture = (width: number, height: number, fill = 0xff): ImageBlock => ({
  kind: 'image',
  width,
  height,
  rows: new Uint8Array(Math.ceil(width / 8) * height).fill(fill),
});

/** A grayscale PNG with chosen row filters, the way an image editor might save one. */
function grayPng(width: number, rows: Array<{ filter: number; bytes: number[] }>, colour = 0): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), body]);
    const out = Buffer.alloc(typed.length + 8);
    out.writeUInt32BE(body.length, 0);
    typed.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(typed), typed.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(rows.length, 4);
  header[8] = 8;
  header[9] = colour;
  const raw = Buffer.from(rows.flatMap((row) => [row.filter, ...row.bytes]));
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('the logo at the head of a ticket', () => {
  it('is the shipped 384 × 96 picture, printed as one raster image above the text', () => {
    const logo = loadLogo();
    expect(logo).toMatchObject({ kind: 'image', width: 384, height: 96, align: 'center' });
    const bytes = encodeEscPos(
      { blocks: [logo, text('Kantor Imigrasi', { align: 'center' }), qr('LOKET:T:DPS:1'), cut()] },
      { columns: 48 },
    );
    // GS v 0, normal density, 48 bytes a row, 96 rows.
    expect(hex(bytes)).toContain('1d76300030006000');
    const slip = decodeEscPos(bytes);
    expect(slip.images).toEqual([{ width: 384, height: 96 }]);
    expect(slip.text).toEqual(['Kantor Imigrasi']);
    expect(slip.qr).toEqual(['LOKET:T:DPS:1']);
    expect(slip.cut).toBe(true);
    expect(slip.unknownCommands).toBe(0);
  });

  it('is drawn: dark dots where the word is, white paper around it', () => {
    const logo = loadLogo();
    const black = [...logo.rows].reduce((sum, byte) => sum + byte.toString(2).replaceAll('0', '').length, 0);
    expect(black / (logo.width * logo.height)).toBeGreaterThan(0.1);
    expect(black / (logo.width * logo.height)).toBeLessThan(0.5);
  });

  it('never lets picture data pass for text, a cut or a status query', () => {
    // Rows full of "A", GS V (cut), LF and DLE EOT 1.
    const rows = Buffer.from('411d560a1004011d'.repeat(8), 'hex');
    const bytes = encodeEscPos(
      { blocks: [{ kind: 'image', width: 64, height: 8, rows }, text('after the logo')] },
      { columns: 48 },
    );
    const slip = decodeEscPos(bytes);
    expect(slip.text).toEqual(['after the logo']);
    expect(slip.cut).toBe(false);
    expect(slip.images).toEqual([{ width: 64, height: 8 }]);
  });

  it('prints a picture taller than one raster command in strips, read back as one image', () => {
    const slip = decodeEscPos(encodeEscPos({ blocks: [picture(16, 300), cut()] }, { columns: 48 }));
    expect(slip.images).toEqual([{ width: 16, height: 304 }]); // padded to a multiple of 8 dots
  });

  it('pads a picture to whole bytes of dots, white on the right', () => {
    const slip = decodeEscPos(encodeEscPos({ blocks: [picture(10, 8)] }, { columns: 48 }));
    expect(slip.images).toEqual([{ width: 16, height: 8 }]);
  });
});

describe('reading a logo file', () => {
  it('reads an 8-bit grayscale PNG saved with every row filter, darker than mid-gray as black', () => {
    // Each row is stored as the difference from a prediction (the pixel to the left, above, …).
    const png = grayPng(4, [
      { filter: 1, bytes: [0, 100, 100, 55] }, // Sub → 0, 100, 200, 255
      { filter: 4, bytes: [255, 128, 184, 56] }, // Paeth → 255, 127, 128, 0
      { filter: 3, bytes: [139, 208, 212, 25] }, // Average → 10, 20, 30, 40
      { filter: 2, bytes: [0, 0, 0, 0] }, // Up → the row above again
    ]);
    const image = readGrayPng(png);
    expect([...image.pixels]).toEqual([0, 100, 200, 255, 255, 127, 128, 0, 10, 20, 30, 40, 10, 20, 30, 40]);
    expect([...bitmapOf(image).rows]).toEqual([0b1100_0000, 0b0101_0000, 0b1111_0000, 0b1111_0000]);
  });

  it('refuses a colour, damaged or non-PNG file, saying what to export instead', () => {
    const colour = grayPng(1, [{ filter: 0, bytes: [0, 0, 0] }]);
    colour[25] = 2; // IHDR colour type: RGB (and the chunk's CRC no longer matches)
    expect(() => readGrayPng(colour)).toThrow(/damaged/);
    const rgb = grayPng(1, [{ filter: 0, bytes: [0, 0, 0] }], 2);
    expect(() => readGrayPng(rgb)).toThrow(/export the logo as a non-interlaced grayscale PNG/);
    expect(() => readGrayPng(Buffer.from('GIF89a'))).toThrow(/not a PNG/);
  });
});
