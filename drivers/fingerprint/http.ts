import { request, type Dispatcher } from 'undici';
import { deviceAgent, errorCode } from '../http/agent.ts';
import { fail, FingerprintError } from './errors.ts';
import { operations, type Operation } from './protocol.ts';

/**
 * One SBI call over HTTP. The spec's verbs (MOSIPDISC, MOSIPDINFO, RCAPTURE, STREAM) are custom
 * HTTP methods; a service that refuses a method it does not know (400, 405 or 501, as Node's own
 * HTTP server does) is asked again with POST on the same path, and the caller remembers which
 * style worked. Failures become the officer's problems: nothing listening is `no_device`, a
 * connection cut mid-answer `device_lost`, no answer in time `timeout`.
 */
export type VerbStyle = 'custom' | 'post';

export interface SbiTarget {
  host: string;
  port: number;
  dispatcher: Dispatcher;
  /** Sent as the spec's EXT header: which application is asking. */
  appName: string;
}

export interface SbiResponse {
  statusCode: number;
  contentType: string;
  body: Dispatcher.ResponseData['body'];
  style: VerbStyle;
}

const refusals = new Set([400, 405, 501]);
const maxBody = 64 * 1024 * 1024;

/** A connection pool of its own, so closing a reader cuts its connections and nothing else's. */
export const sbiAgent = deviceAgent;

export async function sbiCall(
  target: SbiTarget,
  operation: Operation,
  body: unknown,
  options: { style: VerbStyle; signal: AbortSignal },
): Promise<SbiResponse> {
  const { verb, path } = operations[operation];
  const send = async (method: string) => {
    const response = await request(`http://${target.host}:${target.port}${path}`, {
      method,
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ext: target.appName },
      signal: options.signal,
      dispatcher: target.dispatcher,
    });
    const type = response.headers['content-type'];
    return { statusCode: response.statusCode, contentType: String(type ?? ''), body: response.body };
  };
  if (options.style === 'custom') {
    const answer = await send(verb);
    if (!refusals.has(answer.statusCode)) return { ...answer, style: 'custom' };
    await answer.body.dump();
  }
  return { ...(await send('POST')), style: 'post' };
}

/** The whole answer as JSON; a device that sends something else is `malformed_response`. */
export async function jsonBody(response: SbiResponse): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > maxBody) {
        response.body.destroy();
        throw fail('malformed_response', 'the answer is larger than 64 MB');
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    throw transportFailure(error, false);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (response.statusCode !== 200)
    throw fail('malformed_response', `HTTP ${response.statusCode}: ${text.slice(0, 200)}`);
  try {
    return JSON.parse(text);
  } catch {
    throw fail('malformed_response', `not JSON: ${text.slice(0, 80)}`);
  }
}

const unreachable = new Set([
  'ECONNREFUSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
]);

/** What a failed call means for the officer; `timedOut` when the call's own deadline passed. */
export function transportFailure(error: unknown, timedOut: boolean): FingerprintError {
  if (error instanceof FingerprintError) return error;
  if (timedOut) return fail('timeout');
  const code = errorCode(error);
  const detail = `${code ?? ''} ${error instanceof Error ? error.message : String(error)}`.trim();
  if (code && unreachable.has(code)) return fail('no_device', detail);
  return fail('device_lost', detail);
}
