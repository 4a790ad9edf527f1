import type { Bilingual } from '../../src-main/domain/errors.ts';
import { writtenDate } from '../../src-main/domain/localTime.ts';

/**
 * Stored values as an officer reads them on screen: words, not codes ("Perempuan", not "P";
 * "Elektronik", not "elektronik"), and dates as a form prints them ("10 Maret 1954", not
 * 1954-03-10).
 */

export const dateWords = (date: string): Bilingual => ({
  id: writtenDate(date, 'id'),
  en: writtenDate(date, 'en'),
});

const sexes: Record<string, Bilingual> = {
  L: { id: 'Laki-laki', en: 'Male' },
  P: { id: 'Perempuan', en: 'Female' },
};

export const sexWords = (sex: string): Bilingual => sexes[sex] ?? { id: sex, en: sex };

const passportTypes: Record<string, Bilingual> = {
  elektronik: { id: 'Elektronik', en: 'Electronic' },
  biasa: { id: 'Biasa', en: 'Ordinary' },
};

export const passportTypeWords = (type: string): Bilingual => passportTypes[type] ?? { id: type, en: type };
