import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { LoketError } from '../domain/errors.ts';
import { isChannelFile } from '../domain/updates.ts';
import type { ServiceContext } from '../services/context.ts';
import { channelFileFor, releaseFileFor, stagingIdOf } from '../services/updates.ts';
import { authenticateRequest } from './auth.ts';

/**
 * The update channel electron-updater's generic provider reads (docs/updates.md):
 * `GET|HEAD /updates/<channel>/latest-linux.yml` (or `latest.yml`), answered per station — only
 * with a station's token, the version its stage allows (`services/updates.ts` `channelFileFor`) —
 * and `GET|HEAD /updates/<channel>/<file>`, the installers and blockmaps a published release
 * lists, with single and multiple byte ranges (RFC 9110 §14, `multipart/byteranges`) for
 * differential downloads.
 */
export function serveUpdates(app: FastifyInstance, ctx: ServiceContext, dataDir: string): void {
  app.get<{ Params: { channel: string; file: string } }>(
    '/updates/:channel/:file',
    async (request, reply) => {
      // The token first: nothing about the channel's releases to a caller that is not a station.
      const station = authenticateRequest(ctx, request.headers);
      if (!station)
        throw new LoketError(
          'UNAUTHORIZED',
          { id: 'Stasiun belum terdaftar atau token salah.', en: 'Unknown station or wrong token.' },
          { station: 'not_registered' },
        );
      const { channel, file } = request.params;
      if (isChannelFile(file)) {
        const stagingId = stagingIdOf(request.headers['x-user-staging-id']);
        const { text } = channelFileFor(ctx, dataDir, station, channel, file, stagingId);
        return reply
          .type('text/yaml; charset=utf-8')
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          .header('content-length', String(Buffer.byteLength(text)))
          .send(text);
      }
      const found = releaseFileFor(ctx, dataDir, channel, file);
      reply
        .header('accept-ranges', 'bytes')
        .header('cache-control', 'private, max-age=0')
        .header('x-content-type-options', 'nosniff');
      const type = found.kind === 'blockmap' ? 'application/gzip' : 'application/octet-stream';
      const asked = rangesOf(request.headers.range, found.size);
      if (asked === 'unsatisfiable') {
        return reply
          .code(416)
          .header('content-range', `bytes */${found.size}`)
          .type('application/json; charset=utf-8')
          .send({
            error: {
              code: 'INVALID_INPUT',
              message: { id: 'Rentang bita di luar berkas.', en: 'The byte range is outside the file.' },
            },
          });
      }
      const head = request.method === 'HEAD';
      if (asked === null) {
        reply.type(type).header('content-length', String(found.size));
        return reply.send(head ? nothing() : fs.createReadStream(found.file));
      }
      if (asked.length === 1) {
        const [range] = asked as [ByteRange];
        reply
          .code(206)
          .type(type)
          .header('content-range', `bytes ${range.start}-${range.end}/${found.size}`)
          .header('content-length', String(range.end - range.start + 1));
        return reply.send(
          head ? nothing() : fs.createReadStream(found.file, { start: range.start, end: range.end }),
        );
      }
      return sendMultipart(reply, found.file, found.size, asked, type, head);
    },
  );
}

/** A HEAD's body: an empty stream, so Fastify keeps the Content-Length a GET would have. */
const nothing = () => Readable.from([]);

interface ByteRange {
  start: number;
  end: number;
}

/** More ranges than this in one request is a caller to answer with the whole file. */
const maxRanges = 1000;

/**
 * The ranges of a `Range: bytes=…` header (RFC 9110 §14.1.2) that fall in the file: null when there
 * is no usable header (the whole file is sent), `unsatisfiable` when none overlaps the file (416).
 */
export function rangesOf(header: string | undefined, size: number): ByteRange[] | null | 'unsatisfiable' {
  if (header === undefined) return null;
  const match = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!match) return null;
  const specs = (match[1] as string).split(',').map((spec) => spec.trim());
  if (specs.length > maxRanges) return null;
  const ranges: ByteRange[] = [];
  for (const spec of specs) {
    if (spec === '') continue;
    const parts = /^(\d*)-(\d*)$/.exec(spec);
    if (!parts || (parts[1] === '' && parts[2] === '')) return null;
    if (parts[1] === '') {
      // The last N bytes.
      const suffix = Number(parts[2]);
      if (suffix === 0) continue;
      ranges.push({ start: Math.max(0, size - suffix), end: size - 1 });
      continue;
    }
    const start = Number(parts[1]);
    const end = parts[2] === '' ? size - 1 : Number(parts[2]);
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return null;
    if (start >= size) continue;
    ranges.push({ start, end: Math.min(end, size - 1) });
  }
  if (ranges.length === 0 || size === 0) return 'unsatisfiable';
  // Ranges asking for the file many times over (RFC 9110 §14.2 lets a server ignore them): the
  // whole file once; a differential download then falls back to a full one.
  const asked = ranges.reduce((total, range) => total + range.end - range.start + 1, 0);
  if (ranges.length > 1 && asked > 2 * size) return null;
  return ranges;
}

/** `206 multipart/byteranges`: each range with its own Content-Type and Content-Range (RFC 9110 §14.6). */
function sendMultipart(
  reply: FastifyReply,
  file: string,
  size: number,
  ranges: ByteRange[],
  type: string,
  head: boolean,
): FastifyReply {
  const boundary = `loket-${randomBytes(12).toString('hex')}`;
  const partHead = (range: ByteRange, first: boolean) =>
    `${first ? '' : '\r\n'}--${boundary}\r\nContent-Type: ${type}\r\nContent-Range: bytes ${range.start}-${range.end}/${size}\r\n\r\n`;
  const closing = `\r\n--${boundary}--\r\n`;
  const length =
    ranges.reduce(
      (total, range, index) =>
        total + Buffer.byteLength(partHead(range, index === 0)) + range.end - range.start + 1,
      0,
    ) + Buffer.byteLength(closing);
  reply
    .code(206)
    .header('content-type', `multipart/byteranges; boundary=${boundary}`)
    .header('content-length', String(length));
  if (head) return reply.send(nothing());
  async function* parts() {
    for (const [index, range] of ranges.entries()) {
      yield Buffer.from(partHead(range, index === 0));
      for await (const chunk of fs.createReadStream(file, { start: range.start, end: range.end }))
        yield chunk as Buffer;
    }
    yield Buffer.from(closing);
  }
  return reply.send(Readable.from(parts()));
}
