import type { FastifyInstance } from 'fastify';
import { LoketError } from '../domain/errors.ts';
import type { OperationName } from '../api/contract.ts';

/**
 * What the hub reads of a request body. A body is read whole and parsed on the one thread every
 * kiosk and counter shares, so each route reads only what its callers need: the routes anyone may
 * call without a token (`/pair`, `/auth/session`) a few KB, the operations that carry files (an
 * appointment import, photos, fingerprint records) up to `fileBodyLimit`, every other operation
 * `operationBodyLimit`. Larger bodies get 413 (from the Content-Length, before they are read).
 */
export const tokenlessBodyLimit = 4 * 1024;
export const operationBodyLimit = 64 * 1024;
export const fileBodyLimit = 5 * 1024 * 1024;

/** The operations whose input carries files: CSV/JSON text or base64 images and records. */
export const fileOperations: readonly OperationName[] = [
  'importAppointments',
  'saveFacePhoto',
  'recordFingerException',
  'recordFingerprintCapture',
];

/** The deepest nesting of arrays and objects a body may have: the contract's inputs need far less. */
export const maxJsonDepth = 32;

/**
 * Whether `text` nests arrays and objects deeper than `max`: one pass over its characters, before
 * `JSON.parse` builds anything, so a hostile body costs no more than reading it.
 */
export function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return false;
}

/**
 * Replaces the JSON body parser of every route with one that refuses a body nested deeper than
 * `maxJsonDepth` (400 INVALID_JSON) before parsing it, then parses as Fastify does (prototype
 * poisoning refused). The route's own body limit still applies.
 */
export function boundJsonBodies(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (nestedDeeperThan(body as string, maxJsonDepth)) {
      done(
        new LoketError(
          'INVALID_JSON',
          {
            id: `JSON terlalu dalam bersarang (paling banyak ${maxJsonDepth} tingkat).`,
            en: `The JSON is nested too deeply (at most ${maxJsonDepth} levels).`,
          },
          { maxDepth: maxJsonDepth },
        ),
        undefined,
      );
      return;
    }
    parse(request, body as string, done);
  });
}
