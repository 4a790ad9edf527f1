import type { Bilingual } from '../../../src-main/domain/errors.ts';
import { spokenDate } from '../../../src-main/domain/localTime.ts';

/** "Kamis, 3 Desember 2026" / "Thursday, 3 December 2026": the same words the receipt prints. */
export const spokenDateText = (date: string): Bilingual => ({
  id: spokenDate(date, 'id'),
  en: spokenDate(date, 'en'),
});
