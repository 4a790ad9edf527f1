import { codepageOfNumber, decodeByte, type Codepage } from './codepages.ts';

/** One printed line, trimmed of the spaces that align it, with the style it was printed in. */
export interface DecodedLine {
  text: string;
  /** Character magnification, 1–8. */
  width: number;
  height: number;
  bold: boolean;
}

/** What a slip shows: its lines of text, the content of each QR code printed, and whether it was cut. */
export interface DecodedJob {
  text: string[];
  qr: string[];
  cut: boolean;
  lines: DecodedLine[];
  /** Commands outside the subset understood here, skipped. */
  unknownCommands: number;
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const LF = 0x0a;

/** ESC commands with one parameter byte: bold, underline, italic, font, align, spacing, feeds. */
const escWithOneByte = new Set([0x21, 0x2d, 0x33, 0x34, 0x45, 0x4a, 0x4d, 0x61, 0x64, 0x74]);
/** GS commands with one parameter byte: size, invert, barcode height/width/text position. */
const gsWithOneByte = new Set([0x21, 0x42, 0x48, 0x66, 0x68, 0x77]);

/**
 * Reads the ESC/POS subset `escpos.ts` emits — initialise, code page, styles, sizes, alignment,
 * text, QR store/print, feed, cut — into what a person would see on the slip. A printer that
 * receives anything else skips it; so does this.
 */
export function decodeEscPos(bytes: Uint8Array): DecodedJob {
  const job: DecodedJob = { text: [], qr: [], cut: false, lines: [], unknownCommands: 0 };
  let codepage: Codepage = 'cp437';
  let bold = false;
  let width = 1;
  let height = 1;
  let storedQr: string | null = null;
  let line = { text: '', width: 1, height: 1, bold: false };

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
    const byte = at(i);
    if (byte === ESC) {
      const command = at(i + 1);
      const n = at(i + 2);
      if (command === 0x40) {
        endLine();
        codepage = 'cp437';
        bold = false;
        width = height = 1;
        i += 2;
      } else if (command === 0x32) {
        i += 2;
      } else if (command === 0x70) {
        i += 5;
      } else if (escWithOneByte.has(command)) {
        if (command === 0x74) codepage = codepageOfNumber(n) ?? codepage;
        if (command === 0x45) bold = (n & 1) === 1;
        if (command === 0x64) endLine();
        i += 3;
      } else {
        job.unknownCommands++;
        i += 2;
      }
    } else if (byte === GS) {
      const command = at(i + 1);
      const n = at(i + 2);
      if (command === 0x28) {
        const length = at(i + 3) + at(i + 4) * 256;
        const payload = bytes.subarray(i + 5, i + 5 + length);
        if (n === 0x6b && payload[0] === 0x31) {
          // QR code: function 80 stores the data, function 81 prints what is stored.
          if (payload[1] === 0x50) storedQr = Buffer.from(payload.subarray(3)).toString('latin1');
          if (payload[1] === 0x51 && storedQr !== null) job.qr.push(storedQr);
        }
        i += 5 + length;
      } else if (command === 0x56) {
        endLine();
        job.cut = true;
        i += n >= 0x41 ? 4 : 3;
      } else if (gsWithOneByte.has(command)) {
        if (command === 0x21) {
          width = ((n >> 4) & 0x07) + 1;
          height = (n & 0x07) + 1;
        }
        i += 3;
      } else {
        job.unknownCommands++;
        i += 2;
      }
    } else if (byte === FS) {
      if (at(i + 1) !== 0x2e && at(i + 1) !== 0x26) job.unknownCommands++;
      i += 2;
    } else if (byte === DLE && at(i + 1) === 0x04) {
      i += 3;
    } else if (byte === LF) {
      endLine();
      i += 1;
    } else if (byte < 0x20) {
      i += 1;
    } else {
      line.text += decodeByte(byte, codepage);
      if (byte !== 0x20) {
        line.width = Math.max(line.width, width);
        line.height = Math.max(line.height, height);
        line.bold ||= bold;
      }
      i += 1;
    }
  }
  endLine();
  return job;
}
