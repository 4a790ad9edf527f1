import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allAnnouncementClips, announcementClips } from '../../../src-main/domain/announcement.ts';
import { LoketError } from '../../../src-main/domain/errors.ts';

function errorOf(run: () => unknown): LoketError {
  try {
    run();
  } catch (error) {
    if (error instanceof LoketError) return error;
    throw error;
  }
  throw new Error('expected a LoketError');
}

const clipDir = path.resolve(import.meta.dirname, '../../../resources/audio/id');

describe('the spoken call on the board', () => {
  it('says "Nomor antrian A dua, nol satu empat, silakan menuju loket tiga" for A2-014 at counter 3', () => {
    expect(announcementClips('A2-014', 3)).toEqual([
      'chime',
      'nomor-antrian',
      'letter-a',
      'digit-2',
      'digit-0',
      'digit-1',
      'digit-4',
      'silakan-menuju-loket',
      'number-3',
    ]);
  });

  it('names counters past nine as numbers: "loket dua belas", not "satu dua"', () => {
    expect(announcementClips('B2-014', 12).slice(2)).toEqual([
      'letter-b',
      'digit-2',
      'digit-0',
      'digit-1',
      'digit-4',
      'silakan-menuju-loket',
      'number-12',
    ]);
    expect(announcementClips('A1-001', 30).at(-1)).toBe('number-30');
  });

  it('says a window past nine as a number and the sequence digit by digit: S12-105 is "es dua belas, satu nol lima"', () => {
    expect(announcementClips('S12-105', 1).slice(2, -2)).toEqual([
      'letter-s',
      'number-12',
      'digit-1',
      'digit-0',
      'digit-5',
    ]);
  });

  it('spells out a window past thirty and a sequence past 999 digit by digit', () => {
    expect(announcementClips('A31-1000', 1).slice(3, -2)).toEqual([
      'digit-3',
      'digit-1',
      'digit-1',
      'digit-0',
      'digit-0',
      'digit-0',
    ]);
  });

  it('says a pickup number, which has no window: P-001 to counter 7 is "pe, nol nol satu, … loket tujuh"', () => {
    expect(announcementClips('P-001', 7)).toEqual([
      'chime',
      'nomor-antrian',
      'letter-p',
      'digit-0',
      'digit-0',
      'digit-1',
      'silakan-menuju-loket',
      'number-7',
    ]);
  });

  it('refuses anything that is not a queue number, or a counter it has no clip for, with a message in both languages', () => {
    for (const bad of [
      '',
      'a2-014',
      'A2-14',
      'A0-014',
      'AB2-014',
      'A2014',
      'A2-014 ',
      '../A2-014',
      'Ä2-014',
    ]) {
      expect(() => announcementClips(bad, 1), bad).toThrow(LoketError);
    }
    for (const bad of [0, 31, -1, 2.5, Number.NaN]) {
      expect(() => announcementClips('A2-014', bad), String(bad)).toThrow(/only counters 1–30/);
    }
    const error = errorOf(() => announcementClips('X', 1));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.text.id).toMatch(/bukan nomor antrean/);
    expect(error.text.en).toMatch(/not a queue number/);
  });

  it('names only clips that ship in resources/audio/id, and every shipped clip is one a call can name', () => {
    const shipped = fs
      .readdirSync(clipDir)
      .filter((f) => f.endsWith('.wav'))
      .map((f) => f.slice(0, -'.wav'.length));
    expect(new Set(shipped)).toEqual(new Set(allAnnouncementClips()));
    const named = new Set(
      ['A', 'B', 'S', 'Z'].flatMap((lane) =>
        [1, 9, 10, 30, 31, 288].flatMap((window) =>
          [1, 14, 105, 999, 10000].flatMap((sequence) =>
            [1, 9, 10, 11, 19, 20, 21, 30].flatMap((counter) =>
              announcementClips(`${lane}${window}-${String(sequence).padStart(3, '0')}`, counter),
            ),
          ),
        ),
      ),
    );
    for (const clip of named) expect(shipped, clip).toContain(clip);
  });

  it('ships each clip as mono 16-bit PCM WAV, the whole set well under 2 MB', () => {
    let total = 0;
    for (const clip of allAnnouncementClips()) {
      const bytes = fs.readFileSync(path.join(clipDir, `${clip}.wav`));
      total += bytes.length;
      expect(bytes.toString('ascii', 0, 4), clip).toBe('RIFF');
      expect(bytes.toString('ascii', 8, 16), clip).toBe('WAVEfmt ');
      expect(bytes.readUInt16LE(20), clip).toBe(1); // PCM
      expect(bytes.readUInt16LE(22), clip).toBe(1); // mono
      expect([16000, 22050], clip).toContain(bytes.readUInt32LE(24));
      expect(bytes.readUInt16LE(34), clip).toBe(16);
      expect(bytes.length, clip).toBeGreaterThan(44 + 16000 * 0.1 * 2); // some sound in it
    }
    expect(total).toBeLessThan(1.8 * 1024 * 1024);
  });
});
