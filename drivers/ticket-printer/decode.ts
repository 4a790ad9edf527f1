import { codepageOfNumber, decodeByte, type Codepage } from './codepages.ts';

/** One printed line, trimmed of the spaces that align it, with the style it was printed in. */
export interface DecodedLine {
  text: string;
  /** Character magnification, 1–8. */
  width: number;
  height: number;
  bold: boolean;
}

/** A raster image (GS v 0) as printed: its size in dots (the encoder pads both to a multiple of 8). */
export interface DecodedImage {
  width: number;
  height: number;
}

/** What a slip shows: its lines of text, the content of each QR code printed, and whether it was cut. */
export interface DecodedJob {
  text: string[];
  qr: string[];
  cut: boolean;
  lines: DecodedLine[];
  /** Raster images in the order printed; the strips of one tall image count as one. */
  images: DecodedImage[];
  /** Commands outside the subset understood here, skipped. */
  unknownCommands: number;
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const EOT = 0x04;
const LF = 0x0a;

/** ESC commands with one parameter byte: bold, underline, italic, font, align, spacing, feeds. */
const escWithOneByte = new Set([0x21, 0x2d, 0x33, 0x34, 0x45, 0x4a, 0x4d, 0x61, 0x64, 0x74]);
/** GS commands with one parameter byte: size, invert, barcode height/width/text position. */
const gsWithOneByte = new Set([0x21, 0x42, 0x48, 0x66, 0x68, 0x77]);

/**
 * How many bytes the command starting at `at` takes, parameters and data included; null when the
 * bytes end before it does (a command split across reads) or at `at`. A byte that starts no command is one
 * byte long. Shared by the decoder and the simulated printer, so both split a stream the same way.
 */
export function commandLength(bytes: ArrayLike<number>, at: number): number | null {
  const available = bytes.length - at;
  const byte = (offset: number): number => bytes[at + offset] ?? 0;
  const need = (length: number): number | null => (length <= available ? length : null);
  if (available <= 0) return null;
  switch (byte(0)) {
    case ESC: {
      if (available < 2) return null;
      const command = byte(1);
      if (command === 0x70) return need(5); // ESC p: drawer kick
      return need(escWithOneByte.has(command) ? 3 : 2);
    }
    case GS: {
      if (available < 2) return null;
      const command = byte(1);
      if (command === 0x28) return available < 5 ? null : need(5 + byte(3) + byte(4) * 256); // GS ( k …
      if (command === 0x56) return available < 3 ? null : need(byte(2) >= 0x41 ? 4 : 3); // GS V: cut
      if (command === 0x76 && available >= 3 && byte(2) !== 0x30) return 2; // not raster: unknown
      if (command === 0x76) return available < 8 ? null : need(8 + rasterBytes(bytes, at)); // GS v 0
      return need(gsWithOneByte.has(command) ? 3 : 2);
    }
    case FS:
      return need(2);
    case DLE:
      if (available < 2) return null;
      return byte(1) === EOT ? need(3) : 1;
    default:
      return 1;
  }
}

/** GS v 0 m xL xH yL yH: (xL + xH × 256) bytes per row, (yL + yH × 256) rows. */
const rasterWidthBytes = (bytes: ArrayLike<number>, at: number) =>
  (bytes[at + 4] ?? 0) + (bytes[at + 5] ?? 0) * 256;
const rasterRows = (bytes: ArrayLike<number>, at: number) =>
  (bytes[at + 6] ?? 0) + (bytes[at + 7] ?? 0) * 256;
const rasterBytes = (bytes: ArrayLike<number>, at: number) =>
  rasterWidthBytes(bytes, at) * rasterRows(bytes, at);

/** DLE EOT n, the real-time status query: a printer answers it and prints nothing. */
export const isStatusQuery = (bytes: ArrayLike<number>, at: number): boolean =>
  bytes[at] === DLE && bytes[at + 1] === EOT;

/** GS V, in either form. */
export const isCut = (bytes: ArrayLike<number>, at: number): boolean =>
  bytes[at] === GS && bytes[at + 1] === 0x56;

/**
 * Reads the ESC/POS subset `escpos.ts` emits — initialise, code page, styles, sizes, alignment,
 * text, QR store/print, raster images, feed, cut — into what a person would see on the slip. A
 * printer that receives anything else skips it; so does this.
 */
export function decodeEscPos(bytes: Uint8Array): DecodedJob {
  const job: DecodedJob = { text: [], qr: [], cut: false, lines: [], images: [], unknownCommands: 0 };
  let codepage: Codepage = 'cp437';
  let bold = false;
  let width = 1;
  let height = 1;
  let storedQr: string | null = null;
  let line = { text: '', width: 1, height: 1, bold: false };
  /** Where the last raster strip ended: a tall image comes as strips of 255 rows, back to back. */
  let rasterEnd = -1;

  const endLine = () => {
    const text = line.text.trim();
    if (text) {
      job.text.push(text);
      job.lines.push({ ...line, text });
    }
    line = { text: '', width: 1, height: 1, bold: false };
  };
  const at = (index: number): number => bytes[index] ?? 0;

  let i = 0;
  while (i < bytes.length) {
    const length = commandLength(bytes, i) ?? bytes.length - i; // a command cut short ends the slip
    const byte = at(i);
    const command = at(i + 1);
    const n = at(i + 2);
    if (byte === ESC) {
      if (command === 0x40) {
        endLine();
        codepage = 'cp437';
        bold = false;
        width = height = 1;
      } else if (escWithOneByte.has(command)) {
        if (command === 0x74) codepage = codepageOfNumber(n) ?? codepage;
        if (command === 0x45) bold = (n & 1) === 1;
        if (command === 0x64) endLine();
      } else if (command !== 0x32 && command !== 0x70) {
        job.unknownCommands++;
      }
    } else if (byte === GS) {
      if (command === 0x28) {
        const payload = bytes.subarray(i + 5, i + length);
        if (n === 0x6b && payload[0] === 0x31) {
          // QR code: function 80 stores the data, function 81 prints what is stored.
          if (payload[1] === 0x50) storedQr = Buffer.from(payload.subarray(3)).toString('latin1');
          if (payload[1] === 0x51 && storedQr !== null) job.qr.push(storedQr);
        }
      } else if (command === 0x56) {
        endLine();
        job.cut = true;
      } else if (command === 0x76 && n === 0x30) {
        endLine();
        const strip = { width: rasterWidthBytes(bytes, i) * 8, height: rasterRows(bytes, i) };
        const previous = job.images.at(-1);
        if (previous && rasterEnd === i && previous.width === strip.width) previous.height += strip.height;
        else job.images.push(strip);
        rasterEnd = i + length;
      } else if (gsWithOneByte.has(command)) {
        if (command === 0x21) {
          width = ((n >> 4) & 0x07) + 1;
          height = (n & 0x07) + 1;
        }
      } else {
        job.unknownCommands++;
      }
    } else if (byte === FS) {
      if (command !== 0x2e && command !== 0x26) job.unknownCommands++;
    } else if (byte === LF) {
      endLine();
    } else if (byte >= 0x20) {
      line.text += decodeByte(byte, codepage);
      if (byte !== 0x20) {
        line.width = Math.max(line.width, width);
        line.height = Math.max(line.height, height);
        line.bold ||= bold;
      }
    }
    i += length;
  }
  endLine();
  return job;
}
