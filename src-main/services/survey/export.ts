import { LoketError } from '../../domain/errors.ts';
import type { InputOf, OutputOf } from '../../api/contract.ts';
import type { ServiceContext } from '../context.ts';

// PLACEHOLDER (issue 22): the survey's export (PDF and XLSX in the layout offices publish) is being built.
export function exportSurvey(
  _ctx: ServiceContext,
  _input: InputOf<'exportSurvey'>,
): Promise<OutputOf<'exportSurvey'>> {
  return Promise.reject(
    new LoketError('INVALID_INPUT', {
      id: 'exportSurvey belum tersedia',
      en: 'exportSurvey is not built yet',
    }),
  );
}
