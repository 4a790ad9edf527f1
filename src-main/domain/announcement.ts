import { LoketError } from './errors.ts';

/** The counters a call can name: one recorded clip each (`number-1` … `number-30`). */
export const maxAnnouncedCounter = 30;

/** `A2-014`, or a pickup number `P-001` (no window: pickup numbers run through the day). */
const ticketPattern = /^([A-Z])([1-9][0-9]{0,2})?-([0-9]{3,5})$/;

const digitClips = (digits: string): string[] => [...digits].map((d) => `digit-${d}`);

/**
 * The clips the board plays, in order, to call a ticket to a counter (resources/audio/id/<clip>.wav):
 *
 *   chime, "Nomor antrian", the lane letter, the window, the sequence, "silakan menuju loket", the counter.
 *
 * - The letter by its Indonesian name (`S` → "es").
 * - The window as a number, as it would be said: 1–9 by the digit clip, which is the same word
 *   ("dua"), 10–30 by the number clip ("dua belas"); a window past 30 (only with very short
 *   windows) digit by digit.
 * - The sequence digit by digit, leading zeros included, as printed on the ticket.
 * - The counter as a number (1–30).
 *
 * So `A2-014` to counter 3 is "Nomor antrian A dua, nol satu empat, silakan menuju loket tiga",
 * `B2-014` to 12 is "… be dua, nol satu empat, … loket dua belas", `S12-105` to 1 is
 * "… es dua belas, satu nol lima, … loket satu", and the pickup number `P-001` to 7 is
 * "… pe, nol nol satu, … loket tujuh".
 */
export function announcementClips(ticketNumber: string, counter: number): string[] {
  const match = ticketPattern.exec(ticketNumber);
  if (!match) {
    throw new LoketError('INVALID_INPUT', {
      id: `"${String(ticketNumber).slice(0, 20)}" bukan nomor antrean (contoh: A2-014).`,
      en: `"${String(ticketNumber).slice(0, 20)}" is not a queue number (e.g. A2-014).`,
    });
  }
  if (!Number.isInteger(counter) || counter < 1 || counter > maxAnnouncedCounter) {
    throw new LoketError('INVALID_INPUT', {
      id: `Loket ${counter} tidak dapat diumumkan: hanya loket 1–${maxAnnouncedCounter}.`,
      en: `Counter ${counter} cannot be announced: only counters 1–${maxAnnouncedCounter}.`,
    });
  }
  const [letter, window, sequence] = [match[1] as string, match[2] ?? '', match[3] as string];
  const windowNumber = Number(window);
  const windowClips =
    windowNumber >= 10 && windowNumber <= maxAnnouncedCounter
      ? [`number-${windowNumber}`]
      : digitClips(window);
  return [
    'chime',
    'nomor-antrian',
    `letter-${letter.toLowerCase()}`,
    ...windowClips,
    ...digitClips(sequence),
    'silakan-menuju-loket',
    `number-${counter}`,
  ];
}

/** Every clip a call can name, for checking that the shipped set is complete. */
export function allAnnouncementClips(): string[] {
  const letters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((l) => `letter-${l.toLowerCase()}`);
  const digits = [...'0123456789'].map((d) => `digit-${d}`);
  const numbers = Array.from({ length: maxAnnouncedCounter }, (_, i) => `number-${i + 1}`);
  return ['chime', 'nomor-antrian', ...letters, ...digits, 'silakan-menuju-loket', ...numbers];
}
