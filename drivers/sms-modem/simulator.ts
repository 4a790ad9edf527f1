import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import type { SerialPort } from 'serialport';
import { closePort, defaultLine, openPort, playOnLine, type SerialLineOptions } from '../serial/port.ts';

/** A message the simulated modem took, with the reference it answered. */
export interface SimulatedSms {
  phone: string;
  text: string;
  reference: string;
}

export interface SmsModemSimulatorOptions {
  /** How long the "network" takes to accept a message, in ms (20). */
  sendDelayMs?: number;
}

const ctrlZ = 0x1a;
const escape = 0x1b;

/**
 * A GSM modem for tests and the training room, on any duplex byte stream: the device end of a socat
 * pty pair, a null-modem cable, or an in-memory pipe (`openSmsModem('simulator')`). It answers the
 * text-mode commands like a real modem: echo on until ATE0 (and again after ATZ or a new line: a
 * USB modem plugged in again has restarted), AT+CMGF, AT+CSCS, AT+CMGS with the `> ` prompt, the
 * text up to Ctrl-Z (ESC cancels), then `+CMGS: <mr>` and OK. Anything else is ERROR.
 */
export class SmsModemSimulator extends EventEmitter<{ message: [SimulatedSms]; command: [string] }> {
  /** Every command received (without its CR), and each message's text, in order. */
  readonly transcript: string[] = [];
  readonly messages: { phone: string; text: string }[] = [];
  readonly sendDelayMs: number;
  #failures: { count: number; code: number } = { count: 0, code: 500 };
  #silent = false;
  #nextReference = 1;
  #detach: (() => Promise<void>) | null = null;
  #reply: (text: string) => void = () => undefined;

  constructor(options: SmsModemSimulatorOptions = {}) {
    super();
    this.sendDelayMs = options.sendDelayMs ?? 20;
  }

  /** The next `count` messages are refused with `+CMS ERROR: <cmsCode>` (500: unknown error). */
  failNext(count: number, cmsCode = 500): void {
    this.#failures = { count, code: cmsCode };
  }

  /** From now on it hears everything and answers nothing, like a hung modem. */
  silence(): void {
    this.#silent = true;
  }

  /** Answers again after `silence()`. */
  speak(): void {
    this.#silent = false;
  }

  /** Says something unasked, as a modem does when an SMS arrives (`+CMTI: "SM",3`) or a call (`RING`). */
  unsolicited(line: string): void {
    this.#reply(`\r\n${line}\r\n`);
  }

  /** Resolves once `count` messages have been taken in all. */
  waitForMessages(count: number): Promise<{ phone: string; text: string }[]> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.messages.length < count) return;
        this.off('message', check);
        resolve(this.messages.slice(0, count));
      };
      this.on('message', check);
      check();
    });
  }

  /** True while a stream is attached and has not ended. */
  get attached(): boolean {
    return this.#detach !== null;
  }

  /**
   * Plays the modem on `stream` until it ends or `detach()`, then runs `onDetach` (where
   * `attachPort` closes its port); replaces a stream attached before.
   */
  attach(stream: Duplex, onDetach: () => Promise<void> = async () => undefined): void {
    void this.#detach?.();
    const write = (bytes: Buffer) => {
      if (stream.writable && !stream.destroyed) stream.write(bytes);
    };
    const conversation = this.#converse(write);
    const detach = playOnLine(stream, conversation, async () => {
      if (this.#detach === detach) {
        this.#detach = null;
        this.#reply = () => undefined;
      }
      await onDetach();
    });
    this.#detach = detach;
    this.#reply = (text) => write(Buffer.from(text, 'latin1'));
  }

  /** Opens the modem's end of a serial line (the device end of a pty pair) and plays the modem on it. */
  async attachPort(line: Pick<SerialLineOptions, 'path'> & Partial<SerialLineOptions>): Promise<void> {
    const port: SerialPort = await openPort({ ...defaultLine, baudRate: 115_200, ...line });
    this.attach(port, () => closePort(port));
  }

  async detach(): Promise<void> {
    await this.#detach?.();
  }

  /** One power-on of the modem: echo on, PDU mode, reading commands. */
  #converse(write: (bytes: Buffer) => void): (chunk: Buffer) => void {
    let echo = true;
    let textMode = false;
    let recipient: string | null = null; // set while it reads a message's text
    let pending: number[] = [];
    const say = (text: string) => {
      if (!this.#silent) write(Buffer.from(text, 'latin1'));
    };

    const command = (line: string) => {
      this.transcript.push(line);
      answer(line);
      this.emit('command', line); // after the answer: a listener may silence the modem from here on
    };

    const answer = (line: string) => {
      const upper = line.toUpperCase();
      if (upper === 'AT') return say('\r\nOK\r\n');
      if (upper === 'ATZ' || /^ATE[01]?$/.test(upper)) {
        echo = upper === 'ATZ' || upper === 'ATE1';
        if (upper === 'ATZ') textMode = false;
        return say('\r\nOK\r\n');
      }
      const cmgf = /^AT\+CMGF=([01])$/.exec(upper);
      if (cmgf) {
        textMode = cmgf[1] === '1';
        return say('\r\nOK\r\n');
      }
      if (/^AT\+CSCS="[A-Z0-9-]+"$/.test(upper)) return say('\r\nOK\r\n');
      const cmgs = /^AT\+CMGS="?(\+?\d{3,20})"?(,\d+)?$/.exec(upper);
      if (cmgs) {
        if (!textMode) return say('\r\n+CMS ERROR: 304\r\n'); // invalid PDU mode parameter
        if (this.#silent) return;
        recipient = cmgs[1] ?? '';
        return say('\r\n> ');
      }
      say('\r\nERROR\r\n');
    };

    const message = (phone: string, text: string) => {
      this.transcript.push(text);
      const fail = this.#failures.count > 0;
      if (fail) this.#failures.count -= 1;
      const result = fail
        ? `\r\n+CMS ERROR: ${this.#failures.code}\r\n`
        : (() => {
            const reference = String(this.#nextReference);
            this.#nextReference = (this.#nextReference % 255) + 1;
            this.messages.push({ phone, text });
            this.emit('message', { phone, text, reference });
            return `\r\n+CMGS: ${reference}\r\n\r\nOK\r\n`;
          })();
      setTimeout(() => say(result), this.sendDelayMs).unref();
    };

    return (chunk) => {
      if (echo) write(chunk); // a real modem echoes as it reads, the text after the prompt too
      for (const byte of chunk) {
        if (recipient !== null) {
          if (byte === ctrlZ || byte === escape) {
            const text = Buffer.from(pending).toString('latin1');
            const phone = recipient;
            pending = [];
            recipient = null;
            if (byte === ctrlZ) message(phone, text);
            else say('\r\nOK\r\n');
          } else pending.push(byte);
        } else if (byte === 0x0d) {
          const line = Buffer.from(pending).toString('latin1').trim();
          pending = [];
          if (line) command(line);
        } else if (byte !== 0x0a) pending.push(byte);
      }
    };
  }
}
