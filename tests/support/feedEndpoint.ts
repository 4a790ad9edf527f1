import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the stand-in endpoint answers one request. */
export type FeedAnswer =
  { status?: number; body: string; contentType?: string } | { hang: true } | { drop: true };

export interface SeenRequest {
  url: string;
  accept: string | undefined;
  authorization: string | undefined;
}

/**
 * A stand-in for the M-Paspor appointment endpoint on 127.0.0.1: each request takes the next
 * queued answer (the last one repeats), and every request is kept for the test to read.
 */
export class FeedEndpoint {
  readonly seen: SeenRequest[] = [];
  private answers: FeedAnswer[] = [];
  private readonly hanging = new Set<http.ServerResponse>();

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FeedEndpoint> {
    let endpoint: FeedEndpoint | null = null;
    const server = http.createServer((request, response) => endpoint?.answer(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    endpoint = new FeedEndpoint(server, `http://127.0.0.1:${port}/mpaspor/appointments?office=DPS`);
    return endpoint;
  }

  /** The answers to give, in order; the last one is given again to every later request. */
  answerWith(...answers: FeedAnswer[]): void {
    this.answers = answers;
  }

  /** Bookings as the JSON the import takes. */
  static json(rows: unknown): FeedAnswer {
    return { body: JSON.stringify(rows), contentType: 'application/json' };
  }

  private answer(request: http.IncomingMessage, response: http.ServerResponse): void {
    this.seen.push({
      url: request.url ?? '',
      accept: request.headers.accept,
      authorization: request.headers.authorization,
    });
    const answer = (this.answers.length > 1 ? this.answers.shift() : this.answers[0]) ?? {
      status: 404,
      body: '',
    };
    if ('hang' in answer) {
      this.hanging.add(response);
      return;
    }
    if ('drop' in answer) {
      request.socket.destroy();
      return;
    }
    response.writeHead(answer.status ?? 200, { 'content-type': answer.contentType ?? 'text/plain' });
    response.end(answer.body);
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
