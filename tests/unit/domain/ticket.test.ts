import { describe, it, expect } from 'vitest';
import { minutesOf } from '../../../src-main/domain/localTime.ts';
import { expectedCallTime, initialsOf, ticketNumber, ticketQr } from '../../../src-main/domain/ticket.ts';

describe('a queue number', () => {
  it('is the lane letter, the window and a three-digit sequence', () => {
    expect(ticketNumber('A', 2, 14)).toBe('A2-014');
    expect(ticketNumber('B', 1, 1)).toBe('B1-001');
    expect(ticketNumber('S', 8, 999)).toBe('S8-999');
  });

  it('keeps every digit past 999 rather than wrapping', () => {
    expect(ticketNumber('A', 10, 1000)).toBe('A10-1000');
  });
});

describe('the expected call time printed on a ticket', () => {
  const window = { start: '09:00', end: '10:00' };
  const expected = (sequence: number, checkInAt: string, standby = false) =>
    expectedCallTime({ window, sequence, quotaPerWindow: 24, minuteOfDay: minutesOf(checkInAt), standby });

  it('spreads the quota evenly over the window', () => {
    expect(expected(1, '08:30')).toBe('09:00');
    expect(expected(2, '08:30')).toBe('09:03'); // 2.5 minutes, rounded up
    expect(expected(13, '08:30')).toBe('09:30');
    expect(expected(24, '08:30')).toBe('09:58');
  });

  it('is never before the moment of check-in', () => {
    expect(expected(1, '09:40')).toBe('09:40');
    expect(expected(2, '09:41')).toBe('09:41');
  });

  it('is the end of the window for a standby ticket, or now if that has passed', () => {
    expect(expected(1, '09:20', true)).toBe('10:00');
    expect(expected(5, '10:45', true)).toBe('10:45');
  });

  it('does not divide by zero for a lane with no quota', () => {
    expect(expectedCallTime({ window, sequence: 2, quotaPerWindow: 0, minuteOfDay: 0, standby: false })).toBe(
      '10:00',
    );
  });
});

describe('the initials shown on the kiosk screen', () => {
  it('are the first letter of each name, with a full stop', () => {
    expect(initialsOf('Ni Made Ayu Lestari')).toBe('N. M. A. L.');
    expect(initialsOf('i wayan  sudarsana ')).toBe('I. W. S.');
  });

  it('handle a single name and letters outside ASCII', () => {
    expect(initialsOf('Sukarno')).toBe('S.');
    expect(initialsOf('Ömer Şahin')).toBe('Ö. Ş.');
  });

  it('are empty for an empty name', () => {
    expect(initialsOf('   ')).toBe('');
  });
});

describe('the QR on a ticket', () => {
  it('names the office and the ticket', () => {
    expect(ticketQr('DPS', 'abc')).toBe('LOKET:T:DPS:abc');
  });
});
