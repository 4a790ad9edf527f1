import { describe, expect, it } from 'vitest';
import {
  parseErrorCauseByte,
  parseOfflineCauseByte,
  parsePaperSensorByte,
  parsePrinterByte,
  statusFromReplies,
} from '../../../drivers/ticket-printer/status.ts';

/** A reply byte: the fixed bits (1 and 4 set) plus the given ones. */
const reply = (...bits: number[]): number => bits.reduce((byte, n) => byte | (1 << n), 0x12);
const ok = reply();

describe('DLE EOT 1: the printer status', () => {
  it('reads online, offline, waiting for recovery, the feed button and the drawer pin', () => {
    expect(parsePrinterByte(ok)).toEqual({
      drawerPin3High: false,
      offline: false,
      waitingForRecovery: false,
      feedButton: false,
    });
    expect(parsePrinterByte(reply(2))?.drawerPin3High).toBe(true);
    expect(parsePrinterByte(reply(3))?.offline).toBe(true);
    expect(parsePrinterByte(reply(5))?.waitingForRecovery).toBe(true);
    expect(parsePrinterByte(reply(6))?.feedButton).toBe(true);
  });
});

describe('DLE EOT 2: why the printer is offline', () => {
  it('reads the cover, feeding by the button, a paper-end stop and an error', () => {
    expect(parseOfflineCauseByte(ok)).toEqual({
      coverOpen: false,
      feedingByButton: false,
      stoppedByPaperEnd: false,
      errorOccurred: false,
    });
    expect(parseOfflineCauseByte(reply(2))?.coverOpen).toBe(true);
    expect(parseOfflineCauseByte(reply(3))?.feedingByButton).toBe(true);
    expect(parseOfflineCauseByte(reply(5))?.stoppedByPaperEnd).toBe(true);
    expect(parseOfflineCauseByte(reply(6))?.errorOccurred).toBe(true);
  });
});

describe('DLE EOT 3: which error', () => {
  it('reads the autocutter, unrecoverable and automatically recoverable errors, ignoring the unused bit', () => {
    expect(parseErrorCauseByte(ok)).toEqual({
      autocutterError: false,
      unrecoverableError: false,
      autoRecoverableError: false,
    });
    expect(parseErrorCauseByte(reply(2))).toEqual(parseErrorCauseByte(ok));
    expect(parseErrorCauseByte(reply(3))?.autocutterError).toBe(true);
    expect(parseErrorCauseByte(reply(5))?.unrecoverableError).toBe(true);
    expect(parseErrorCauseByte(reply(6))?.autoRecoverableError).toBe(true);
  });
});

describe('DLE EOT 4: the paper roll sensors', () => {
  it('reads enough paper, near end and out, as the reference sets both bits of a pair', () => {
    expect(parsePaperSensorByte(ok)).toEqual({ paperNearEnd: false, paperOut: false });
    expect(parsePaperSensorByte(reply(2, 3))).toEqual({ paperNearEnd: true, paperOut: false });
    expect(parsePaperSensorByte(reply(2, 3, 5, 6))).toEqual({ paperNearEnd: true, paperOut: true });
  });

  it('also reads a clone that sets only one bit of a pair', () => {
    expect(parsePaperSensorByte(reply(2))?.paperNearEnd).toBe(true);
    expect(parsePaperSensorByte(reply(3))?.paperNearEnd).toBe(true);
    expect(parsePaperSensorByte(reply(5))?.paperOut).toBe(true);
    expect(parsePaperSensorByte(reply(6))?.paperOut).toBe(true);
  });
});

describe('a byte that is not a status reply', () => {
  it('is refused by every parser rather than read as a status', () => {
    for (const byte of [0x00, 0xff, 0x13, 0x02, 0x10, 0x92]) {
      expect(parsePrinterByte(byte)).toBeNull();
      expect(parseOfflineCauseByte(byte)).toBeNull();
      expect(parseErrorCauseByte(byte)).toBeNull();
      expect(parsePaperSensorByte(byte)).toBeNull();
    }
  });
});

describe('the status a kiosk shows', () => {
  it('is ready when all four replies are clear', () => {
    expect(statusFromReplies([ok, ok, ok, ok])).toMatchObject({
      state: 'ready',
      online: true,
      answering: true,
      unreachable: null,
    });
  });

  it('is ready with a warning when the paper is nearly gone', () => {
    expect(statusFromReplies([ok, ok, ok, reply(2, 3)])).toMatchObject({
      state: 'ready',
      paperNearEnd: true,
    });
  });

  it('is paper out when the roll is empty', () => {
    const status = statusFromReplies([reply(3), reply(5), ok, reply(2, 3, 5, 6)]);
    expect(status).toMatchObject({ state: 'paper_out', online: false, paperOut: true });
  });

  it('is cover open, the first thing to fix, even when the paper is also out', () => {
    const status = statusFromReplies([reply(3), reply(2, 5), ok, reply(5, 6)]);
    expect(status).toMatchObject({ state: 'cover_open', coverOpen: true, paperOut: true, online: false });
  });

  it('is an error naming the cutter when the autocutter jams', () => {
    expect(statusFromReplies([reply(3), reply(6), reply(3), ok])).toMatchObject({
      state: 'error',
      error: 'autocutter',
    });
    expect(statusFromReplies([reply(3), reply(6), reply(5), ok]).error).toBe('unrecoverable');
    expect(statusFromReplies([reply(3, 5), reply(6), reply(6), ok]).error).toBe('auto_recoverable');
  });

  it('is offline when the printer says so without a cause', () => {
    expect(statusFromReplies([reply(3), ok, ok, ok])).toMatchObject({ state: 'offline', online: false });
  });

  it('is offline with a bad reply when an answer is garbled or missing', () => {
    expect(statusFromReplies([ok, 0xff, ok, ok])).toMatchObject({
      state: 'offline',
      unreachable: 'bad_reply',
    });
    expect(statusFromReplies([ok, ok])).toMatchObject({ state: 'offline', unreachable: 'bad_reply' });
  });
});
