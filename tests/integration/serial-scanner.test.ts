import { afterEach, describe, expect, it } from 'vitest';
import {
  SerialScanner,
  type Scan,
  type ScannerError,
  type ScannerStatus,
  type SerialScannerOptions,
} from '../../drivers/scanner/serial.ts';
import { ptyPair, waitFor, type PtyPair } from '../support/socat.ts';

/**
 * The real serialport binding on a socat pseudo-terminal pair: the test plays the scanner on one
 * end, the driver reads the other. Waits poll generously; nothing here times how fast it is.
 */
interface Rig {
  pair: PtyPair;
  scanner: SerialScanner;
  scans: Scan[];
  statuses: ScannerStatus[];
  errors: ScannerError[];
  texts(): string[];
}

const rigs: Rig[] = [];

async function rig(options: Partial<SerialScannerOptions> = {}): Promise<Rig> {
  const pair = await ptyPair();
  // Generous enough that a busy machine never splits one scan; short enough for the tests to wait out.
  const scanner = new SerialScanner({ path: pair.host, interCharTimeoutMs: 400, ...options });
  const r: Rig = {
    pair,
    scanner,
    scans: [],
    statuses: [],
    errors: [],
    texts: () => r.scans.map((s) => s.text),
  };
  scanner.on('scan', (scan) => r.scans.push(scan));
  scanner.on('status', (status) => r.statuses.push(status));
  scanner.on('error', (error) => r.errors.push(error));
  rigs.push(r);
  await scanner.open();
  expect(r.statuses).toEqual(['ready']);
  return r;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(async () => {
  for (const r of rigs.splice(0)) {
    await r.scanner.close();
    await r.pair.dispose();
  }
});

describe('a serial scanner on a real (pseudo-)serial port', () => {
  it('hands on a booking code the port delivers in several pieces as one scan', async () => {
    const r = await rig();
    for (const piece of ['MPD', 'PS-', '000', '01', '\r']) {
      r.pair.write(piece);
      await pause(30);
    }
    await waitFor(() => r.scans.length >= 1);
    expect(r.texts()).toEqual(['MPDPS-00001']);
    expect(r.errors).toEqual([]);
  });

  it('hands on two codes written in one go as two scans', async () => {
    const r = await rig();
    r.pair.write('MPDPS-00002\rMPDPS-00003\r');
    await waitFor(() => r.scans.length >= 2);
    expect(r.texts()).toEqual(['MPDPS-00002', 'MPDPS-00003']);
  });

  it('discards a scan with the wrong terminator after the timeout, and reads the next one', async () => {
    const r = await rig();
    r.pair.write('MPDPS-00004\n'); // the scanner sends LF, the port expects CR
    await waitFor(() => r.errors.length >= 1);
    expect(r.errors.map((e) => e.code)).toEqual(['incomplete']);
    r.pair.write('MPDPS-00005\r');
    await waitFor(() => r.scans.length >= 1);
    expect(r.texts()).toEqual(['MPDPS-00005']);
  });

  it('reports a line-noise burst as errors and keeps reading scans after it', async () => {
    const r = await rig({ maxLength: 256 });
    // Binary junk (every byte value but CR, in a scrambled order), then a runaway run of text.
    const junk = Uint8Array.from({ length: 256 }, (_, i) => (i * 131 + 7) % 256).filter((b) => b !== 0x0d);
    r.pair.write(Buffer.concat([junk, Buffer.from('\r')]));
    r.pair.write('A'.repeat(5000) + '\r');
    await waitFor(() => r.errors.length >= 2);
    r.pair.write('MPDPS-00006\r');
    await waitFor(() => r.scans.length >= 1);
    expect(r.texts()).toEqual(['MPDPS-00006']);
    expect(r.errors.map((e) => e.code)).toEqual(['garbled', 'overlong']);
    expect(r.errors.every((e) => e.message.id && e.message.en)).toBe(true);
  });

  it('reads a scanner set up with a prefix and CR LF at 115200 7E1', async () => {
    const r = await rig({ prefix: ']Q1', terminator: 'CRLF', baudRate: 115200, dataBits: 7, parity: 'even' });
    expect(r.scanner.line).toMatchObject({ baudRate: 115200, dataBits: 7, parity: 'even', stopBits: 1 });
    r.pair.write(']Q1MPDPS-00007\r\n]Q1MPDP');
    await pause(30);
    r.pair.write('S-00008\r\n');
    await waitFor(() => r.scans.length >= 2);
    expect(r.texts()).toEqual(['MPDPS-00007', 'MPDPS-00008']);
  });

  it('says disconnected when the scanner goes away and ready when it is back, then scans again', async () => {
    const r = await rig({ reopen: { initialDelayMs: 100, maxDelayMs: 400 } });
    r.pair.write('MPDPS-00009\r');
    await waitFor(() => r.scans.length >= 1);

    await r.pair.stop(); // the cable comes out
    await waitFor(() => r.statuses.includes('disconnected'));
    expect(r.scanner.status).toBe('disconnected');
    await pause(1000); // several reopen attempts fail meanwhile, quietly
    expect(r.statuses).toEqual(['ready', 'disconnected']);

    await r.pair.start(); // and goes back in, on the same path
    await waitFor(() => r.statuses.length >= 3);
    expect(r.statuses).toEqual(['ready', 'disconnected', 'ready']);
    r.pair.write('MPDPS-00010\r');
    await waitFor(() => r.scans.length >= 2);
    expect(r.texts()).toEqual(['MPDPS-00009', 'MPDPS-00010']);
    expect(r.errors).toEqual([]);
  });

  it('stays closed after close(), even when the port comes back', async () => {
    const r = await rig({ reopen: { initialDelayMs: 100, maxDelayMs: 200 } });
    await r.pair.stop();
    await waitFor(() => r.statuses.includes('disconnected'));
    await r.scanner.close();
    await r.pair.start();
    await pause(800);
    expect(r.statuses).toEqual(['ready', 'disconnected']);
  });

  it('keeps trying a port that is not there yet and opens it when it appears', async () => {
    const pair = await ptyPair();
    await pair.stop();
    const scanner = new SerialScanner({ path: pair.host, reopen: { initialDelayMs: 100, maxDelayMs: 300 } });
    const statuses: ScannerStatus[] = [];
    const texts: string[] = [];
    scanner.on('status', (s) => statuses.push(s));
    scanner.on('scan', (s) => texts.push(s.text));
    rigs.push({ pair, scanner, scans: [], statuses, errors: [], texts: () => texts });
    await scanner.open();
    expect(statuses).toEqual(['disconnected']);
    await pair.start();
    await waitFor(() => statuses.includes('ready'));
    pair.write('MPDPS-00011\r');
    await waitFor(() => texts.length >= 1);
    expect(texts).toEqual(['MPDPS-00011']);
  });
});
