import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { reportFile, reportMediaTypes } from '../../documents/reportFiles.ts';
import type { Bilingual } from '../../domain/errors.ts';
import { localDateOf } from '../../domain/localTime.ts';
import { CentralError, type CentralStore } from '../store.ts';
import { nationalPage, signInPage } from './page.ts';
import { nationalDocument, nationalView } from './report.ts';
import { sessionHours, sessionOf, signInCentral, signOutCentral, type CentralSession } from './users.ts';

/**
 * The national page on the central service (`centralServer({ extend: nationalRoutes(store) })`):
 *
 *   GET  /national                  the offices picked (`kantor`, repeated) over `dari`..`sampai`
 *   POST /national/masuk            sign in (username, password): a session cookie
 *   POST /national/keluar           sign out
 *   GET  /national/ekspor.csv|xlsx  the same report as a file
 *
 * Signed in only: the cookie is HttpOnly and SameSite=Strict (no other site can post with it).
 */
export const sessionCookie = 'loket_national';
const security = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function cookieOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === sessionCookie) return value.join('=');
  }
  return undefined;
}

function html(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).headers(security).type('text/html; charset=utf-8').send(body);
}

/** The offices and period a request asks for; the default is every office over this month so far. */
function queryOf(
  request: FastifyRequest,
  now: number,
): { offices: string[] | undefined; from: string; to: string } {
  const q = request.query as Record<string, string | string[] | undefined>;
  const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  const offices = list(q.kantor).filter((c) => c.length > 0);
  const today = localDateOf(now, 'Asia/Jakarta');
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return {
    offices: offices.length ? offices : undefined,
    from: one(q.dari) || `${today.slice(0, 8)}01`,
    to: one(q.sampai) || today,
  };
}

export function nationalRoutes(store: CentralStore, clock: () => number = Date.now) {
  return (app: FastifyInstance): void => {
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) =>
        done(null, Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : ''))),
    );

    const signedIn = async (request: FastifyRequest): Promise<CentralSession | null> =>
      sessionOf(store, cookieOf(request), clock());

    app.get('/national', async (request, reply) => {
      const session = await signedIn(request);
      if (!session) return html(reply, 200, signInPage(null));
      const now = clock();
      const asked = queryOf(request, now);
      const offices = await store.offices();
      let error: Bilingual | null = null;
      let view = null;
      try {
        view = await nationalView(store, asked, now);
      } catch (caught) {
        if (!(caught instanceof CentralError)) throw caught;
        error = caught.bilingual;
      }
      const page = nationalPage({
        user: session.name,
        offices,
        chosen: asked.offices ?? offices.map((o) => o.code),
        from: asked.from,
        to: asked.to,
        view,
        error,
        now,
      });
      return html(reply, error ? 400 : 200, page);
    });

    app.post('/national/masuk', async (request, reply) => {
      const form = (request.body ?? {}) as Record<string, unknown>;
      const username = typeof form.username === 'string' ? form.username.trim() : '';
      const password = typeof form.password === 'string' ? form.password : '';
      try {
        const token = await signInCentral(store, username, password, clock());
        return reply
          .code(303)
          .headers(security)
          .header(
            'set-cookie',
            `${sessionCookie}=${token}; Path=/national; HttpOnly; SameSite=Strict; Max-Age=${sessionHours * 3600}`,
          )
          .header('location', '/national')
          .send();
      } catch (caught) {
        if (!(caught instanceof CentralError)) throw caught;
        return html(reply, caught.status, signInPage(caught.bilingual));
      }
    });

    app.post('/national/keluar', async (request, reply) => {
      await signOutCentral(store, cookieOf(request));
      return reply
        .code(303)
        .headers(security)
        .header('set-cookie', `${sessionCookie}=; Path=/national; HttpOnly; SameSite=Strict; Max-Age=0`)
        .header('location', '/national')
        .send();
    });

    for (const format of ['csv', 'xlsx'] as const)
      app.get(`/national/ekspor.${format}`, async (request, reply) => {
        if (!(await signedIn(request)))
          return reply
            .code(401)
            .headers(security)
            .send({
              error: {
                code: 'UNAUTHORIZED',
                message: { id: 'Masuk terlebih dahulu.', en: 'Sign in first.' },
              },
            });
        const asked = queryOf(request, clock());
        const view = await nationalView(store, asked, clock());
        const file = await reportFile(nationalDocument(view), format);
        return reply
          .code(200)
          .headers(security)
          .type(reportMediaTypes[format])
          .header(
            'content-disposition',
            `attachment; filename="laporan-nasional-${asked.from}-${asked.to}.${format}"`,
          )
          .send(file);
      });
  };
}
