import { describe, expect, it } from 'vitest';
import { lateCause, pauseSpans, type PromiseRecord } from '../../../src-main/domain/reports/promises.ts';

const zone = 'Asia/Makassar';
const at = (date: string, time: string) => Date.parse(`${date}T${time}:00+08:00`);

/** A passport promised for Friday 4 December, approved Monday, printed Saturday: late. */
const late: PromiseRecord = {
  promisedDate: '2026-12-04',
  jobState: 'printed',
  approvedAt: at('2026-11-30', '10:00'),
  printedAt: at('2026-12-05', '09:00'),
  readyAt: null,
  sentBack: false,
  spoiled: false,
};
const now = at('2026-12-07', '12:00');

describe('the cause of a late promise', () => {
  it('is adjudication when the approval came on the day before the promised day or later', () => {
    expect(lateCause(late, [], now, zone)).toBe('printerBacklog');
    expect(lateCause({ ...late, approvedAt: at('2026-12-02', '23:59') }, [], now, zone)).toBe(
      'printerBacklog',
    );
    // 00:30 on 3 December in Denpasar (still 2 December in UTC) is the day before.
    expect(lateCause({ ...late, approvedAt: at('2026-12-03', '00:30') }, [], now, zone)).toBe('adjudication');
  });

  it('is a paused printer only when the pause fell inside the wait, an open pause lasting until now', () => {
    const before = pauseSpans([
      { type: 'printer.paused', at: at('2026-11-30', '08:00'), station: 's1' },
      { type: 'printer.resumed', at: at('2026-11-30', '09:00'), station: 's1' },
    ]);
    expect(lateCause(late, before, now, zone)).toBe('printerBacklog');
    const during = pauseSpans([
      { type: 'printer.paused', at: at('2026-12-01', '08:00'), station: 's1' },
      { type: 'printer.resumed', at: at('2026-12-01', '09:00'), station: 's1' },
    ]);
    expect(lateCause(late, during, now, zone)).toBe('pausedPrinter');
    const stillPaused = pauseSpans([
      { type: 'printer.paused', at: at('2026-12-06', '08:00'), station: 's1' },
    ]);
    expect(stillPaused).toEqual([{ from: at('2026-12-06', '08:00'), to: null }]);
    expect(lateCause(late, stillPaused, now, zone)).toBe('printerBacklog');
    const notPrinted = { ...late, jobState: 'queued', printedAt: null };
    expect(lateCause(notPrinted, stillPaused, now, zone)).toBe('pausedPrinter');
    // A spoil goes before a pause; adjudication before both.
    expect(lateCause({ ...late, spoiled: true }, during, now, zone)).toBe('spoils');
    expect(lateCause({ ...late, spoiled: true, sentBack: true }, during, now, zone)).toBe('adjudication');
  });
});
