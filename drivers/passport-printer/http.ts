/**
 * One HTTP request to a printer (IPP or a sidecar), with its own deadline, answered as bytes or
 * as why the printer could not be reached, in words for the screen: 'connection refused',
 * 'no answer within 10 s', 'connection lost'.
 */
import { request, type Agent } from 'undici';
import { deviceAgent, errorCode } from '../http/agent.ts';
import { seconds, type Unreachable } from './link.ts';

export interface HttpAnswer {
  statusCode: number;
  contentType: string;
  body: Buffer;
}

const maxBody = 64 * 1024 * 1024;

/** A connection pool of its own, so closing a printer cuts its connections and nothing else's. */
export const printerAgent = deviceAgent;

export async function httpCall(
  agent: Agent,
  url: string,
  options: {
    method: 'GET' | 'POST' | 'DELETE';
    body?: Buffer | string;
    contentType?: string;
    timeoutMs: number;
  },
): Promise<HttpAnswer | Unreachable> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await request(url, {
      method: options.method,
      body: options.body,
      headers: options.contentType ? { 'content-type': options.contentType } : {},
      signal,
      dispatcher: agent,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > maxBody) {
        response.body.destroy();
        return { unreachable: 'the answer is larger than 64 MB', connected: true };
      }
      chunks.push(chunk as Buffer);
    }
    return {
      statusCode: response.statusCode,
      contentType: String(response.headers['content-type'] ?? ''),
      body: Buffer.concat(chunks),
    };
  } catch (error) {
    if (signal.aborted) {
      return { unreachable: `no answer within ${seconds(options.timeoutMs)}`, connected: true };
    }
    return unreachableFrom(error);
  }
}

const notConnected: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  UND_ERR_CONNECT_TIMEOUT: 'no answer to the connection',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
};

function unreachableFrom(error: unknown): Unreachable {
  const code = errorCode(error);
  if (code && notConnected[code]) return { unreachable: notConnected[code], connected: false };
  const detail = error instanceof Error ? error.message : String(error);
  return { unreachable: `connection lost (${code ?? detail})`, connected: true };
}

export const isUnreachable = (answer: HttpAnswer | Unreachable): answer is Unreachable =>
  'unreachable' in answer;
