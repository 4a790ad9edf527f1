import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { StationRuntime } from './runtime.ts';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * A headless station's door for its own screen on the same PC (`loket station run`): the same
 * `POST /api/<operation>` as the hub, on 127.0.0.1 only, with the station's own token, answered
 * by the station runtime, so check-ins keep working while the hub is out of reach. `GET /status`
 * says whether the hub is reachable and how many commands wait for it.
 */
export async function serveLocalApi(
  runtime: StationRuntime,
  token: string,
  port: number,
): Promise<{ url: string; app: FastifyInstance }> {
  const app = Fastify({ bodyLimit: 1024 * 1024, logger: false, forceCloseConnections: true });
  const expected = digest(token);
  app.addHook('onRequest', async (request, reply) => {
    const match = /^Bearer (.{1,200})$/.exec(request.headers.authorization ?? '');
    if (!match || !timingSafeEqual(digest(match[1] as string), expected)) {
      await reply.code(401).send({
        error: {
          code: 'UNAUTHORIZED',
          message: { id: 'Token stasiun salah.', en: 'Wrong station token.' },
        },
      });
    }
  });
  app.get('/status', async () => runtime.status());
  app.post<{ Params: { operation: string } }>('/api/:operation', async (request, reply) => {
    const result = await runtime.call(request.params.operation, request.body ?? {});
    if (result.ok) return reply.send(result.value);
    const { code, message, details } = result.error;
    return reply
      .code(result.error.status || 503)
      .send({ error: { code, message, ...(details ? { details } : {}) } });
  });
  await app.listen({ port, host: '127.0.0.1' });
  const address = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${address.port}`, app };
}
