/**
 * Reads a `multipart/x-mixed-replace` body (the SBI preview: M-JPEG) part by part as it arrives.
 * A part is taken by its Content-Length when it gives one, else up to the next boundary.
 */
export interface Part {
  headers: Record<string, string>;
  body: Buffer;
}

const headerEnd = Buffer.from('\r\n\r\n');
const maxBuffered = 16 * 1024 * 1024;

/** The boundary a Content-Type names, without the quotes some devices add. */
export function boundaryOf(contentType: string): string | null {
  const match = /boundary=("?)([^";]+)\1/i.exec(contentType);
  return match?.[2]?.trim() ?? null;
}

export async function* multipartParts(
  body: AsyncIterable<Uint8Array>,
  boundary: string,
): AsyncGenerator<Part> {
  // Some devices write the boundary parameter with its leading dashes; accept either form.
  const delimiter = Buffer.from(boundary.startsWith('--') ? boundary : `--${boundary}`);
  let buffer = Buffer.alloc(0);
  let state: 'seek' | 'headers' | 'body' = 'seek';
  let headers: Record<string, string> = {};
  for await (const chunk of body) {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : Buffer.from(chunk);
    if (buffer.length > maxBuffered) throw new Error('a preview frame is larger than 16 MB');
    for (;;) {
      if (state === 'seek') {
        const at = buffer.indexOf(delimiter);
        if (at < 0) {
          buffer = buffer.subarray(Math.max(0, buffer.length - delimiter.length));
          break;
        }
        const after = at + delimiter.length;
        if (buffer.length < after + 2) break;
        if (buffer.toString('latin1', after, after + 2) === '--') return; // the closing boundary
        buffer = buffer.subarray(after);
        state = 'headers';
      }
      if (state === 'headers') {
        const end = buffer.indexOf(headerEnd);
        if (end < 0) break;
        headers = {};
        for (const line of buffer.toString('latin1', 0, end).split('\r\n')) {
          const colon = line.indexOf(':');
          if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
        }
        buffer = buffer.subarray(end + headerEnd.length);
        state = 'body';
      }
      if (state === 'body') {
        const declared = Number(headers['content-length']);
        if (Number.isInteger(declared) && declared >= 0) {
          if (buffer.length < declared) break;
          yield { headers, body: Buffer.from(buffer.subarray(0, declared)) };
          buffer = buffer.subarray(declared);
        } else {
          const next = buffer.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]));
          if (next < 0) break;
          yield { headers, body: Buffer.from(buffer.subarray(0, next)) };
          buffer = buffer.subarray(next + 2);
        }
        state = 'seek';
      }
    }
  }
}
