import { describe, expect, it } from 'vitest';
import { ScanFramer, type Frame, type FrameOptions } from '../../../drivers/scanner/frames.ts';

/** Feeds `chunks` as the port would deliver them, each `[text or bytes, arrival ms]`. */
function feed(framer: ScanFramer, chunks: [string | number[], number][]): Frame[] {
  return chunks.flatMap(([data, at]) =>
    framer.push(typeof data === 'string' ? Buffer.from(data, 'utf8') : Uint8Array.from(data), at),
  );
}
const scans = (frames: Frame[]) => frames.filter((f) => f.kind === 'scan').map((f) => f.text);
const drops = (frames: Frame[]) => frames.flatMap((f) => (f.kind === 'dropped' ? [f.reason] : []));
const framer = (options: Partial<FrameOptions> = {}) => new ScanFramer(options);

describe('a serial scanner’s byte stream at the kiosk', () => {
  it('reads a booking code ended by CR, the factory setting', () => {
    expect(scans(feed(framer(), [['MPDPS-00001\r', 0]]))).toEqual(['MPDPS-00001']);
  });

  it('puts a code cut across several reads back together', () => {
    const frames = feed(framer(), [
      ['MPD', 0],
      ['PS-0', 3],
      ['0002', 9],
      ['\r', 12],
    ]);
    expect(frames).toEqual([{ kind: 'scan', text: 'MPDPS-00002' }]);
  });

  it('splits two codes that arrive in one read', () => {
    expect(scans(feed(framer(), [['MPDPS-00003\rMPDPS-00004\r', 0]]))).toEqual([
      'MPDPS-00003',
      'MPDPS-00004',
    ]);
  });

  it('keeps a whole M-Paspor JSON payload, Indonesian name and all', () => {
    const payload = '{"kode":"MPDPS-00005","nama":"Ni Luh Putu Ayu Widyāsari"}';
    const bytes = Buffer.from(`${payload}\r`, 'utf8');
    // A read boundary inside a multi-byte character must not break it.
    const cut = bytes.indexOf(Buffer.from('ā')) + 1;
    const frames = feed(framer(), [
      [[...bytes.subarray(0, cut)], 0],
      [[...bytes.subarray(cut)], 4],
    ]);
    expect(scans(frames)).toEqual([payload]);
  });

  it('reads CR LF, LF and a custom terminator when configured', () => {
    expect(
      scans(
        feed(framer({ terminator: 'CRLF' }), [
          ['MPDPS-00006\r', 0],
          ['\nMPDPS-00007\r\n', 2],
        ]),
      ),
    ).toEqual(['MPDPS-00006', 'MPDPS-00007']);
    expect(scans(feed(framer({ terminator: 'LF' }), [['MPDPS-00008\n', 0]]))).toEqual(['MPDPS-00008']);
    expect(scans(feed(framer({ terminator: { custom: '\x03' } }), [['MPDPS-00009\x03', 0]]))).toEqual([
      'MPDPS-00009',
    ]);
  });

  it('strips a configured prefix when the scanner sends it, and reads the code without it too', () => {
    const stx = framer({ prefix: '\x02', terminator: { custom: '\x03' } });
    expect(
      scans(
        feed(stx, [
          ['\x02MPDPS-00010\x03', 0],
          ['MPDPS-00011\x03', 100],
        ]),
      ),
    ).toEqual(['MPDPS-00010', 'MPDPS-00011']);
    const aim = framer({ prefix: ']Q1', terminator: 'CRLF' });
    expect(scans(feed(aim, [[']Q1MPDPS-00012\r\n', 0]]))).toEqual(['MPDPS-00012']);
  });

  it('ignores the LF of a scanner sending CR LF to a port set for CR', () => {
    expect(feed(framer(), [['MPDPS-00013\r\nMPDPS-00014\r\n', 0]])).toEqual([
      { kind: 'scan', text: 'MPDPS-00013' },
      { kind: 'scan', text: 'MPDPS-00014' },
    ]);
  });

  it('drops control-byte garbage between scans without losing either scan', () => {
    const frames = feed(framer(), [
      ['MPDPS-00015\r', 0],
      [[0x00, 0x11, 0x13, 0x1b, 0x7f, 0x00], 50],
      ['MPDPS-00016\r', 60],
    ]);
    expect(frames).toEqual([
      { kind: 'scan', text: 'MPDPS-00015' },
      { kind: 'scan', text: 'MPDPS-00016' },
    ]);
  });

  it('discards a partial scan gone quiet, so a wrong terminator never glues two scans', () => {
    const lf = framer({ interCharTimeoutMs: 200 }); // port set for CR, scanner sends LF
    expect(feed(lf, [['MPDPS-00017\n', 0]])).toEqual([]);
    expect(lf.tick(150)).toEqual([]); // still within a scanner's pause
    expect(lf.tick(201)).toEqual([{ kind: 'dropped', reason: 'incomplete', bytes: 11 }]);
    expect(scans(feed(lf, [['MPDPS-00018\r', 2000]]))).toEqual(['MPDPS-00018']);
  });

  it('discards the stale part when the next read comes late, even without a tick', () => {
    const frames = feed(framer({ interCharTimeoutMs: 200 }), [
      ['MPDPS-000', 0],
      ['MPDPS-00019\r', 900],
    ]);
    expect(frames).toEqual([
      { kind: 'dropped', reason: 'incomplete', bytes: 9 },
      { kind: 'scan', text: 'MPDPS-00019' },
    ]);
  });

  it('waits through pauses shorter than the timeout inside one scan', () => {
    const frames = feed(framer({ interCharTimeoutMs: 200 }), [
      ['MPDPS', 0],
      ['-000', 190],
      ['20\r', 380],
    ]);
    expect(scans(frames)).toEqual(['MPDPS-00020']);
  });

  it('drops an overlong run as one error and skips to its end, then reads the next scan', () => {
    const f = framer({ maxLength: 64 });
    const frames = feed(f, [
      ['x'.repeat(50), 0],
      ['y'.repeat(50), 1],
      ['z'.repeat(500), 2],
      ['tail\r', 3],
      ['MPDPS-00021\r', 10],
    ]);
    expect(drops(frames)).toEqual(['overlong']);
    expect(scans(frames)).toEqual(['MPDPS-00021']);
  });

  it('ends an overlong run on a CR LF that straddles two reads', () => {
    const frames = feed(framer({ maxLength: 16, terminator: 'CRLF' }), [
      ['q'.repeat(40) + '\r', 0],
      ['\nMPDPS-00022\r\n', 5],
    ]);
    expect(drops(frames)).toEqual(['overlong']);
    expect(scans(frames)).toEqual(['MPDPS-00022']);
  });

  it('drops binary junk that is not text as garbled, then reads the next scan', () => {
    const frames = feed(framer(), [
      [[0xff, 0xfe, 0x80, 0x41, 0xc3, 0x28, 0x0d], 0],
      ['MPDPS-00023\r', 20],
    ]);
    expect(frames).toEqual([
      { kind: 'dropped', reason: 'garbled', bytes: 6 },
      { kind: 'scan', text: 'MPDPS-00023' },
    ]);
  });

  it('refuses a stray prefix control byte inside a code', () => {
    const frames = feed(framer({ prefix: '\x02' }), [['MPD\x02PS-00024\r', 0]]);
    expect(drops(frames)).toEqual(['garbled']);
  });

  it('hands on nothing for a lone terminator', () => {
    expect(feed(framer(), [['\r\r\r', 0]])).toEqual([]);
  });

  it('refuses an empty custom terminator', () => {
    expect(() => framer({ terminator: { custom: '' } })).toThrow(/empty/);
  });
});
