import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFloor } from '../support/floor.ts';
import { runLoket } from '../support/hub.ts';

let dir: string;
const now = { LOKET_NOW: '2026-11-30T09:15:00+08:00' };
const loket = (...args: string[]) => runLoket([...args, '--data', dir], now);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-cli-calendar-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('loket calendar', () => {
  it('lists this year’s holidays from the shipped decree, and next year’s as provisional', async () => {
    const thisYear = await loket('calendar', 'list');
    expect(thisYear.code, thisYear.stderr).toBe(0);
    expect(thisYear.stdout).toMatch(/^Calendar 2026: SKB Menteri Agama/);
    expect(thisYear.stdout).toContain(
      '2026-03-19 thu  libur_nasional Hari Suci Nyepi (Tahun Baru Saka 1948)',
    );
    const nextYear = await loket('calendar', 'list', '--year', '2027');
    expect(nextYear.stdout).toMatch(/^Calendar 2027 \(PROVISIONAL\)/);
    expect(nextYear.stdout).toMatch(/2027-03-09 tue {2}libur_nasional Hari Suci Nyepi .*\[provisional\]/);
  });

  it('an added day moves the promise, a removed day opens again with its reason, both kept in the database', async () => {
    const before = await loket('calendar', 'promise', '2026-11-27', '--kind', 'baru');
    expect(before.code, before.stderr).toBe(0);
    expect(before.stdout).toContain('pickup Thursday, 3 December 2026 (2026-12-03; 4 working days).');

    const added = await loket(
      'calendar',
      'add',
      '2026-12-01',
      '--kind',
      'cuti_bersama',
      '--name-id',
      'Cuti bersama tambahan',
      '--name-en',
      'Additional collective leave',
      '--reason',
      'Keppres baru',
    );
    expect(added.code, added.stderr).toBe(0);
    const after = await loket('calendar', 'promise', '2026-11-27', '--kind', 'habis_berlaku');
    expect(after.stdout).toContain('pickup Friday, 4 December 2026');
    expect(after.stdout).toContain(
      'Why this date:\n  Tuesday, 1 December 2026: Additional collective leave (collective leave)',
    );

    const removed = await loket('calendar', 'remove', '2026-12-24', '--reason', 'Kantor tetap melayani');
    expect(removed.code, removed.stderr).toBe(0);
    const list = await loket('calendar', 'list');
    expect(list.stdout).toContain('[REMOVED 2026-11-30 by cli: Kantor tetap melayani]');
    expect(list.stdout).toContain('[added by cli: Keppres baru]');
    const days = readFloor(dir, (store) => store.calendar.daysOf(2026));
    expect(days.find((d) => d.date === '2026-12-24')?.removed?.reason).toBe('Kantor tetap melayani');
    expect(days.find((d) => d.date === '2026-12-01')?.origin).toBe('office');
  });

  it('promises no date for a lost passport, and refuses incomplete or wrong commands with exit 1', async () => {
    const lost = await loket('calendar', 'promise', '2026-11-27', '--kind', 'hilang');
    expect(lost.code).toBe(0);
    expect(lost.stdout).toContain('no date yet');
    expect(lost.stdout).toContain('BAP');

    const noReason = await loket('calendar', 'remove', '2026-12-24');
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toContain('calendar remove DATE --reason REASON');
    const badKind = await loket(
      'calendar',
      'add',
      '2026-12-01',
      '--kind',
      'libur',
      '--name-id',
      'a',
      '--name-en',
      'b',
    );
    expect(badKind.code).toBe(1);
    expect(badKind.stderr).toContain('--kind must be one of libur_nasional, cuti_bersama');
    const twice = await loket(
      'calendar',
      'add',
      '2026-03-19',
      '--kind',
      'libur_nasional',
      '--name-id',
      'a',
      '--name-en',
      'b',
    );
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('CONFLICT: 2026-03-19 is already a closed day');
    expect(readFloor(dir, (store) => store.calendar.day('2026-12-01'))).toBeNull();
  });
});
