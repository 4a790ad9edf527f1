import { LoketError } from '../../domain/errors.ts';
import type { InputOf, OutputOf } from '../../api/contract.ts';
import type { Caller, ServiceContext } from '../context.ts';

// PLACEHOLDER (issue 22): the survey's services are being built; every one refuses until then.
function notBuilt(what: string, code: 'INVALID_INPUT' | 'INVALID_SCAN' = 'INVALID_INPUT'): never {
  throw new LoketError(code, { id: `${what} belum tersedia`, en: `${what} is not built yet` });
}

export function startSurvey(
  _ctx: ServiceContext,
  _caller: Caller,
  _input: InputOf<'startSurvey'>,
): OutputOf<'startSurvey'> {
  return notBuilt('startSurvey', 'INVALID_SCAN');
}
export function submitSurvey(
  _ctx: ServiceContext,
  _caller: Caller,
  _input: InputOf<'submitSurvey'>,
): OutputOf<'submitSurvey'> {
  return notBuilt('submitSurvey');
}
export function surveyReport(
  _ctx: ServiceContext,
  _input: InputOf<'surveyReport'>,
): OutputOf<'surveyReport'> {
  return notBuilt('surveyReport');
}
export function mySurveyFigures(
  _ctx: ServiceContext,
  _caller: Caller,
  _input: InputOf<'mySurveyFigures'>,
): OutputOf<'mySurveyFigures'> {
  return notBuilt('mySurveyFigures');
}
export function answerSurveyComplaint(
  _ctx: ServiceContext,
  _caller: Caller,
  _input: InputOf<'answerSurveyComplaint'>,
): OutputOf<'answerSurveyComplaint'> {
  return notBuilt('answerSurveyComplaint');
}
