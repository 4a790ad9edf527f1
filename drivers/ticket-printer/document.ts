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

export type Block = TextBlock | QrBlock | RuleBlock | FeedBlock | CutBlock;

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
