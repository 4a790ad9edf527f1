/**
 * The kinds of day the holiday calendar closes the office on: a national holiday (hari libur
 * nasional) or a collective leave day (cuti bersama). Its own file so screens can list them
 * without the calendar's schema.
 */
export const calendarDayKinds = ['libur_nasional', 'cuti_bersama'] as const;
export type CalendarDayKind = (typeof calendarDayKinds)[number];
