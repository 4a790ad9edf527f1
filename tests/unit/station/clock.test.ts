import { describe, expect, it } from 'vitest';
import { clockFromEnvironment, runningClock, trainingClock } from '../../../src-main/station/clock.ts';

/** A monotonic time source the test moves by hand, in milliseconds. */
function hands(start = 1_000) {
  let now = start;
  return { read: () => now, advance: (ms: number) => (now += ms) };
}

const opening = Date.parse('2026-11-30T07:50:00+08:00');

describe('the floor clock', () => {
  it('started at an instant, runs on at real time', () => {
    const monotonic = hands();
    const clock = runningClock(opening, monotonic.read);
    expect(clock.now()).toBe(opening);
    monotonic.advance(90_000);
    expect(clock.now()).toBe(opening + 90_000);
  });

  it('at speed 10 a trainer shows an hour of the morning in six minutes', () => {
    const monotonic = hands();
    const clock = runningClock(opening, monotonic.read, 10);
    monotonic.advance(6 * 60_000);
    expect(new Date(clock.now()).toISOString()).toBe('2026-11-30T00:50:00.000Z'); // 08:50 in Denpasar
  });

  it('at a speed but with no start instant, starts from now and runs faster', () => {
    const monotonic = hands();
    const before = Date.now();
    const clock = runningClock(undefined, monotonic.read, 4);
    monotonic.advance(1_000);
    expect(clock.now() - before).toBeGreaterThanOrEqual(4_000);
    expect(clock.now() - Date.now()).toBeLessThan(5_000);
  });

  it('refuses a speed that would stop or reverse time', () => {
    expect(() => runningClock(opening, undefined, 0)).toThrow(/speed/);
    expect(() => runningClock(opening, undefined, -2)).toThrow(/speed/);
    expect(() => runningClock(opening, undefined, Number.NaN)).toThrow(/speed/);
  });

  it('reads LOKET_NOW as before: the real clock without it, that instant with it', () => {
    expect(Math.abs(clockFromEnvironment({}).now() - Date.now())).toBeLessThan(1_000);
    const clock = clockFromEnvironment({ LOKET_NOW: '2026-11-30T09:15:00+08:00' });
    expect(clock.now() - Date.parse('2026-11-30T09:15:00+08:00')).toBeLessThan(1_000);
    expect(() => clockFromEnvironment({ LOKET_NOW: 'next Monday' })).toThrow(/LOKET_NOW/);
  });

  it('gives processes started at different moments one floor clock with LOKET_NOW_AT', () => {
    const nine = Date.parse('2026-11-30T09:00:00+08:00');
    // A process launched a minute after the floor's clock was set still reads a minute past nine.
    const late = clockFromEnvironment({
      LOKET_NOW: '2026-11-30T09:00:00+08:00',
      LOKET_NOW_AT: String(Date.now() - 60_000),
    });
    expect(Math.abs(late.now() - (nine + 60_000))).toBeLessThan(1_000);
    expect(() =>
      clockFromEnvironment({ LOKET_NOW: '2026-11-30T09:00:00+08:00', LOKET_NOW_AT: 'soon' }),
    ).toThrow(/LOKET_NOW_AT/);
  });

  it('a training clock jumps forward to the pickup hours, runs on from there at its speed, and never goes back', () => {
    const monotonic = hands();
    const clock = trainingClock(opening, monotonic.read, 10);
    monotonic.advance(60_000); // ten minutes of the morning
    const pickup = Date.parse('2026-12-04T13:00:00+08:00');
    clock.jumpTo(pickup);
    expect(clock.now()).toBe(pickup);
    monotonic.advance(30_000);
    expect(clock.now()).toBe(pickup + 300_000);
    clock.jumpTo(opening);
    expect(clock.now()).toBe(pickup + 300_000);
  });
});
