/**
 * What goes on a printed slip, independent of the printer's language: a list of blocks printed top
 * to bottom. Layouts (tickets, receipts, test pages) build one; `escpos.ts` turns it into bytes.
 */
export type Align = 'left' | 'center' | 'right';
export type TextSize = 'normal' | 'large' | 'huge';

export interface TextBlock {
  kind: 'text';
  text: string;
  align?: Align;
  size?: TextSize;
  bold?: boolean;
}

export interface QrBlock {
  kind: 'qr';
  data: string;
  /** Module size in dots, 1–8. */
  size?: number;
  align?: Align;
}

export interface RuleBlock {
  kind: 'rule';
}

export interface FeedBlock {
  kind: 'feed';
  lines: number;
}

export interface CutBlock {
  kind: 'cut';
}

/**
 * A 1-bit picture (a logo): `rows` holds `height` rows of ⌈width / 8⌉ bytes each, the leftmost dot
 * in the highest bit, 1 for a black dot. The printer draws one dot per pixel (203 dpi: 8 dots a
 * millimetre, so 576 dots fill an 80 mm roll and 384 a 58 mm one).
 */
export interface ImageBlock {
  kind: 'image';
  width: number;
  height: number;
  rows: Uint8Array;
  align?: Align;
}

export type Block = TextBlock | QrBlock | RuleBlock | FeedBlock | CutBlock | ImageBlock;

export interface PrintDocument {
  blocks: Block[];
}

type TextStyle = Omit<TextBlock, 'kind' | 'text'>;

/** Small constructors so layouts read as the slip reads. */
export const text = (value: string, style: TextStyle = {}): TextBlock => ({
  kind: 'text',
  text: value,
  ...style,
});
export const qr = (data: string, size = 6, align: Align = 'center'): QrBlock => ({
  kind: 'qr',
  data,
  size,
  align,
});
export const rule = (): RuleBlock => ({ kind: 'rule' });
export const feed = (lines = 1): FeedBlock => ({ kind: 'feed', lines });
export const cut = (): CutBlock => ({ kind: 'cut' });
