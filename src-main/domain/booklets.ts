import { LoketError } from './errors.ts';
import { bookletSerialPattern } from './payload.ts';

/**
 * Blank passport booklets are accountable stock (DESIGN §5): received as serial ranges per
 * passport type, each serial printed at most once or spoiled with a reason, and a daily
 * reconciliation — opening + received − used − spoiled = closing — with the serials behind every
 * figure. Serials are one or two letters and 6–7 digits (`X1234567`); a range keeps its letters and
 * counts up its digits.
 */

export interface SerialRange {
  /** The letters every serial of the range shares. */
  prefix: string;
  first: number;
  last: number;
  /** Digits in each serial (leading zeros kept): 7 in `X0012345`. */
  digits: number;
}

const invalid = (id: string, en: string, details: Record<string, unknown> = {}) =>
  new LoketError('INVALID_INPUT', { id, en }, details);

function splitSerial(serial: string): { prefix: string; number: number; digits: number } {
  const text = serial.trim().toUpperCase();
  if (!bookletSerialPattern.test(text))
    throw invalid(`Nomor seri buku paspor tidak sah: ${serial}.`, `Not a booklet serial: ${serial}.`, {
      serial,
    });
  const [, prefix = '', digits = ''] = /^([A-Z]{1,2})(\d+)$/.exec(text) ?? [];
  return { prefix, number: Number(digits), digits: digits.length };
}

/** A range from its first and last serial: same letters, same length, first ≤ last, at most 10 000. */
export function serialRange(first: string, last: string): SerialRange {
  const a = splitSerial(first);
  const b = splitSerial(last);
  if (a.prefix !== b.prefix || a.digits !== b.digits)
    throw invalid(
      `Awal dan akhir rentang harus berawalan dan berpanjang sama (${first}–${last}).`,
      `The first and last serial of a range must share their letters and length (${first}–${last}).`,
    );
  if (a.number > b.number)
    throw invalid(`Rentang terbalik: ${first}–${last}.`, `The range runs backwards: ${first}–${last}.`);
  if (b.number - a.number >= 10_000)
    throw invalid(
      'Satu rentang paling banyak 10.000 buku; catat sebagai beberapa rentang.',
      'A range holds at most 10,000 booklets; record it as several ranges.',
    );
  return { prefix: a.prefix, first: a.number, last: b.number, digits: a.digits };
}

export const rangeSize = (range: SerialRange): number => range.last - range.first + 1;

export function serialAt(range: SerialRange, number: number): string {
  return `${range.prefix}${String(number).padStart(range.digits, '0')}`;
}

export function inRange(range: SerialRange, serial: string): boolean {
  const s = splitSerial(serial);
  return (
    s.prefix === range.prefix &&
    s.digits === range.digits &&
    s.number >= range.first &&
    s.number <= range.last
  );
}

export function rangesOverlap(a: SerialRange, b: SerialRange): boolean {
  return a.prefix === b.prefix && a.digits === b.digits && a.first <= b.last && b.first <= a.last;
}

export interface DayMovements {
  /** Serials in stock at the start of the day. */
  opening: readonly string[];
  received: readonly string[];
  used: readonly string[];
  spoiled: readonly string[];
}

export interface Reconciliation {
  opening: number;
  received: number;
  used: number;
  spoiled: number;
  closing: number;
  /** The serials in stock at the end of the day, sorted. */
  closingSerials: string[];
  /** Serials used or spoiled that were not in stock that day: each one needs explaining. */
  unaccounted: string[];
}

/**
 * The day's reconciliation: closing = opening + received − used − spoiled, with the closing
 * serials themselves, so every figure is backed by the serials behind it.
 */
export function reconcile(day: DayMovements): Reconciliation {
  const stock = new Set([...day.opening, ...day.received]);
  const unaccounted = [...day.used, ...day.spoiled].filter((serial) => !stock.has(serial));
  for (const serial of [...day.used, ...day.spoiled]) stock.delete(serial);
  const closing = day.opening.length + day.received.length - day.used.length - day.spoiled.length;
  return {
    opening: day.opening.length,
    received: day.received.length,
    used: day.used.length,
    spoiled: day.spoiled.length,
    closing,
    closingSerials: [...stock].sort(),
    unaccounted,
  };
}
