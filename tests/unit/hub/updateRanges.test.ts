import { describe, expect, it } from 'vitest';
import { rangesOf } from '../../../src-main/hub/updates.ts';

describe('the byte ranges a differential download asks for', () => {
  it('reads single, open-ended, suffix and several ranges, clipped to the file', () => {
    expect(rangesOf('bytes=0-99', 6000)).toEqual([{ start: 0, end: 99 }]);
    expect(rangesOf('bytes=5000-', 6000)).toEqual([{ start: 5000, end: 5999 }]);
    expect(rangesOf('bytes=-100', 6000)).toEqual([{ start: 5900, end: 5999 }]);
    expect(rangesOf('bytes=5990-9999', 6000)).toEqual([{ start: 5990, end: 5999 }]);
    // As electron-updater writes them: ", " between ranges, never merged (one part per range).
    expect(rangesOf('bytes=0-9, 5-14, 100-199', 6000)).toEqual([
      { start: 0, end: 9 },
      { start: 5, end: 14 },
      { start: 100, end: 199 },
    ]);
  });

  it('sends the whole file for no header or one it cannot read, and 416 when nothing overlaps', () => {
    expect(rangesOf(undefined, 6000)).toBeNull();
    for (const header of ['items=0-9', 'bytes=9-0', 'bytes=a-b', 'bytes=-', 'bytes=0-9;x'])
      expect(rangesOf(header, 6000), header).toBeNull();
    expect(rangesOf('bytes=6000-7000', 6000)).toBe('unsatisfiable');
    expect(rangesOf('bytes=-0', 6000)).toBe('unsatisfiable');
    expect(
      rangesOf(`bytes=${Array.from({ length: 1001 }, (_, i) => `${i}-${i}`).join(',')}`, 6000),
    ).toBeNull();
    // The file asked for three times over in one request: the whole file once instead.
    expect(rangesOf('bytes=0-5999,0-5999,0-5999', 6000)).toBeNull();
    expect(rangesOf('bytes=0-5999,0-99', 6000)).toHaveLength(2);
  });
});
