import { DateTime } from 'luxon';
import type { Appointment } from './appointment.ts';
import type { LocalDate } from './localTime.ts';
import type { MrzPayload } from './payload.ts';
import { passportMrz } from './passportMrz.ts';

/**
 * What the data page of one passport says, made from the booking and the booklet it is printed
 * on: the holder's names as printed and in the MRZ, the dates, and the two MRZ lines. The quality
 * check compares a scanned MRZ with these same lines.
 */

export interface PassportData {
  passportNumber: string;
  /** The last word of the name; a single name is the surname alone, as on Indonesian passports. */
  surname: string;
  givenNames: string;
  fullName: string;
  birthDate: LocalDate;
  sex: 'M' | 'F';
  issueDate: LocalDate;
  expiryDate: LocalDate;
  mrz: [string, string];
  nameTruncated: boolean;
}

export function holderNames(fullName: string): { surname: string; givenNames: string } {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return { surname: words[0] ?? '', givenNames: '' };
  return { surname: words.at(-1) as string, givenNames: words.slice(0, -1).join(' ') };
}

/** Valid for the booked years from the day of issue, to the day before the anniversary. */
export function expiryOf(issueDate: LocalDate, validityYears: number): LocalDate {
  return DateTime.fromISO(issueDate, { zone: 'UTC' })
    .plus({ years: validityYears })
    .minus({ days: 1 })
    .toISODate() as LocalDate;
}

export function passportData(
  booking: Pick<Appointment, 'fullName' | 'birthDate' | 'sex' | 'validityYears'>,
  passportNumber: string,
  issueDate: LocalDate,
): PassportData {
  const { surname, givenNames } = holderNames(booking.fullName);
  const sex = booking.sex === 'P' ? 'F' : 'M';
  const expiryDate = expiryOf(issueDate, booking.validityYears);
  const mrz = passportMrz({
    issuingState: 'IDN',
    nationality: 'IDN',
    primary: surname,
    secondary: givenNames,
    documentNumber: passportNumber,
    birthDate: booking.birthDate,
    sex,
    expiryDate,
  });
  return {
    passportNumber,
    surname,
    givenNames,
    fullName: booking.fullName,
    birthDate: booking.birthDate,
    sex,
    issueDate,
    expiryDate,
    mrz: mrz.lines,
    nameTruncated: mrz.nameTruncated,
  };
}

export interface MrzDifference {
  field: string;
  expected: string;
  scanned: string;
}

/** The quality check: a scanned MRZ against the one printed, field by field; empty when they match. */
export function compareMrz(
  expected: readonly [string, string],
  scanned: Pick<MrzPayload, 'lines'>,
): MrzDifference[] {
  const fields: [string, number, number, number][] = [
    ['documentCode', 0, 0, 2],
    ['issuingState', 0, 2, 5],
    ['name', 0, 5, 44],
    ['documentNumber', 1, 0, 10],
    ['nationality', 1, 10, 13],
    ['birthDate', 1, 13, 20],
    ['sex', 1, 20, 21],
    ['expirationDate', 1, 21, 28],
    ['personalNumber', 1, 28, 43],
    ['compositeCheckDigit', 1, 43, 44],
  ];
  return fields
    .map(([field, line, from, to]) => ({
      field,
      expected: expected[line]?.slice(from, to) ?? '',
      scanned: scanned.lines[line]?.slice(from, to) ?? '',
    }))
    .filter((d) => d.expected !== d.scanned);
}
