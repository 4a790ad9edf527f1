import { LoketError } from '../../domain/errors.ts';

/** Until a report lands (issue 21 is being built in parts): a plain refusal, never a made-up figure. */
export const notBuilt = (what: string): LoketError =>
  new LoketError('NOT_FOUND', {
    id: `Laporan ${what} belum tersedia.`,
    en: `The ${what} report is not available yet.`,
  });
