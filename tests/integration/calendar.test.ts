import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isLoketError, type ErrorCode } from '../../src-main/domain/errors.ts';
import { defaultOfficeConfig } from '../../src-main/domain/office.ts';
import type { DatedPromise, PickupPromise } from '../../src-main/domain/pickupPromise.ts';
import {
  addCalendarDay,
  calendarYear,
  promiseFor,
  reloadCalendarYear,
  removeCalendarDay,
} from '../../src-main/services/calendar.ts';
import { commandLine, type Caller, type ServiceContext } from '../../src-main/services/context.ts';
import { changeOffice } from '../../src-main/services/office.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { shippedCalendarDir } from '../support/calendars.ts';
import { makeFloor, rowCounts, type TestFloor } from '../support/floor.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

let floor: TestFloor;
let calendarDir: string;
let ctx: ServiceContext;
const supervisor: Caller = { stationId: null, actor: 'spv-sari' };

beforeEach(() => {
  floor = makeFloor();
  // A copy of the shipped calendars, so a test may put a newer decree in place.
  calendarDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-calendars-'));
  fs.cpSync(shippedCalendarDir, calendarDir, { recursive: true });
  ctx = { ...floor.ctx, calendarDir };
});

afterEach(() => {
  floor.close();
  fs.rmSync(calendarDir, { recursive: true, force: true });
});

const promise = (interviewDate: string, bookedByDate: Record<string, number> = {}): DatedPromise => {
  const result: PickupPromise = promiseFor(ctx, { interviewDate, applicationKind: 'baru', bookedByDate });
  if (result.kind !== 'date') throw new Error('expected a date');
  return result;
};

function refusal(work: () => unknown): { code: ErrorCode; en: string } {
  try {
    work();
  } catch (error) {
    if (isLoketError(error)) return { code: error.code, en: error.text.en };
    throw error;
  }
  throw new Error('expected a refusal');
}

const eventTypes = () =>
  floor.store.events.readAfter(0).map((e) => [e.type, e.actor, (e.payload as { date?: string }).date]);

describe('the floor’s calendar', () => {
  it('needs no set-up: the first promise loads the shipped years, and says so in the event log', () => {
    expect(promise('2026-03-16').date).toBe('2026-03-27');
    expect(floor.store.calendar.years().map((y) => [y.year, y.provisional])).toEqual([
      [2026, false],
      [2027, true],
    ]);
    expect(eventTypes()).toEqual([
      ['calendar.loaded', 'loket', undefined],
      ['calendar.loaded', 'loket', undefined],
    ]);
  });

  it('a cuti bersama the office adds moves every promise over it, and is listed with who added it and why', () => {
    expect(promise('2026-11-27').date).toBe('2026-12-03');
    const view = addCalendarDay(ctx, supervisor, {
      date: '2026-12-01',
      kind: 'cuti_bersama',
      name: { id: 'Cuti bersama tambahan', en: 'Additional collective leave' },
      reason: 'Keputusan Presiden baru',
    });
    const added = view.days.find((d) => d.date === '2026-12-01');
    expect(added).toMatchObject({
      origin: 'office',
      removed: null,
      added: { by: 'spv-sari', reason: 'Keputusan Presiden baru', at: '2026-11-30T09:15:00+08:00' },
    });
    const moved = promise('2026-11-27');
    expect(moved.date).toBe('2026-12-04');
    expect(moved.reasons.map((r) => r.text.en)).toEqual([
      'Tuesday, 1 December 2026: Additional collective leave (collective leave)',
    ]);
    expect(eventTypes().at(-1)).toEqual(['calendar.dayAdded', 'spv-sari', '2026-12-01']);
  });

  it('a removed day opens the office again, stays listed with who removed it and why, and can be added back', () => {
    expect(promise('2026-12-18').date).toBe('2026-12-28');
    const view = removeCalendarDay(ctx, supervisor, { date: '2026-12-24', reason: 'Kantor tetap melayani' });
    expect(view.days.find((d) => d.date === '2026-12-24')).toMatchObject({
      origin: 'shipped',
      removed: { by: 'spv-sari', reason: 'Kantor tetap melayani', at: '2026-11-30T09:15:00+08:00' },
    });
    expect(promise('2026-12-18').date).toBe('2026-12-24');
    addCalendarDay(ctx, supervisor, {
      date: '2026-12-24',
      kind: 'cuti_bersama',
      name: { id: 'Cuti bersama Natal', en: 'Collective leave for Christmas' },
    });
    expect(promise('2026-12-18').date).toBe('2026-12-28');
  });

  it('refuses a day already closed, a removal without reason or of an open day, and a bad kind, changing nothing', () => {
    calendarYear(ctx, 2026);
    const before = { counts: rowCounts(floor.store), days: calendarYear(ctx, 2026).days };
    expect(
      refusal(() =>
        addCalendarDay(ctx, supervisor, {
          date: '2026-03-19',
          kind: 'libur_nasional',
          name: { id: 'Nyepi', en: 'Nyepi' },
        }),
      ),
    ).toEqual({
      code: 'CONFLICT',
      en: '2026-03-19 is already a closed day: Nyepi, the Day of Silence (Saka New Year 1948).',
    });
    expect(refusal(() => removeCalendarDay(ctx, supervisor, { date: '2026-03-19', reason: '  ' })).code).toBe(
      'INVALID_INPUT',
    );
    expect(refusal(() => removeCalendarDay(ctx, supervisor, { date: '2026-12-01', reason: 'x' }))).toEqual({
      code: 'NOT_FOUND',
      en: '2026-12-01 is not a closed day in the calendar.',
    });
    const badKind = { date: '2026-12-01', kind: 'libur_daerah', name: { id: 'x', en: 'x' } };
    expect(refusal(() => addCalendarDay(ctx, supervisor, badKind as never)).en).toContain(
      'kind must be one of libur_nasional, cuti_bersama',
    );
    expect({ counts: rowCounts(floor.store), days: calendarYear(ctx, 2026).days }).toEqual(before);
  });

  it('reloading a year after a new decree takes the file’s days and keeps every edit the office made', () => {
    calendarYear(ctx, 2027);
    removeCalendarDay(ctx, supervisor, { date: '2027-03-08', reason: 'Kantor buka sebelum Nyepi' });
    addCalendarDay(ctx, supervisor, {
      date: '2027-04-01',
      kind: 'cuti_bersama',
      name: { id: 'Cuti bersama kantor', en: 'Office collective leave' },
    });
    // The decree: Idul Fitri's third cuti bersama on the 17th instead of the 16th, a name made final.
    const file = path.join(calendarDir, '2027.json');
    const decree = JSON.parse(fs.readFileSync(file, 'utf8'));
    decree.days = decree.days.map((d: { date: string; name: { id: string } }) =>
      d.date === '2027-03-16'
        ? { ...d, date: '2027-03-17' }
        : d.date === '2027-03-10'
          ? { ...d, name: { id: 'Hari Raya Idul Fitri 1448 H', en: 'Eid al-Fitr 1448 AH' } }
          : d,
    );
    decree.source = 'SKB 3 Menteri 2027';
    fs.writeFileSync(file, JSON.stringify(decree));

    const { calendar, reload } = reloadCalendarYear(ctx, commandLine, 2027);
    expect(reload).toEqual({
      year: 2027,
      added: 1,
      updated: 1,
      unchanged: 20,
      dropped: 1,
      keptEdits: ['2027-03-08'],
    });
    const open = calendar.days.filter((d) => !d.removed).map((d) => d.date);
    expect(open).toContain('2027-03-17');
    expect(open).toContain('2027-04-01');
    expect(open).not.toContain('2027-03-16');
    expect(open).not.toContain('2027-03-08');
    expect(calendar.days.find((d) => d.date === '2027-03-10')?.name.id).toBe('Hari Raya Idul Fitri 1448 H');
    expect(calendar.loaded).toMatchObject({ source: 'SKB 3 Menteri 2027', by: 'cli' });
  });

  it('a broken shipped file is shown, refused on reload, and promises say the year has no calendar', () => {
    fs.writeFileSync(
      path.join(calendarDir, '2026.json'),
      JSON.stringify({ year: 2026, source: 'x', days: [{ date: '2026-13-01', kind: 'libur_nasional' }] }),
    );
    const view = calendarYear(ctx, 2026);
    expect(view.loaded).toBeNull();
    expect(view.shipped.state).toBe('invalid');
    expect(view.shipped.problems).toContain('2026.json: days.0.date: not a calendar date');
    expect(promise('2026-11-27').caveats).toEqual([
      expect.objectContaining({ cause: 'calendar_missing', year: 2026 }),
    ]);
    expect(refusal(() => reloadCalendarYear(ctx, commandLine, 2026)).code).toBe('INVALID_CONFIG');
    expect(refusal(() => reloadCalendarYear(ctx, commandLine, 2031)).code).toBe('NOT_FOUND');
  });

  it('the office’s own closures are listed with the year and close the office too', () => {
    changeOffice(ctx, commandLine, [
      { path: 'closures', value: [{ date: '2026-12-02', reason: 'Hari jadi Kota Denpasar' }] },
    ]);
    expect(calendarYear(ctx, 2026).closures).toEqual([
      { date: '2026-12-02', reason: 'Hari jadi Kota Denpasar' },
    ]);
    expect(promise('2026-11-27').date).toBe('2026-12-04');
  });

  it('follows the office’s pickup rule and printer capacity, which an office stored before them gets by default', () => {
    floor.store.db
      .prepare('INSERT INTO office_config (id, config, updated_at) VALUES (1, ?, 0)')
      .run(JSON.stringify({ ...defaultOfficeConfig, pickup: undefined }));
    expect(floor.store.office.get().pickup).toEqual(defaultOfficeConfig.pickup);
    changeOffice(ctx, commandLine, [
      { path: 'pickup.workingDays.baru', value: 3 },
      { path: 'pickup.printerCapacityPerDay', value: 100 },
    ]);
    expect(promise('2026-11-27').date).toBe('2026-12-02');
    expect(promise('2026-11-27', { '2026-12-02': 100 }).date).toBe('2026-12-03');
    expect(
      promiseFor(ctx, { interviewDate: '2026-11-27', applicationKind: 'rusak', bookedByDate: {} }).kind,
    ).toBe('after_bap');
  });
});

describe('the calendar over the hub', () => {
  let t: TestHub;
  afterEach(async () => {
    await t?.close();
  });

  it('every station reads it, only a signed-in supervisor changes it, and a counter previews a promise', async () => {
    t = await startTestHub();
    const ctx = { store: t.hub.store, clock: t.clock };
    const supervisorToken = t.pair('supervisor', 'Supervisor');
    const kioskToken = t.pair('kiosk', 'Kiosk');
    const counterToken = t.pair('counter', 'Loket 1');
    addUser(ctx, commandLine, { username: 'spv', name: 'Ibu Sari', role: 'supervisor', secret: '135790' });
    const removal = { action: 'remove', date: '2026-12-24', reason: 'Kantor tetap melayani' };

    const read = await t.call('calendar', { year: 2026 }, kioskToken);
    expect(read.status).toBe(200);
    expect(read.body.days.find((d: { date: string }) => d.date === '2026-03-19').name.en).toMatch(/^Nyepi/);
    expect((await t.call('changeCalendar', removal, kioskToken)).status).toBe(403);
    expect((await t.call('changeCalendar', removal, supervisorToken)).body.error.code).toBe(
      'OFFICER_REQUIRED',
    );

    expect((await t.call('signIn', { username: 'spv', secret: '135790' }, supervisorToken)).status).toBe(200);
    const changed = await t.call('changeCalendar', removal, supervisorToken);
    expect(changed.status).toBe(200);
    expect(
      changed.body.calendar.days.find((d: { date: string }) => d.date === '2026-12-24').removed,
    ).toMatchObject({
      by: 'spv',
      reason: 'Kantor tetap melayani',
    });
    const bad = await t.call(
      'changeCalendar',
      { action: 'remove', date: '2026-12-24', reason: '' },
      supervisorToken,
    );
    expect(bad.body.error.code).toBe('INVALID_INPUT');

    const preview = await t.call('previewPickupPromise', { date: '2026-12-18', kind: 'baru' }, counterToken);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ kind: 'date', date: '2026-12-24', naturalDate: '2026-12-24' });
    const lost = await t.call(
      'previewPickupPromise',
      { date: '2026-12-18', kind: 'hilang' },
      supervisorToken,
    );
    expect(lost.body.kind).toBe('after_bap');
  });
});
