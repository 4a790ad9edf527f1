/**
 * Framing for scanners that send bytes (serial / USB-CDC): a byte stream, cut wherever the port's
 * reads happen to fall, becomes one text per scan. Pure: it is fed chunks with the time they
 * arrived and, while a partial scan waits, a tick now and then; it never reads a clock itself.
 */

/** What ends a scan: carriage return (most scanners' factory setting), CR LF, LF, or any string. */
export type Terminator = 'CR' | 'CRLF' | 'LF' | { custom: string };

export interface FrameOptions {
  /** Characters the scanner puts before each code (e.g. STX, an AIM identifier); stripped if present. */
  prefix: string;
  terminator: Terminator;
  /** Longest accepted scan in bytes; anything longer is line noise or a runaway device. */
  maxLength: number;
  /** A scanner sends a code in one go; a partial scan quiet for longer than this is thrown away. */
  interCharTimeoutMs: number;
}

export const defaultFrameOptions: FrameOptions = {
  prefix: '',
  terminator: 'CR',
  maxLength: 4096,
  interCharTimeoutMs: 200,
};

/** Why bytes were thrown away instead of becoming a scan. */
export type DropReason = 'overlong' | 'garbled' | 'incomplete';

export type Frame = { kind: 'scan'; text: string } | { kind: 'dropped'; reason: DropReason; bytes: number };

const terminatorText: Record<Exclude<Terminator, { custom: string }>, string> = {
  CR: '\r',
  CRLF: '\r\n',
  LF: '\n',
};

export function terminatorBytes(terminator: Terminator): Buffer {
  const text = typeof terminator === 'string' ? terminatorText[terminator] : terminator.custom;
  if (!text) throw new Error('A scanner terminator cannot be empty.');
  return Buffer.from(text, 'utf8');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class ScanFramer {
  readonly options: FrameOptions;
  private readonly terminator: Buffer;
  private readonly prefix: Buffer;
  /** Control bytes that belong to the prefix or terminator; every other control byte is noise. */
  private readonly wantedControls: Set<number>;
  private buffer: number[] = [];
  /** After an overlong run: throw bytes away until the next terminator, so no tail becomes a scan. */
  private skipping = false;
  private skipped = 0;
  private lastAt = -Infinity;

  constructor(options: Partial<FrameOptions> = {}) {
    this.options = { ...defaultFrameOptions, ...options };
    this.terminator = terminatorBytes(this.options.terminator);
    this.prefix = Buffer.from(this.options.prefix, 'utf8');
    this.wantedControls = new Set([...this.terminator, ...this.prefix].filter(isControl));
  }

  /** Bytes as they came off the port at `at` ms; returns the scans (and drops) they complete. */
  push(chunk: Uint8Array, at: number): Frame[] {
    const frames = this.tick(at);
    this.lastAt = at;
    for (const byte of chunk) {
      if (isControl(byte) && !this.wantedControls.has(byte)) continue;
      if (this.skipping) {
        this.skipped += 1;
        this.buffer.push(byte);
        if (this.endsWithTerminator()) {
          frames.push({ kind: 'dropped', reason: 'overlong', bytes: this.skipped });
          this.reset();
        } else if (this.buffer.length > this.terminator.length) this.buffer.shift();
        continue;
      }
      this.buffer.push(byte);
      if (this.endsWithTerminator()) {
        const frame = this.complete();
        if (frame) frames.push(frame);
        this.reset();
      } else if (this.buffer.length > this.options.maxLength + this.prefix.length + this.terminator.length) {
        this.skipping = true;
        this.skipped = this.buffer.length;
        // Keep what could be the start of a terminator that straddles this byte and the next.
        this.buffer = this.terminator.length > 1 ? this.buffer.slice(1 - this.terminator.length) : [];
      }
    }
    return frames;
  }

  /** Throws away a partial scan that has been quiet too long (a wrong terminator, a cut-off read). */
  tick(now: number): Frame[] {
    if (!this.pending || now - this.lastAt <= this.options.interCharTimeoutMs) return [];
    const reason: DropReason = this.skipping ? 'overlong' : 'incomplete';
    const bytes = this.skipping ? this.skipped : this.buffer.length;
    this.reset();
    return [{ kind: 'dropped', reason, bytes }];
  }

  /** True while part of a scan (or of a run being skipped) waits for its terminator. */
  get pending(): boolean {
    return this.skipping || this.buffer.length > 0;
  }

  private endsWithTerminator(): boolean {
    const { buffer, terminator } = this;
    if (buffer.length < terminator.length) return false;
    const start = buffer.length - terminator.length;
    return terminator.every((byte, i) => buffer[start + i] === byte);
  }

  private complete(): Frame | null {
    let bytes = Buffer.from(this.buffer.slice(0, this.buffer.length - this.terminator.length));
    // Only where the prefix sits at the very start: inside the code it is data.
    if (this.prefix.length && bytes.subarray(0, this.prefix.length).equals(this.prefix))
      bytes = bytes.subarray(this.prefix.length);
    // A terminator on its own (a CR after an LF-ended code, an idle keep-alive) is no scan.
    if (bytes.length === 0) return null;
    if (bytes.length > this.options.maxLength)
      return { kind: 'dropped', reason: 'overlong', bytes: bytes.length };
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      return { kind: 'dropped', reason: 'garbled', bytes: bytes.length };
    }
    // Control bytes kept for the prefix or terminator have no place inside a code.
    if ([...bytes].some(isControl)) return { kind: 'dropped', reason: 'garbled', bytes: bytes.length };
    return { kind: 'scan', text };
  }

  private reset(): void {
    this.buffer = [];
    this.skipping = false;
    this.skipped = 0;
  }
}

/** C0 controls and DEL: never part of a code a kiosk reads. */
function isControl(byte: number): boolean {
  return byte < 0x20 || byte === 0x7f;
}
