import { createHmac, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  ingestBatchSchema,
  officeCodePattern,
  officeHeader,
  signatureHeader,
} from '../domain/centralWire.ts';
import type { Bilingual } from '../domain/errors.ts';
import { CentralError, type CentralStore } from './store.ts';

/**
 * `loket central`: the stateless ingest (and, with the national page, reporting) service. Run as
 * many as load needs behind any load balancer: every request is one transaction on the shared
 * PostgreSQL, and nothing is kept between requests but the offices' keys it looks up.
 *
 *   POST /ingest   a hub's signed batch (domain/centralWire.ts) → { cursor, hash, applied }
 *   GET  /healthz  { ok: true } once the database answers
 */
export interface CentralServerOptions {
  store: CentralStore;
  log?: (line: string) => void;
  /** Largest batch body, bytes (default 16 MB: 2000 events with room). */
  bodyLimit?: number;
  /** More routes on the same server (the national page). */
  extend?: (app: FastifyInstance) => void | Promise<void>;
}

export async function centralServer(options: CentralServerOptions): Promise<FastifyInstance> {
  const { store } = options;
  const log = options.log ?? (() => undefined);
  const app = Fastify({ bodyLimit: options.bodyLimit ?? 16_000_000 });
  // The body's bytes as sent: the signature covers them, not a re-serialisation.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );

  app.get('/healthz', async () => {
    await store.pool.query('SELECT 1');
    return { ok: true };
  });

  app.post('/ingest', async (request, reply) => {
    const office = String(request.headers[officeHeader] ?? '');
    const signature = String(request.headers[signatureHeader] ?? '');
    const body = typeof request.body === 'string' ? request.body : '';
    if (!officeCodePattern.test(office) || !/^[0-9a-f]{64}$/.test(signature))
      return refuse(reply, 401, 'UNAUTHORIZED', {
        id: 'Kiriman harus menyebut kantor dan tanda tangannya.',
        en: `A batch must name its office (${officeHeader}) and carry its signature (${signatureHeader}).`,
      });
    const secret = await store.secretOf(office);
    const expected = secret ? createHmac('sha256', secret).update(body, 'utf8').digest() : null;
    if (!expected || !timingSafeEqual(expected, Buffer.from(signature, 'hex')))
      return refuse(reply, 401, 'UNAUTHORIZED', {
        id: 'Kantor tidak dikenal atau tanda tangan salah.',
        en: 'Unknown office or wrong signature.',
      });
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return refuse(reply, 400, 'INVALID_JSON', { id: 'JSON tidak valid.', en: 'Malformed JSON.' });
    }
    const batch = ingestBatchSchema.safeParse(parsed);
    if (!batch.success)
      return refuse(reply, 422, 'INVALID_BATCH', {
        id: 'Kiriman tidak sesuai format.',
        en: `The batch does not have the wire format: ${batch.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join('; ')}`,
      });
    return store.ingest(office, batch.data);
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof CentralError) {
      reply
        .code(error.status)
        .send({ error: { code: error.code, message: error.bilingual, details: error.details } });
      return;
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      refuse(reply, status, status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INVALID_REQUEST', {
        id: 'Permintaan tidak valid.',
        en: error instanceof Error ? error.message : 'Bad request.',
      });
      return;
    }
    log(
      `${request.method} ${request.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    refuse(reply, 500, 'INTERNAL', {
      id: 'Terjadi kesalahan di layanan pusat.',
      en: 'Something went wrong in the central service.',
    });
  });
  await options.extend?.(app);
  return app;
}

function refuse(reply: FastifyReply, status: number, code: string, message: Bilingual): FastifyReply {
  return reply.code(status).send({ error: { code, message } });
}
