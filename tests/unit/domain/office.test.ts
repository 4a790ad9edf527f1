import { describe, it, expect } from 'vitest';
import {
  arrivalWindowsOn,
  closureOn,
  defaultOfficeConfig,
  laneOf,
  officeConfigSchema,
  openingHoursOn,
  windowNumberAt,
  type OfficeConfig,
} from '../../../src-main/domain/office.ts';
import { minutesOf } from '../../../src-main/domain/localTime.ts';

const withChanges = (changes: Partial<OfficeConfig>): unknown => ({ ...defaultOfficeConfig, ...changes });
const issuesOf = (config: unknown): string[] => {
  const result = officeConfigSchema.safeParse(config);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the Denpasar office as shipped', () => {
  it('is a valid configuration', () => {
    expect(issuesOf(defaultOfficeConfig)).toEqual([]);
  });

  it('works Monday to Friday 08:00–16:00 in Asia/Makassar with 60/30 minute tolerances', () => {
    expect(defaultOfficeConfig.timeZone).toBe('Asia/Makassar');
    expect(defaultOfficeConfig.checkIn).toEqual({ earlyMinutes: 60, lateMinutes: 30 });
    expect(openingHoursOn(defaultOfficeConfig, '2026-11-30')).toEqual({ open: '08:00', close: '16:00' });
    expect(openingHoursOn(defaultOfficeConfig, '2026-11-28')).toBeNull();
  });

  it('has the regular, four priority and standby lanes, each with its own letter', () => {
    expect(defaultOfficeConfig.lanes.map((l) => [l.id, l.prefix])).toEqual([
      ['regular', 'A'],
      ['lansia', 'B'],
      ['disabilitas', 'C'],
      ['hamil', 'D'],
      ['balita', 'E'],
      ['standby', 'S'],
    ]);
    expect(laneOf(defaultOfficeConfig, 'hamil').name.en).toBe('Pregnant women');
  });
});

describe('an office configuration that cannot be used', () => {
  it('is refused when a lane appears twice or is missing', () => {
    const [regular, ...others] = defaultOfficeConfig.lanes;
    expect(issuesOf(withChanges({ lanes: [...defaultOfficeConfig.lanes, regular!] }))).toContain(
      'lanes: lane regular must appear exactly once',
    );
    expect(issuesOf(withChanges({ lanes: others }))).toContain(
      'lanes: lane regular must appear exactly once',
    );
  });

  it('is refused when two lanes share a prefix', () => {
    const lanes = defaultOfficeConfig.lanes.map((l) => (l.id === 'hamil' ? { ...l, prefix: 'B' } : l));
    expect(issuesOf(withChanges({ lanes }))).toContain('lanes: lane prefixes must be distinct');
  });

  it('is refused with negative tolerances, an unknown time zone, or hours that close before they open', () => {
    expect(issuesOf(withChanges({ checkIn: { earlyMinutes: -5, lateMinutes: 30 } }))).not.toEqual([]);
    expect(issuesOf(withChanges({ timeZone: 'Asia/Denpasar' }))).not.toEqual([]);
    expect(
      issuesOf(
        withChanges({ hours: { ...defaultOfficeConfig.hours, mon: { open: '16:00', close: '08:00' } } }),
      ),
    ).not.toEqual([]);
    expect(issuesOf(withChanges({ closures: [{ date: '2026-02-30', reason: 'x' }] }))).not.toEqual([]);
  });
});

describe('the arrival windows of a day', () => {
  it('are hour blocks from opening to closing on a working day', () => {
    const windows = arrivalWindowsOn(defaultOfficeConfig, '2026-11-30');
    expect(windows).toHaveLength(8);
    expect(windows[0]).toEqual({ number: 1, start: '08:00', end: '09:00' });
    expect(windows[7]).toEqual({ number: 8, start: '15:00', end: '16:00' });
  });

  it('end at closing time when the last block is short', () => {
    const office = { ...defaultOfficeConfig, windowMinutes: 90 };
    expect(arrivalWindowsOn(office, '2026-11-30').at(-1)).toEqual({
      number: 6,
      start: '15:30',
      end: '16:00',
    });
  });

  it('do not exist at the weekend', () => {
    expect(arrivalWindowsOn(defaultOfficeConfig, '2026-11-28')).toEqual([]);
    expect(arrivalWindowsOn(defaultOfficeConfig, '2026-11-29')).toEqual([]);
  });
});

describe('the window number of a moment', () => {
  const number = (time: string) => windowNumberAt(defaultOfficeConfig, '2026-11-30', minutesOf(time));

  it('is the block that contains it', () => {
    expect(number('08:00')).toBe(1);
    expect(number('08:59')).toBe(1);
    expect(number('09:00')).toBe(2);
    expect(number('09:30')).toBe(2);
    expect(number('15:59')).toBe(8);
  });

  it('is the first window before opening and the last after closing', () => {
    expect(number('06:00')).toBe(1);
    expect(number('16:00')).toBe(8);
    expect(number('23:00')).toBe(8);
  });
});

describe('whether the office is shut on a date', () => {
  it('is open on a working weekday', () => {
    expect(closureOn(defaultOfficeConfig, '2026-11-30')).toBeNull();
  });

  it('is shut at the weekend', () => {
    expect(closureOn(defaultOfficeConfig, '2026-11-28')).toBe('weekend');
    expect(closureOn(defaultOfficeConfig, '2026-11-29')).toBe('weekend');
  });

  it('is shut on a configured closure, with its reason', () => {
    const office = { ...defaultOfficeConfig, closures: [{ date: '2026-03-19', reason: 'Hari Raya Nyepi' }] };
    expect(closureOn(office, '2026-03-19')).toBe('Hari Raya Nyepi');
    expect(closureOn(office, '2026-03-20')).toBeNull();
  });

  it('works on a Saturday the office has opened', () => {
    const office = {
      ...defaultOfficeConfig,
      hours: { ...defaultOfficeConfig.hours, sat: { open: '08:00', close: '12:00' } },
    };
    expect(closureOn(office, '2026-11-28')).toBeNull();
    expect(arrivalWindowsOn(office, '2026-11-28')).toHaveLength(4);
  });
});
