import type http from 'node:http';
import net from 'node:net';

/**
 * Lets a `node:http` server take the SBI's custom verbs. Node's HTTP parser knows a fixed list of
 * methods and answers 400 to MOSIPDISC or RCAPTURE before any handler runs, so a plain TCP server
 * in front reads each connection's request line, renames a known custom verb to POST with the
 * original in the `x-sbi-verb` header, puts the bytes back and hands the socket to the HTTP
 * server. Handlers must close every connection after one answer (the spec's `Connection:
 * Closed`), so each connection carries exactly one request line to rewrite.
 */
export const verbHeader = 'x-sbi-verb';

const maxRequestLine = 8192;

export interface VerbFrontOptions {
  verbs: readonly string[];
  /** When true, custom verbs pass unchanged and Node refuses them: a service that takes POST only. */
  refuseCustomVerbs: () => boolean;
  /** Called for every connection; false drops it at once (a device that is unplugged). */
  admit: (socket: net.Socket) => boolean;
}

export function customVerbFront(server: http.Server, options: VerbFrontOptions): net.Server {
  return net.createServer((socket) => {
    if (!options.admit(socket)) {
      socket.destroy();
      return;
    }
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n');
      if (end < 0 && head.length < maxRequestLine) return;
      socket.off('data', onData);
      socket.pause();
      socket.unshift(rewrite(head, end, options));
      server.emit('connection', socket);
      socket.resume();
    };
    socket.on('data', onData);
    socket.on('error', () => socket.destroy());
  });
}

function rewrite(head: Buffer, end: number, options: VerbFrontOptions): Buffer {
  if (end < 0 || options.refuseCustomVerbs()) return head;
  const line = head.toString('latin1', 0, end);
  const space = line.indexOf(' ');
  const verb = line.slice(0, space);
  if (space < 0 || !options.verbs.includes(verb)) return head;
  return Buffer.concat([
    Buffer.from(`POST${line.slice(space)}\r\n${verbHeader}: ${verb}`, 'latin1'),
    head.subarray(end),
  ]);
}
