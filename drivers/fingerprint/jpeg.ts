import type { GrayPicture } from './png.ts';

/**
 * A baseline grayscale JPEG encoder (JFIF; one component; the standard luminance quantisation and
 * Huffman tables of ITU T.81 annex K), for the simulator's live preview: SBI streams M-JPEG and
 * nothing here may download an image library. Also `jpegSize`, which reads a frame's size from
 * its SOF marker so the client can tell a real frame from noise.
 */

const luminanceQuant = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22,
  29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103,
  121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const dcBits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const dcValues = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const acBits = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d];
// prettier-ignore
const acValues = [
  0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07,
  0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0,
  0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28,
  0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
  0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
  0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
  0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
  0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5,
  0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
  0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
  0xf9, 0xfa,
];

/** zigzag[k]: where the k-th coefficient of the zigzag scan sits in the 8×8 block, row by row. */
const zigzag: number[] = [];
for (let diagonal = 0; diagonal < 15; diagonal++) {
  const cells: number[] = [];
  for (let row = 0; row < 8; row++) {
    const col = diagonal - row;
    if (col >= 0 && col < 8) cells.push(row * 8 + col);
  }
  zigzag.push(...(diagonal % 2 === 0 ? cells.reverse() : cells));
}

type Code = { code: number; length: number };

function huffmanCodes(bits: number[], values: number[]): Map<number, Code> {
  const codes = new Map<number, Code>();
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < (bits[length - 1] ?? 0); i++) codes.set(values[k++] ?? 0, { code: code++, length });
    code <<= 1;
  }
  return codes;
}

const dcCodes = huffmanCodes(dcBits, dcValues);
const acCodes = huffmanCodes(acBits, acValues);
const cosines = Array.from({ length: 8 }, (_, u) =>
  Array.from(
    { length: 8 },
    (_, x) => Math.cos(((2 * x + 1) * u * Math.PI) / 16) * (u === 0 ? Math.SQRT1_2 : 1),
  ),
);

class BitWriter {
  private readonly bytes: number[] = [];
  private buffer = 0;
  private count = 0;

  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.buffer = (this.buffer << 1) | ((value >> i) & 1);
      if (++this.count === 8) this.flushByte();
    }
  }

  private flushByte(): void {
    this.bytes.push(this.buffer);
    if (this.buffer === 0xff) this.bytes.push(0); // byte stuffing
    this.buffer = 0;
    this.count = 0;
  }

  finish(): Buffer {
    if (this.count > 0) this.write(0x7f, 8 - this.count); // pad with 1-bits
    return Buffer.from(this.bytes);
  }
}

function emit(writer: BitWriter, codes: Map<number, Code>, symbol: number): void {
  const code = codes.get(symbol);
  if (!code) throw new Error(`no Huffman code for ${symbol}`);
  writer.write(code.code, code.length);
}

const bitLength = (value: number): number => (value === 0 ? 0 : 32 - Math.clz32(Math.abs(value)));

export function encodeGrayJpeg(picture: GrayPicture, quality = 75): Buffer {
  const { width, height, pixels } = picture;
  const scale = quality < 50 ? 5000 / quality : 200 - quality * 2;
  const quant = luminanceQuant.map((q) => Math.min(255, Math.max(1, Math.floor((q * scale + 50) / 100))));
  const writer = new BitWriter();
  const block = new Float64Array(64);
  const rows = new Float64Array(64);
  let previousDc = 0;
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      for (let y = 0; y < 8; y++)
        for (let x = 0; x < 8; x++) {
          // Past the edge, repeat the last pixel so the padding costs no bits.
          const sx = Math.min(bx + x, width - 1);
          const sy = Math.min(by + y, height - 1);
          block[y * 8 + x] = (pixels[sy * width + sx] ?? 0) - 128;
        }
      for (let y = 0; y < 8; y++)
        for (let u = 0; u < 8; u++) {
          let sum = 0;
          for (let x = 0; x < 8; x++) sum += (block[y * 8 + x] ?? 0) * (cosines[u]?.[x] ?? 0);
          rows[y * 8 + u] = sum / 2;
        }
      const coefficients = new Int32Array(64);
      for (let u = 0; u < 8; u++)
        for (let v = 0; v < 8; v++) {
          let sum = 0;
          for (let y = 0; y < 8; y++) sum += (rows[y * 8 + u] ?? 0) * (cosines[v]?.[y] ?? 0);
          coefficients[v * 8 + u] = Math.round(sum / 2 / (quant[v * 8 + u] ?? 1));
        }
      const dc = coefficients[0] ?? 0;
      const diff = dc - previousDc;
      previousDc = dc;
      const dcSize = bitLength(diff);
      emit(writer, dcCodes, dcSize);
      if (dcSize) writer.write(diff < 0 ? diff + (1 << dcSize) - 1 : diff, dcSize);
      let run = 0;
      for (let k = 1; k < 64; k++) {
        const value = coefficients[zigzag[k] ?? 0] ?? 0;
        if (value === 0) {
          run++;
          continue;
        }
        for (; run > 15; run -= 16) emit(writer, acCodes, 0xf0);
        const size = bitLength(value);
        emit(writer, acCodes, (run << 4) | size);
        writer.write(value < 0 ? value + (1 << size) - 1 : value, size);
        run = 0;
      }
      if (run > 0) emit(writer, acCodes, 0x00); // end of block
    }
  }
  const segment = (marker: number, body: number[]) =>
    Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    segment(0xdb, [0, ...zigzag.map((i) => quant[i] ?? 1)]),
    segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
    segment(0xc4, [0x00, ...dcBits, ...dcValues, 0x10, ...acBits, ...acValues]),
    segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    writer.finish(),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** A JPEG's width and height from its frame header, or null when the bytes are no JPEG image. */
export function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 2; at + 4 <= view.length;) {
    if (view[at] !== 0xff) return null;
    const marker = view[at + 1] ?? 0;
    const length = view.readUInt16BE(at + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame && at + 9 <= view.length)
      return { height: view.readUInt16BE(at + 5), width: view.readUInt16BE(at + 7) };
    at += 2 + length;
  }
  return null;
}
