import { describe, it, expect } from 'vitest';
import { classifyArrival } from '../../../src-main/domain/arrival.ts';
import { minutesOf } from '../../../src-main/domain/localTime.ts';

const office = { checkIn: { earlyMinutes: 60, lateMinutes: 30 } };
const window = { start: '09:00', end: '10:00' };
const arrivingAt = (time: string, seconds = 0) =>
  classifyArrival(office, window, minutesOf(time) + seconds / 60);

describe('a citizen arriving for the 09:00–10:00 window (60 minutes early, 30 late allowed)', () => {
  it('inside the window is on time', () => {
    expect(arrivingAt('09:00')).toEqual({ kind: 'on_time', early: false });
    expect(arrivingAt('09:59', 59)).toEqual({ kind: 'on_time', early: false });
  });

  it('up to 60 minutes before the window is on time but early', () => {
    expect(arrivingAt('08:00')).toEqual({ kind: 'on_time', early: true });
    expect(arrivingAt('08:59', 59)).toEqual({ kind: 'on_time', early: true });
  });

  it('70 minutes early is told to come back at 08:00', () => {
    expect(arrivingAt('07:50')).toEqual({ kind: 'too_early', comeBackAt: '08:00' });
    expect(arrivingAt('07:59', 59)).toEqual({ kind: 'too_early', comeBackAt: '08:00' });
  });

  it('after the window but within 30 minutes of its end is still on time', () => {
    expect(arrivingAt('10:00')).toEqual({ kind: 'on_time', early: false });
    expect(arrivingAt('10:30')).toEqual({ kind: 'on_time', early: false });
  });

  it('more than 30 minutes after the window is late by the minutes since its end', () => {
    expect(arrivingAt('10:30', 30)).toEqual({ kind: 'late', minutesLate: 30 });
    expect(arrivingAt('11:15')).toEqual({ kind: 'late', minutesLate: 75 });
  });

  it('follows the office’s own tolerances', () => {
    const strict = { checkIn: { earlyMinutes: 0, lateMinutes: 0 } };
    expect(classifyArrival(strict, window, minutesOf('08:59'))).toEqual({
      kind: 'too_early',
      comeBackAt: '09:00',
    });
    expect(classifyArrival(strict, window, minutesOf('10:01'))).toEqual({ kind: 'late', minutesLate: 1 });
  });
});
