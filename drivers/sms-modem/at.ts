import type { Duplex } from 'node:stream';
import { SmsSendError } from './errors.ts';

/** Ends the text of a message (Ctrl-Z) and cancels it (ESC), 3GPP TS 27.005 §3.5.1. */
export const ctrlZ = 0x1a;
export const escape = 0x1b;

/** Lines the modem volunteered while a command ran (`+CMTI: "SM",3`, `RING`); the last ones only. */
const keptUnsolicited = 20;

type FinalLine = { ok: true } | { ok: false; error: SmsSendError };

/** `OK`, or a final error: `ERROR`, `+CMS ERROR: <n>`, `+CME ERROR: <n>`; anything else is not final. */
export function finalResult(line: string): FinalLine | null {
  if (line === 'OK') return { ok: true };
  if (line === 'ERROR')
    return { ok: false, error: new SmsSendError('ERROR', 'The modem answered ERROR.', line) };
  const cms = /^\+CMS ERROR:\s*(.*)$/.exec(line);
  if (cms)
    return {
      ok: false,
      error: new SmsSendError(
        'CMS_ERROR',
        `The network or SIM refused the message (+CMS ERROR: ${cms[1]}).`,
        cms[1],
      ),
    };
  const cme = /^\+CME ERROR:\s*(.*)$/.exec(line);
  if (cme)
    return {
      ok: false,
      error: new SmsSendError('CME_ERROR', `The modem reported +CME ERROR: ${cme[1]}.`, cme[1]),
    };
  return null;
}

/** `AT+CMGS="…"` answers with `+CMGS: …`: the information lines a command may give start like it. */
export function infoPrefixOf(command: string): string | null {
  const name = /^AT(\+[A-Z]+)/i.exec(command)?.[1];
  return name ? `${name.toUpperCase()}:` : null;
}

/**
 * One AT conversation over a byte stream (a serial port, or a simulator's end of a pipe): a command
 * goes out ended by CR, the answer comes back as lines ended by CR LF, in pieces of any size, with
 * the modem's echo (until ATE0) and its unsolicited result codes mixed in. Only a line starting
 * like the command (`+CMGS:` for `AT+CMGS=`) counts as its answer; the echo is skipped and anything
 * else is kept in `unsolicited`. `> ` with no line end is the prompt for a message's text.
 * One command at a time.
 */
export class AtChannel {
  readonly unsolicited: string[] = [];
  #partial = '';
  #lines: string[] = [];
  #prompt = false;
  #lost: string | null = null;
  #wake: (() => void) | null = null;
  readonly #onData = (chunk: Buffer | string) => this.#receive(chunk);
  readonly #onClose = () => this.#lose('The line to the modem closed.');
  readonly #onError = (error: Error) => this.#lose(error.message);

  constructor(private readonly stream: Duplex) {
    stream.on('data', this.#onData);
    stream.on('close', this.#onClose);
    stream.on('end', this.#onClose);
    stream.on('error', this.#onError);
  }

  /** Why the line went away, or null while it is there. */
  get lost(): string | null {
    return this.#lost;
  }

  /** Stops listening to the stream (which stays as it is). */
  detach(): void {
    this.stream.off('data', this.#onData);
    this.stream.off('close', this.#onClose);
    this.stream.off('end', this.#onClose);
    this.stream.off('error', this.#onError);
  }

  /** Forgets whatever arrived before now: leftovers of an earlier exchange are not this one's answer. */
  discard(): void {
    this.#lines = [];
    this.#partial = '';
    this.#prompt = false;
  }

  /** Sends a command and waits for its final result; resolves with its information lines. */
  async command(command: string, timeoutMs: number): Promise<string[]> {
    this.discard();
    this.#write(`${command}\r`);
    const info: string[] = [];
    const prefix = infoPrefixOf(command);
    await this.#until(
      () => this.#readUntilFinal(command, prefix, info),
      timeoutMs,
      () => new SmsSendError('TIMEOUT', `The modem did not answer ${command} within ${timeoutMs} ms.`),
    );
    return info;
  }

  /**
   * Sends a command that asks for text (`AT+CMGS=…`) and waits for the `> ` prompt. A final result
   * instead of the prompt fails with it; no prompt in time is NO_PROMPT, and ESC is sent so a late
   * prompt does not take the next command as the message's text.
   */
  async commandForText(command: string, timeoutMs: number): Promise<void> {
    this.discard();
    this.#write(`${command}\r`);
    const prefix = infoPrefixOf(command);
    const info: string[] = [];
    try {
      await this.#until(
        () => {
          if (this.#readUntilFinal(command, prefix, info))
            throw new SmsSendError(
              'NO_PROMPT',
              `The modem answered OK to ${command} but never asked for the text.`,
            );
          return this.#prompt;
        },
        timeoutMs,
        () =>
          new SmsSendError('NO_PROMPT', `The modem gave no "> " prompt for the text within ${timeoutMs} ms.`),
      );
    } catch (error) {
      if (error instanceof SmsSendError && error.code === 'NO_PROMPT' && !this.#lost)
        this.#write(Buffer.of(escape));
      throw error;
    }
  }

  /** Sends a message's text after the prompt, ended by Ctrl-Z, and waits for the final result. */
  async text(body: string, answerPrefix: string, timeoutMs: number): Promise<string[]> {
    this.#prompt = false;
    this.#write(Buffer.concat([Buffer.from(body, 'latin1'), Buffer.of(ctrlZ)]));
    const info: string[] = [];
    await this.#until(
      () => this.#readUntilFinal(body, answerPrefix, info),
      timeoutMs,
      () => new SmsSendError('TIMEOUT', `The modem did not confirm the message within ${timeoutMs} ms.`),
    );
    return info;
  }

  /** Reads the lines so far: true at OK, throws at a final error, collects information lines. */
  #readUntilFinal(sent: string, prefix: string | null, info: string[]): boolean {
    for (let line = this.#lines.shift(); line !== undefined; line = this.#lines.shift()) {
      const final = finalResult(line);
      if (final?.ok) return true;
      if (final) throw final.error;
      if (line === sent) continue; // the echo, before ATE0 (or from a modem that ignores it)
      if (prefix && line.toUpperCase().startsWith(prefix)) info.push(line);
      else {
        this.unsolicited.push(line);
        if (this.unsolicited.length > keptUnsolicited) this.unsolicited.shift();
      }
    }
    return false;
  }

  #write(bytes: string | Buffer): void {
    if (this.#lost) return;
    this.stream.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  }

  #receive(chunk: Buffer | string): void {
    this.#partial += typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    const pieces = this.#partial.split(/\r\n|\r|\n/);
    this.#partial = pieces.pop() ?? '';
    for (const piece of pieces) {
      const line = piece.trim();
      if (line) this.#lines.push(line);
    }
    // The prompt is "\r\n> " with no line end after it; some modems send ">" alone.
    if (this.#partial.trimStart().startsWith('>')) {
      this.#prompt = true;
      this.#partial = '';
    }
    this.#wake?.();
  }

  #lose(reason: string): void {
    this.#lost ??= reason;
    this.#wake?.();
  }

  /** Resolves when `done` says so, rejects when it throws, when the line is lost or at the timeout. */
  #until(done: () => boolean, timeoutMs: number, timedOut: () => SmsSendError): Promise<void> {
    return new Promise((resolve, reject) => {
      const finish = (error?: unknown) => {
        clearTimeout(timer);
        this.#wake = null;
        if (error) reject(error);
        else resolve();
      };
      const check = () => {
        try {
          if (done()) return finish();
        } catch (error) {
          return finish(error);
        }
        if (this.#lost) finish(new SmsSendError('DISCONNECTED', 'The modem’s port went away.', this.#lost));
      };
      const timer = setTimeout(() => finish(timedOut()), timeoutMs);
      this.#wake = check;
      check();
    });
  }
}
