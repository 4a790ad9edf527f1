import { describe, expect, it } from 'vitest';
import {
  WedgeBurstDetector,
  type WedgeOptions,
  type WedgeResult,
} from '../../../src-renderer/kiosk/wedge.ts';

/** Types `text` into the detector one key every `gapMs`, starting at `start`; returns every scan seen. */
function type(detector: WedgeBurstDetector, keys: string[], gapMs: number, start = 0): WedgeResult[] {
  return keys.map((key, i) => detector.feed(key, start + i * gapMs)).filter((scan) => scan !== null);
}
const chars = (text: string) => [...text];
const scanOf = (text: string, terminator = 'Enter') => [...chars(text), terminator];

describe('a keyboard-wedge scanner at the kiosk', () => {
  it('hands on a booking code typed at scanner speed and ended by Enter', () => {
    expect(type(new WedgeBurstDetector(), scanOf('MPDPS-00001'), 4)).toEqual(['MPDPS-00001']);
  });

  it('hands on a whole M-Paspor JSON payload with shifted characters', () => {
    const payload = '{"kode":"MPDPS-00001","office":"DPS"}';
    const keys = chars(payload).flatMap((c) => (/[A-Z{}":]/.test(c) ? ['Shift', c] : [c]));
    expect(type(new WedgeBurstDetector(), [...keys, 'Enter'], 2)).toEqual([payload]);
  });

  it('ignores a citizen tapping keys at human speed, Enter included', () => {
    expect(type(new WedgeBurstDetector(), scanOf('MPDPS-00001'), 120)).toEqual([]);
  });

  it('ignores a single stray key press followed by Enter', () => {
    const detector = new WedgeBurstDetector();
    expect(detector.feed('a', 0)).toBeNull();
    expect(detector.feed('Enter', 5)).toBeNull();
  });

  it('drops what a person typed before the scanner fired, and keeps the scan', () => {
    const detector = new WedgeBurstDetector();
    type(detector, chars('hello'), 150);
    expect(type(detector, scanOf('MPDPS-00002'), 3, 2000)).toEqual(['MPDPS-00002']);
  });

  it('refuses a burst too short to be a code', () => {
    expect(type(new WedgeBurstDetector(), scanOf('AB'), 3)).toEqual([]);
  });

  it('does not take an Enter pressed long after a burst as its end', () => {
    const detector = new WedgeBurstDetector();
    type(detector, chars('MPDPS-00003'), 3);
    expect(detector.feed('Enter', 3 * 11 + 500)).toBeNull();
  });

  it('reads two scans in a row as two', () => {
    const detector = new WedgeBurstDetector();
    const first = type(detector, scanOf('MPDPS-00004'), 3, 0);
    const second = type(detector, scanOf('MPDPS-00005'), 3, 1000);
    expect([...first, ...second]).toEqual(['MPDPS-00004', 'MPDPS-00005']);
  });

  it('tolerates a scanner that hesitates mid-code within the gap limit, but not beyond', () => {
    const options: Partial<WedgeOptions> = { maxGapMs: 35 };
    const detector = new WedgeBurstDetector(options);
    const keys = scanOf('MPDPS-00006');
    const times = keys.map((_, i) => (i < 5 ? i * 3 : 30 + i * 3)); // a 33 ms hiccup after 5 keys
    expect(keys.map((k, i) => detector.feed(k, times[i] as number)).filter(Boolean)).toEqual(['MPDPS-00006']);

    const stalled = new WedgeBurstDetector(options);
    const late = keys.map((_, i) => (i < 5 ? i * 3 : 200 + i * 3)); // a 190 ms stall: two halves
    expect(keys.map((k, i) => stalled.feed(k, late[i] as number)).filter(Boolean)).toEqual(['-00006']);
  });

  it('strips a configured prefix and suffix and ends on Tab when told to', () => {
    const detector = new WedgeBurstDetector({ prefix: ']Q1', suffix: '#', terminator: 'Tab' });
    expect(type(detector, [...chars(']Q1MPDPS-00007#'), 'Tab'], 2)).toEqual(['MPDPS-00007']);
    expect(type(detector, scanOf('MPDPS-00008', 'Enter'), 2, 1000)).toEqual([]);
  });

  it('completes a scan from a scanner that sends no terminator once it goes quiet', () => {
    const detector = new WedgeBurstDetector({ terminator: null, idleEndMs: 60 });
    type(detector, chars('MPDPS-00009'), 3);
    expect(detector.tick(3 * 10 + 20)).toBeNull(); // still arriving
    expect(detector.tick(3 * 10 + 61)).toBe('MPDPS-00009');
    expect(detector.tick(3 * 10 + 500)).toBeNull(); // handed on once
  });

  it('says a runaway burst longer than any code was too long instead of handing it on', () => {
    const detector = new WedgeBurstDetector({ maxLength: 100 });
    expect(type(detector, [...'x'.repeat(500), 'Enter'], 1)).toEqual([{ tooLong: 500 }]);
    expect(type(detector, [...'x'.repeat(101), 'Enter'], 1, 2000)).toEqual([{ tooLong: 101 }]);
    expect(type(detector, [...'x'.repeat(100), 'Enter'], 1, 4000)).toEqual(['x'.repeat(100)]);
    expect(type(detector, scanOf('MPDPS-00010'), 1, 5000)).toEqual(['MPDPS-00010']);
  });

  it('says it is in a burst while a scan arrives, so the screen can ignore those keys', () => {
    const detector = new WedgeBurstDetector();
    detector.feed('M', 0);
    expect(detector.inBurst).toBe(false);
    detector.feed('P', 3);
    expect(detector.inBurst).toBe(true);
    detector.feed('Enter', 6);
    expect(detector.inBurst).toBe(false);
  });
});
