/**
 * Keyboard-wedge scanners: most 2D scanners at kiosks pretend to be a USB keyboard and "type" the
 * code far faster than a person can, then press Enter (or a configured suffix). The detector tells
 * such a burst from a person's stray key presses using only the keys and their times, so the
 * kiosk needs no visible text box. It is pure: the window feeds it key events and, for scanners
 * that send no suffix, a tick now and then.
 */
export interface WedgeOptions {
  /** The longest pause between two characters of one scan, in ms. Scanners: 1–20 ms; people: 80+. */
  maxGapMs: number;
  /** Fewer characters than this is a person, not a scan. */
  minLength: number;
  /** The key that ends a scan (`Enter`, `Tab`), or null for scanners configured without one. */
  terminator: 'Enter' | 'Tab' | null;
  /** Characters the scanner adds before and after the code, stripped from the scan. */
  prefix: string;
  suffix: string;
  /** With no terminator: a burst this long quiet is complete. */
  idleEndMs: number;
  /** Longest accepted scan; longer is reported as too long (a stuck key, a runaway device), never handed on. */
  maxLength: number;
}

/** A burst that ended like a scan but ran past `maxLength`: the citizen is told it was not recognised. */
export interface TooLongScan {
  tooLong: number;
}

/** What a key or a tick completes: the scanned text, a scan too long to accept, or nothing yet. */
export type WedgeResult = string | TooLongScan | null;

export const defaultWedgeOptions: WedgeOptions = {
  maxGapMs: 35,
  minLength: 4,
  terminator: 'Enter',
  prefix: '',
  suffix: '',
  idleEndMs: 80,
  maxLength: 2048,
};

export class WedgeBurstDetector {
  private readonly options: WedgeOptions;
  private buffer = '';
  /** Characters in this burst, kept apart from the buffer, which is capped. */
  private length = 0;
  private lastAt = -Infinity;

  constructor(options: Partial<WedgeOptions> = {}) {
    this.options = { ...defaultWedgeOptions, ...options };
  }

  /**
   * One key press (`KeyboardEvent.key`) at a time in ms. Returns the scanned text when this key
   * completes a scan (or a scan too long to accept), otherwise null. Keys that are not characters
   * (Shift, arrows) are ignored.
   */
  feed(key: string, at: number): WedgeResult {
    const { maxGapMs, terminator } = this.options;
    const gap = at - this.lastAt;
    if (key === terminator) {
      const scan = gap <= maxGapMs ? this.complete() : null;
      this.reset();
      return scan;
    }
    if ([...key].length !== 1) return null;
    // A pause longer than a scanner ever makes: what came before was a person, start afresh.
    if (gap > maxGapMs) {
      this.buffer = '';
      this.length = 0;
    }
    this.buffer += key;
    this.length += 1;
    this.lastAt = at;
    if (this.buffer.length > this.options.maxLength * 2)
      this.buffer = this.buffer.slice(-this.options.maxLength * 2);
    return null;
  }

  /** For scanners without a terminator: completes a burst that has gone quiet. */
  tick(now: number): WedgeResult {
    if (this.options.terminator !== null || !this.buffer) return null;
    if (now - this.lastAt < this.options.idleEndMs) return null;
    const scan = this.complete();
    this.reset();
    return scan;
  }

  /** True while a burst is arriving: the window should not treat these keys as typing. */
  get inBurst(): boolean {
    return this.buffer.length > 1;
  }

  private complete(): WedgeResult {
    let text = this.buffer;
    const { prefix, suffix, minLength, maxLength } = this.options;
    if (this.length > this.buffer.length) return { tooLong: this.length }; // the buffer was capped
    if (prefix && text.startsWith(prefix)) text = text.slice(prefix.length);
    if (suffix && text.endsWith(suffix)) text = text.slice(0, -suffix.length);
    if (text.length > maxLength) return { tooLong: this.length };
    if (text.length < minLength) return null;
    return text;
  }

  private reset(): void {
    this.buffer = '';
    this.length = 0;
    this.lastAt = -Infinity;
  }
}
