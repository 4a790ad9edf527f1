import { createHmac, timingSafeEqual } from 'node:crypto';
import { LoketError } from '../../domain/errors.ts';
import type { ServiceContext } from '../context.ts';

/**
 * What the hub seals into a survey form's token: the visit's keyed hash (never its ticket), where
 * and when it finished, the station the form was opened at, and when the form expires. The key is
 * the hub's `surveyKey` (floor_secrets), which never leaves it.
 */
export interface SurveySeal {
  visitRef: string;
  stationId: string;
  stage: string;
  counter: number | null;
  service: 'paspor-baru' | 'penggantian' | 'pengambilan' | 'lainnya';
  officeDate: string;
  hour: number;
  expiresAt: number;
}

/** A form is good for this long after the scan: time to answer nine questions and a comment. */
export const surveyTokenMinutes = 20;

/**
 * The visit's reference in `survey_visits`: an HMAC-SHA256 of the ticket and the office day, so one
 * visit (a ticket's day, a pickup included: its number stands on the application's ticket) answers
 * once, and the table holds nothing a ticket can be found from without the hub's key.
 */
export function visitRefOf(ctx: ServiceContext, ticketId: string, officeDate: string): string {
  return createHmac('sha256', ctx.store.secrets.surveyKey())
    .update(`LOKET:SURVEY:VISIT:${ticketId}:${officeDate}`)
    .digest('hex');
}

const mac = (ctx: ServiceContext, body: string) =>
  createHmac('sha256', ctx.store.secrets.surveyKey()).update(`LOKET:SURVEY:TOKEN:${body}`).digest();

export function sealSurvey(ctx: ServiceContext, seal: SurveySeal): string {
  const body = Buffer.from(JSON.stringify(seal)).toString('base64url');
  return `${body}.${mac(ctx, body).toString('base64url')}`;
}

const invalidToken = (why: string) =>
  new LoketError(
    'INVALID_INPUT',
    {
      id: 'Formulir survei ini tidak sah atau sudah kedaluwarsa. Silakan pindai ulang tiket atau tanda terima Anda.',
      en: 'This survey form is not valid or has expired. Please scan your ticket or receipt again.',
    },
    { why },
  );

/** The seal of a token this hub made for this station, not yet expired; refused otherwise. */
export function openSurvey(ctx: ServiceContext, token: string, stationId: string | null): SurveySeal {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) throw invalidToken('not a token');
  const expected = mac(ctx, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidToken('seal');
  const seal = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SurveySeal;
  if (seal.stationId !== stationId) throw invalidToken('another station');
  if (ctx.clock.now() > seal.expiresAt) throw invalidToken('expired');
  return seal;
}
