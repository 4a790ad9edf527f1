import type { CalendarYearView } from '../api/calendarViews.ts';
import { applicationKinds, type ApplicationKind } from '../domain/applicationKinds.ts';
import { calendarDayKinds, type CalendarDayKind } from '../domain/calendar.ts';
import { localDateOf, spokenDate, weekdayOf } from '../domain/localTime.ts';
import type { PickupPromise } from '../domain/pickupPromise.ts';
import {
  addCalendarDay,
  calendarYear,
  promiseFor,
  reloadCalendarYear,
  removeCalendarDay,
} from '../services/calendar.ts';
import { commandLine, type ServiceContext } from '../services/context.ts';

/** `loket calendar list|add|remove|reload|promise`: the holiday calendar from the hub's machine. */
export function calendar(
  ctx: ServiceContext,
  args: string[],
  options: {
    year?: string | undefined;
    kind?: string | undefined;
    nameId?: string | undefined;
    nameEn?: string | undefined;
    reason?: string | undefined;
  },
  write: (line: string) => void,
  usage: (message: string) => Error,
): number {
  const [action, subject] = args;
  if (action === 'list') {
    const thisYear = Number(localDateOf(ctx.clock.now(), ctx.store.office.get().timeZone).slice(0, 4));
    const year = options.year === undefined ? thisYear : Number(options.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      throw usage(`--year must be a year 2000–2100, not ${options.year}`);
    for (const line of describeYear(calendarYear(ctx, year))) write(line);
    return 0;
  }
  if (action === 'add') {
    if (!subject || !options.kind || !options.nameId || !options.nameEn)
      throw usage(
        'calendar add DATE --kind libur_nasional|cuti_bersama --name-id NAME --name-en NAME [--reason R]',
      );
    if (!(calendarDayKinds as readonly string[]).includes(options.kind))
      throw usage(`--kind must be one of ${calendarDayKinds.join(', ')}`);
    addCalendarDay(ctx, commandLine, {
      date: subject,
      kind: options.kind as CalendarDayKind,
      name: { id: options.nameId, en: options.nameEn },
      ...(options.reason ? { reason: options.reason } : {}),
    });
    write(`Added ${subject} (${options.kind}): ${options.nameId} / ${options.nameEn}.`);
    return 0;
  }
  if (action === 'remove') {
    if (!subject || !options.reason) throw usage('calendar remove DATE --reason REASON');
    removeCalendarDay(ctx, commandLine, { date: subject, reason: options.reason });
    write(`Removed ${subject}: the office works that day (${options.reason}).`);
    return 0;
  }
  if (action === 'reload') {
    const year = Number(subject);
    if (!subject || !Number.isInteger(year)) throw usage('calendar reload YEAR');
    const { reload } = reloadCalendarYear(ctx, commandLine, year);
    write(
      `Reloaded ${year}: ${reload.added} new, ${reload.updated} updated, ${reload.unchanged} unchanged, ` +
        `${reload.dropped} dropped.`,
    );
    if (reload.keptEdits.length) write(`Kept the office's edits on ${reload.keptEdits.join(', ')}.`);
    return 0;
  }
  if (action === 'promise') {
    if (!subject || !options.kind) throw usage(`calendar promise DATE --kind ${applicationKinds.join('|')}`);
    if (!(applicationKinds as readonly string[]).includes(options.kind))
      throw usage(`--kind must be one of ${applicationKinds.join(', ')}`);
    // The command line has no applications to count: the printer's load is left out here.
    const promise = promiseFor(ctx, {
      interviewDate: subject,
      applicationKind: options.kind as ApplicationKind,
      bookedByDate: {},
    });
    for (const line of describePromise(promise)) write(line);
    return 0;
  }
  throw usage('calendar list|add|remove|reload|promise');
}

/** A year as the IT person reads it: one line a day, removed days marked, the office's closures. */
export function describeYear(view: CalendarYearView): string[] {
  const lines: string[] = [];
  if (view.loaded) {
    lines.push(
      `Calendar ${view.year}${view.loaded.provisional ? ' (PROVISIONAL)' : ''}: ${view.loaded.source}`,
    );
    if (view.loaded.note) lines.push(`  ${view.loaded.note}`);
  } else {
    lines.push(`Calendar ${view.year}: no shipped calendar loaded (file ${view.shipped.state}).`);
  }
  for (const problem of view.shipped.problems) lines.push(`  problem: ${problem}`);
  for (const day of view.days) {
    const marks = [
      day.provisional ? 'provisional' : null,
      day.origin === 'office'
        ? `added by ${day.added.by}${day.added.reason ? `: ${day.added.reason}` : ''}`
        : null,
      day.removed
        ? `REMOVED ${day.removed.at.slice(0, 10)} by ${day.removed.by}: ${day.removed.reason}`
        : null,
    ].filter(Boolean);
    lines.push(
      `${day.date} ${weekdayOf(day.date)}  ${day.kind.padEnd(14)} ${day.name.id} / ${day.name.en}` +
        (marks.length ? `  [${marks.join('; ')}]` : ''),
    );
  }
  for (const closure of view.closures)
    lines.push(`${closure.date} ${weekdayOf(closure.date)}  ${'closure'.padEnd(14)} ${closure.reason}`);
  return lines;
}

export function describePromise(promise: PickupPromise): string[] {
  const head = `Interview ${spokenDate(promise.interviewDate, 'en')}, ${promise.applicationKind}:`;
  if (promise.kind === 'after_bap')
    return [`${head} no date yet.`, `  ${promise.message.id}`, `  ${promise.message.en}`];
  return [
    `${head} pickup ${spokenDate(promise.date, 'en')} (${promise.date}; ${promise.workingDays} working days).`,
    ...(promise.reasons.length ? ['Why this date:', ...promise.reasons.map((r) => `  ${r.text.en}`)] : []),
    ...promise.caveats.map((c) => `Note: ${c.text.en}`),
  ];
}
