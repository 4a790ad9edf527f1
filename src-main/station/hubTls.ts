import tls, { type TLSSocket } from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';
import { normaliseFingerprint } from '../services/pairingProof.ts';
import { LoketError, type Bilingual } from '../domain/errors.ts';

/**
 * A station's trust in its hub: the SHA-256 fingerprint of the certificate it saw when it paired
 * (`AB:CD:…`, as `loket hub` and the supervisor screen show it). Hubs are reached by IP on a LAN
 * and their certificates are self-signed, so no name or CA check could mean anything here: the
 * pin replaces both. A connection whose certificate is not the pinned one is closed before a byte
 * of the request (and so the station's token) is written.
 */
export interface HubPin {
  fingerprint: string;
}

export const certificateChanged: Bilingual = {
  id: 'Sertifikat hub berubah; stasiun ini tidak mengirim apa pun ke sana. Minta petugas TI memasangkan stasiun ini lagi.',
  en: "The hub's certificate changed; this station sends it nothing. Ask the IT person to pair this station again.",
};

/** Thrown (as the cause of a failed fetch, or to a follower) when the hub shows another certificate. */
export class CertificateChanged extends LoketError {
  constructor(readonly seen: string) {
    super('CERTIFICATE_CHANGED', certificateChanged, { seen });
  }
}

export const isCertificateChanged = (error: unknown): boolean =>
  error instanceof CertificateChanged ||
  (error instanceof Error && error.cause !== undefined && isCertificateChanged(error.cause));

function endpoint(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80)),
  };
}

/**
 * A TLS connection to `host:port`, handed on only once the hub's certificate proved to be the
 * pinned one (`expected`), or, with no pin (pairing), whatever certificate it shows.
 */
function connectTls(
  host: string,
  port: number,
  expected: string | null,
  timeoutMs = 10_000,
): Promise<{ socket: TLSSocket; fingerprint: string }> {
  return new Promise((resolve, reject) => {
    // No CA and no name check: the fingerprint below is the check (see HubPin).
    const socket = tls.connect({ host, port, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no TLS answer from ${host}:${port}`)));
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      socket.setTimeout(0);
      socket.off('error', reject);
      const fingerprint = socket.getPeerCertificate().fingerprint256 ?? '';
      if (expected !== null && fingerprint !== expected) {
        socket.destroy();
        reject(new CertificateChanged(fingerprint));
        return;
      }
      resolve({ socket, fingerprint });
    });
  });
}

/** The fingerprint of the certificate a hub shows, trusted for nothing yet (pairing binds to it). */
export async function peekFingerprint(url: string): Promise<string> {
  const { host, port } = endpoint(url);
  const { socket, fingerprint } = await connectTls(host, port, null);
  socket.end();
  return fingerprint;
}

/** An open TLS connection to the pinned hub (for the event stream's WebSocket). */
export async function connectPinned(url: string, pin: HubPin): Promise<TLSSocket> {
  const { host, port } = endpoint(url);
  return (await connectTls(host, port, normaliseFingerprint(pin.fingerprint))).socket;
}

/**
 * `fetch` for a hub: the global one for a plain-HTTP hub (one PC, loopback), one whose every
 * connection is pinned for a TLS hub.
 */
export function hubFetch(pin: HubPin | undefined): typeof fetch {
  if (!pin) return fetch;
  const expected = normaliseFingerprint(pin.fingerprint);
  const dispatcher = new Agent({
    connect: (options, callback) => {
      connectTls(options.hostname.replace(/^\[(.*)\]$/, '$1'), Number(options.port || 443), expected).then(
        ({ socket }) => callback(null, socket),
        (error: Error) => callback(error, null),
      );
    },
  });
  return ((input: string, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch;
}
