import { isWorkingDay, type WorkingWeek } from './calendar.ts';
import type { Bilingual } from './errors.ts';
import { minutesOf, plusDays, spokenDate, type LocalDate } from './localTime.ts';

/**
 * When a citizen may collect a ready passport: from the promised date, in the office's pickup
 * hours, on a working day. Before then the kiosk says when to come and gives no pickup number, so
 * nobody is told "siap diambil" on a day the desk will not hand it over.
 */
export type PickupTiming =
  { kind: 'now' } | { kind: 'later'; date: LocalDate; open: string; close: string; today: boolean };

/** Far enough that only a configuration with no working day at all reaches it. */
const searchDays = 366;

function firstWorkingDayFrom(date: LocalDate, week: WorkingWeek): LocalDate {
  for (let i = 0, day = date; i < searchDays; i += 1, day = plusDays(day, 1))
    if (isWorkingDay(day, week)) return day;
  return date;
}

export function pickupTiming(args: {
  pickupDate: LocalDate;
  today: LocalDate;
  minuteOfDay: number;
  hours: { open: string; close: string };
  week: WorkingWeek;
}): PickupTiming {
  const { pickupDate, today, minuteOfDay, hours, week } = args;
  const later = (date: LocalDate): PickupTiming => ({
    kind: 'later',
    date,
    open: hours.open,
    close: hours.close,
    today: date === today,
  });
  if (today < pickupDate) return later(firstWorkingDayFrom(pickupDate, week));
  if (!isWorkingDay(today, week)) return later(firstWorkingDayFrom(plusDays(today, 1), week));
  if (minuteOfDay < minutesOf(hours.open)) return later(today);
  if (minuteOfDay >= minutesOf(hours.close)) return later(firstWorkingDayFrom(plusDays(today, 1), week));
  return { kind: 'now' };
}

/** "13:00" as an Indonesian office prints it: "13.00". */
const indonesianTime = (time: string): string => time.replace(':', '.');

/** What the kiosk says instead of "siap diambil" when the passport cannot be collected yet. */
export function whenToCome(timing: Extract<PickupTiming, { kind: 'later' }>): Bilingual {
  const hoursId = `pukul ${indonesianTime(timing.open)}–${indonesianTime(timing.close)}`;
  const hoursEn = `${timing.open}–${timing.close}`;
  if (timing.today)
    return {
      id: `Paspor Anda dapat diambil hari ini ${hoursId}. Silakan kembali pada jam tersebut.`,
      en: `Your passport can be collected today, ${hoursEn}. Please come back then.`,
    };
  return {
    id: `Paspor Anda dapat diambil mulai ${spokenDate(timing.date, 'id')}, ${hoursId}.`,
    en: `Your passport can be collected from ${spokenDate(timing.date, 'en')}, ${hoursEn}.`,
  };
}
