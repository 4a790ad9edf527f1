import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { printableText, type TextCodepage } from './codepages.ts';
import type { ImageBlock, PrintDocument, TextBlock } from './document.ts';

export interface EscPosOptions {
  /** Characters per line in font A: 48 on 80 mm paper, 42 on some 80 mm models, 32 on 58 mm. */
  columns: 48 | 42 | 32;
  /**
   * cp858 by default: Latin-1's accented letters (é, ñ, ü, ø…) plus €, at ESC t 19 in the tables
   * of Epson and nearly every clone. windows1252 adds Š, Ž, Œ and typographic quotes where the
   * printer has it (ESC t 16).
   */
  codepage?: TextCodepage;
}

/** Character magnification per size; a huge line shrinks until it fits on one line. */
const magnification = { normal: 1, large: 2, huge: 4 } as const;

/**
 * ESC/POS bytes for a document: initialise, code page, text, native QR (GS ( k), raster images
 * (GS v 0, in strips of at most 255 rows), feed, cut.
 */
export function encodeEscPos(doc: PrintDocument, options: EscPosOptions): Uint8Array {
  const codepage = options.codepage ?? 'cp858';
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns: options.columns,
    codepageMapping: 'epson',
    errors: 'strict',
    imageMode: 'raster',
  });
  encoder.initialize().codepage(codepage);
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'text': {
        const value = printableText(block.text, codepage);
        const size = sizeFor(block, value, options.columns);
        encoder
          .align(block.align ?? 'left')
          .bold(block.bold ?? false)
          .size(size, size)
          .line(value)
          .size(1, 1)
          .bold(false)
          .align('left');
        break;
      }
      case 'qr':
        // The data travels as ISO-8859-1 bytes inside GS ( k; ticket references are ASCII.
        encoder
          .align(block.align ?? 'center')
          .qrcode(block.data, { model: 2, size: clamp(block.size ?? 6, 1, 8), errorlevel: 'm' })
          .align('left');
        break;
      case 'image':
        // The encoder pads width and height to a multiple of 8 dots with white.
        encoder
          .align(block.align ?? 'center')
          .image(rgbaOf(block), block.width, block.height, 'threshold')
          .align('left');
        break;
      case 'rule':
        encoder.rule();
        break;
      case 'feed':
        encoder.newline(Math.max(1, Math.floor(block.lines)));
        break;
      case 'cut':
        encoder.cut('partial');
        break;
    }
  }
  return encoder.encode();
}

/** The encoder takes pixels as RGBA (no canvas needed in Node): black dots black, the rest white. */
function rgbaOf(block: ImageBlock): { data: Uint8ClampedArray; width: number; height: number } {
  const { width, height, rows } = block;
  const stride = Math.ceil(width / 8);
  if (rows.length < stride * height)
    throw new Error(`image rows: want ${stride * height} bytes, got ${rows.length}`);
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (((rows[y * stride + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1)
        data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    }
  }
  return { data, width, height };
}

function sizeFor(block: TextBlock, printable: string, columns: number): number {
  const wanted: number = magnification[block.size ?? 'normal'];
  if (block.size !== 'huge') return wanted;
  const length = Math.max(1, [...printable].length);
  return clamp(Math.min(wanted, Math.floor(columns / length)), 1, wanted);
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));
