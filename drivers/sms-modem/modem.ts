/**
 * A GSM modem (a USB stick or a GSM gateway on RS-232) sending SMS with AT commands in text mode,
 * 3GPP TS 27.005. Every message repeats the whole set-up (AT, ATE0, AT+CMGF=1, AT+CSCS="GSM"),
 * so a modem that was power-cycled or reset between two messages is set up again before the next.
 */
import { Duplex } from 'node:stream';
import type { SerialPort } from 'serialport';
import { closePort, isMissingPort, openPort, type SerialLineOptions } from '../serial/port.ts';
import { AtChannel } from './at.ts';
import { SmsSendError } from './errors.ts';
import { normaliseIndonesianMobile } from './phone.ts';
import { SmsModemSimulator } from './simulator.ts';
import { smsText } from './text.ts';

export { SmsInputError, SmsSendError, type SmsSendErrorCode } from './errors.ts';
export { normaliseIndonesianMobile } from './phone.ts';
export { gsmText, maxSmsLength, smsText } from './text.ts';

export interface SmsModem {
  /**
   * Sends one SMS; resolves with the network's message reference (`+CMGS: <mr>`). Rejects with an
   * `SmsInputError` for a number or text that can never go (before touching the port), else with
   * an `SmsSendError`. Sends wait for each other.
   */
  send(phone: string, text: string): Promise<{ reference: string }>;
  close(): Promise<void>;
}

export interface SmsModemOptions {
  /** How long AT, ATE0, AT+CMGF and AT+CSCS may take to answer, in ms (5000). */
  commandTimeoutMs?: number;
  /** How long AT+CMGS may take to give the `> ` prompt, in ms (5000). */
  promptTimeoutMs?: number;
  /** How long the network may take to accept the message after Ctrl-Z, in ms (60 000: real networks are slow). */
  sendTimeoutMs?: number;
  /** For `simulator`: the simulated modem to talk to (a new one otherwise). */
  simulator?: SmsModemSimulator;
}

export type SmsModemAddress = { transport: 'serial'; line: SerialLineOptions } | { transport: 'simulator' };

/** A modem's line: 115200 8N1 unless the address says another speed. */
export const defaultModemLine: Omit<SerialLineOptions, 'path'> = {
  baudRate: 115_200,
  dataBits: 8,
  parity: 'none',
  stopBits: 1,
};

/** `serial:///dev/ttyUSB2?baud=115200` or `simulator`; throws a plain Error naming what is wrong. */
export function parseSmsModemAddress(address: string): SmsModemAddress {
  if (address === 'simulator') return { transport: 'simulator' };
  if (!address.startsWith('serial://'))
    throw new Error(`An SMS modem address is serial://PATH[?baud=N] or simulator, not "${address}".`);
  const [path = '', query = ''] = address.slice('serial://'.length).split('?', 2);
  if (!path) throw new Error(`The SMS modem address "${address}" names no port.`);
  const params = new URLSearchParams(query);
  for (const key of params.keys())
    if (key !== 'baud') throw new Error(`The SMS modem address has an unknown option "${key}" (only baud).`);
  const baud = params.get('baud');
  const baudRate = baud === null ? defaultModemLine.baudRate : Number(baud);
  if (!Number.isInteger(baudRate) || baudRate < 300 || baudRate > 4_000_000)
    throw new Error(`The SMS modem's baud rate must be a whole number 300–4000000, not "${baud}".`);
  return { transport: 'serial', line: { ...defaultModemLine, path, baudRate } };
}

/** The modem at `address` (see `parseSmsModemAddress`); nothing is opened until the first send. */
export function openSmsModem(address: string, options: SmsModemOptions = {}): SmsModem {
  const parsed = parseSmsModemAddress(address);
  if (parsed.transport === 'simulator') {
    const simulator = options.simulator ?? new SmsModemSimulator();
    return new LineModem(async () => {
      const [ours, theirs] = pipePair();
      simulator.attach(theirs);
      return { stream: ours, close: async () => void ours.destroy() };
    }, options);
  }
  return new LineModem(() => openSerialLine(parsed.line), options);
}

/** A modem on any byte stream `open` gives (opened at the first send, again after it went away). */
export function openSmsModemOn(open: () => Promise<OpenLine>, options: SmsModemOptions = {}): SmsModem {
  return new LineModem(open, options);
}

export interface OpenLine {
  stream: Duplex;
  close(): Promise<void>;
}

async function openSerialLine(line: SerialLineOptions): Promise<OpenLine> {
  let port: SerialPort;
  try {
    port = await openPort(line);
  } catch (error) {
    const err = error as Error;
    // No such device: unplugged (or the USB modem re-enumerated). Permissions or a busy port need a person.
    if (isMissingPort(err))
      throw new SmsSendError('DISCONNECTED', `The modem’s port ${line.path} is not there.`, err.message);
    throw new SmsSendError('ERROR', `The modem’s port ${line.path} cannot be opened.`, err.message);
  }
  return {
    stream: port,
    close: () => closePort(port),
  };
}

/**
 * A modem on a line that is opened at the first send and kept open between sends, like the serial
 * ticket printer: opening a tty can drop DTR (some modems reset or hang up on it) and a USB modem's
 * tty takes a while to open. When the line goes away it is dropped; the next send opens it again.
 */
class LineModem implements SmsModem {
  readonly #timeouts: Required<Omit<SmsModemOptions, 'simulator'>>;
  #line: (OpenLine & { channel: AtChannel }) | null = null;
  /** An exchange timed out: a late answer may still arrive, so the next one waits it out first. */
  #unsettled = false;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(
    private readonly open: () => Promise<OpenLine>,
    options: SmsModemOptions,
  ) {
    this.#timeouts = {
      commandTimeoutMs: options.commandTimeoutMs ?? 5000,
      promptTimeoutMs: options.promptTimeoutMs ?? 5000,
      sendTimeoutMs: options.sendTimeoutMs ?? 60_000,
    };
  }

  send(phone: string, text: string): Promise<{ reference: string }> {
    let number: string;
    let body: string;
    try {
      number = normaliseIndonesianMobile(phone);
      body = smsText(text);
    } catch (error) {
      return Promise.reject(error as Error); // an SmsInputError: nothing was sent
    }
    const sent = this.#queue.then(() => this.#send(number, body));
    this.#queue = sent.catch(() => undefined);
    return sent;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#queue;
    await this.#drop();
  }

  async #send(phone: string, body: string): Promise<{ reference: string }> {
    if (this.#closed) throw new SmsSendError('DISCONNECTED', 'The modem was closed.');
    const { channel } = await this.#opened();
    const t = this.#timeouts;
    try {
      await channel.command('AT', t.commandTimeoutMs);
      if (this.#unsettled) {
        // Whatever a timed-out exchange still had to say comes now, not as the next command's answer.
        await new Promise((resolve) => setTimeout(resolve, 250));
        this.#unsettled = false;
      }
      await channel.command('ATE0', t.commandTimeoutMs);
      await channel.command('AT+CMGF=1', t.commandTimeoutMs);
      await channel.command('AT+CSCS="GSM"', t.commandTimeoutMs);
      await channel.commandForText(`AT+CMGS="${phone}"`, t.promptTimeoutMs);
      const answer = await channel.text(body, '+CMGS:', t.sendTimeoutMs);
      // A modem that says OK without +CMGS has still sent it: no reference, but no retry either.
      const reference = answer.map((line) => /^\+CMGS:\s*(\d+)/.exec(line)?.[1]).find(Boolean) ?? '';
      return { reference };
    } catch (error) {
      if (error instanceof SmsSendError) {
        if (error.code === 'DISCONNECTED') await this.#drop();
        if (error.code === 'TIMEOUT' || error.code === 'NO_PROMPT') this.#unsettled = true;
      }
      throw error;
    }
  }

  async #opened(): Promise<OpenLine & { channel: AtChannel }> {
    if (this.#line?.channel.lost) await this.#drop();
    if (!this.#line) {
      const line = await this.open();
      this.#line = { ...line, channel: new AtChannel(line.stream) };
      this.#unsettled = false;
    }
    return this.#line;
  }

  async #drop(): Promise<void> {
    const line = this.#line;
    this.#line = null;
    if (!line) return;
    line.channel.detach();
    line.stream.on('error', () => undefined); // a vanished tty may still report its end
    await line.close();
  }
}

/** Two ends of an in-memory cable: what one writes, the other reads; destroying one ends both. */
export function pipePair(): [Duplex, Duplex] {
  const ends: Duplex[] = [];
  const end = (other: () => Duplex) =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, done) {
        other().push(chunk);
        done();
      },
      destroy(error, done) {
        const peer = other();
        if (!peer.destroyed) peer.destroy();
        done(error);
      },
    });
  ends.push(
    end(() => ends[1] as Duplex),
    end(() => ends[0] as Duplex),
  );
  return [ends[0] as Duplex, ends[1] as Duplex];
}
