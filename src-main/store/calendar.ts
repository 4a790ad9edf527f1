import type { Db } from './db.ts';
import type { CalendarDay, CalendarDayKind } from '../domain/calendar.ts';
import type { Bilingual } from '../domain/errors.ts';
import type { LocalDate } from '../domain/localTime.ts';

/** A year loaded from its shipped file. */
export interface CalendarYear {
  year: number;
  source: string;
  provisional: boolean;
  note: string | null;
  loadedAt: number;
  loadedBy: string;
}

/** A closed day as the office keeps it: from the shipped file or added by the office, maybe removed. */
export interface StoredCalendarDay {
  date: LocalDate;
  kind: CalendarDayKind;
  name: Bilingual;
  provisional: boolean;
  note: string | null;
  origin: 'shipped' | 'office';
  addedAt: number;
  addedBy: string;
  addedReason: string | null;
  removed: { at: number; by: string; reason: string } | null;
}

interface DayRow {
  date: string;
  kind: CalendarDayKind;
  name_id: string;
  name_en: string;
  provisional: number;
  note: string | null;
  origin: 'shipped' | 'office';
  added_at: number;
  added_by: string;
  added_reason: string | null;
  removed_at: number | null;
  removed_by: string | null;
  removed_reason: string | null;
}

interface YearRow {
  year: number;
  source: string;
  provisional: number;
  note: string | null;
  loaded_at: number;
  loaded_by: string;
}

const dayOf = (row: DayRow): StoredCalendarDay => ({
  date: row.date,
  kind: row.kind,
  name: { id: row.name_id, en: row.name_en },
  provisional: row.provisional === 1,
  note: row.note,
  origin: row.origin,
  addedAt: row.added_at,
  addedBy: row.added_by,
  addedReason: row.added_reason,
  removed:
    row.removed_at === null
      ? null
      : { at: row.removed_at, by: row.removed_by ?? '', reason: row.removed_reason ?? '' },
});

const yearOf = (row: YearRow): CalendarYear => ({
  year: row.year,
  source: row.source,
  provisional: row.provisional === 1,
  note: row.note,
  loadedAt: row.loaded_at,
  loadedBy: row.loaded_by,
});

/** The holiday calendar: the years loaded from shipped files and every closed day, kept or removed. */
export class CalendarRepository {
  private readonly selectYear;
  private readonly selectYears;
  private readonly upsertYear;
  private readonly selectDay;
  private readonly selectDaysOfYear;
  private readonly selectOpenDaysBetween;
  private readonly upsertDay;
  private readonly removeDay;
  private readonly deleteDay;

  constructor(db: Db) {
    this.selectYear = db.prepare('SELECT * FROM calendar_years WHERE year = ?');
    this.selectYears = db.prepare('SELECT * FROM calendar_years ORDER BY year');
    this.upsertYear = db.prepare(
      `INSERT INTO calendar_years (year, source, provisional, note, loaded_at, loaded_by)
       VALUES (@year, @source, @provisional, @note, @loadedAt, @loadedBy)
       ON CONFLICT (year) DO UPDATE SET source = excluded.source, provisional = excluded.provisional,
         note = excluded.note, loaded_at = excluded.loaded_at, loaded_by = excluded.loaded_by`,
    );
    this.selectDay = db.prepare('SELECT * FROM calendar_days WHERE date = ?');
    this.selectDaysOfYear = db.prepare('SELECT * FROM calendar_days WHERE year = ? ORDER BY date');
    this.selectOpenDaysBetween = db.prepare(
      'SELECT * FROM calendar_days WHERE date BETWEEN ? AND ? AND removed_at IS NULL ORDER BY date',
    );
    // A day added on a date whose earlier row was removed takes that row's place.
    this.upsertDay = db.prepare(
      `INSERT INTO calendar_days (date, year, kind, name_id, name_en, provisional, note, origin,
         added_at, added_by, added_reason)
       VALUES (@date, @year, @kind, @nameId, @nameEn, @provisional, @note, @origin, @addedAt, @addedBy, @addedReason)
       ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name_id = excluded.name_id,
         name_en = excluded.name_en, provisional = excluded.provisional, note = excluded.note,
         origin = excluded.origin, added_at = excluded.added_at, added_by = excluded.added_by,
         added_reason = excluded.added_reason, removed_at = NULL, removed_by = NULL, removed_reason = NULL`,
    );
    this.removeDay = db.prepare(
      `UPDATE calendar_days SET removed_at = ?, removed_by = ?, removed_reason = ?
       WHERE date = ? AND removed_at IS NULL`,
    );
    this.deleteDay = db.prepare('DELETE FROM calendar_days WHERE date = ?');
  }

  year(year: number): CalendarYear | null {
    const row = this.selectYear.get(year) as YearRow | undefined;
    return row ? yearOf(row) : null;
  }

  years(): CalendarYear[] {
    return (this.selectYears.all() as YearRow[]).map(yearOf);
  }

  saveYear(year: CalendarYear): void {
    this.upsertYear.run({ ...year, provisional: year.provisional ? 1 : 0 });
  }

  day(date: LocalDate): StoredCalendarDay | null {
    const row = this.selectDay.get(date) as DayRow | undefined;
    return row ? dayOf(row) : null;
  }

  /** Every day of a year, removed ones too, by date. */
  daysOf(year: number): StoredCalendarDay[] {
    return (this.selectDaysOfYear.all(year) as DayRow[]).map(dayOf);
  }

  /** The days that close the office between two dates (inclusive), as the pickup promise reads them. */
  closedDaysBetween(from: LocalDate, to: LocalDate): CalendarDay[] {
    return (this.selectOpenDaysBetween.all(from, to) as DayRow[]).map((row) => ({
      date: row.date,
      kind: row.kind,
      name: { id: row.name_id, en: row.name_en },
      ...(row.provisional === 1 ? { provisional: true } : {}),
      ...(row.note === null ? {} : { note: row.note }),
    }));
  }

  /** Writes a day (a new one, a newer shipped version, or one added where a removed one was). */
  put(day: Omit<StoredCalendarDay, 'removed'>): void {
    this.upsertDay.run({
      date: day.date,
      year: Number(day.date.slice(0, 4)),
      kind: day.kind,
      nameId: day.name.id,
      nameEn: day.name.en,
      provisional: day.provisional ? 1 : 0,
      note: day.note,
      origin: day.origin,
      addedAt: day.addedAt,
      addedBy: day.addedBy,
      addedReason: day.addedReason,
    });
  }

  /** Marks a kept day removed; false when there was none. */
  remove(date: LocalDate, at: number, by: string, reason: string): boolean {
    return this.removeDay.run(at, by, reason, date).changes === 1;
  }

  /** Forgets a shipped day that its file no longer has. */
  forget(date: LocalDate): void {
    this.deleteDay.run(date);
  }
}
