import fs from 'node:fs';

/**
 * The PIN for `loket user add` / `user set --pin-stdin`: never on the command line (shell history,
 * the process list). At a terminal it is asked for without echo, twice for a new one; from a pipe
 * the first line is read, as before.
 */
export async function readSecret(prompt: string, confirm: boolean): Promise<string> {
  if (!process.stdin.isTTY) return fs.readFileSync(0, 'utf8').split(/\r?\n/)[0]?.trim() ?? '';
  const first = await askHidden(`${prompt}: `);
  if (!confirm) return first;
  const again = await askHidden(`${prompt} (again): `);
  if (again !== first) throw new SecretMismatch();
  return first;
}

export class SecretMismatch extends Error {
  constructor() {
    super('the two PINs differ; nothing was changed');
  }
}

/** One line from the terminal in raw mode, nothing echoed; Ctrl-C or Ctrl-D gives up. */
function askHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  // Echo goes off before the prompt shows: whatever is typed after it is never echoed.
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (error: Error | null) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return done(null);
        if (char === '\u0003' || char === '\u0004') return done(new Error('cancelled; nothing was changed'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else if (char >= ' ') typed += char;
      }
    };
    input.on('data', onData);
  });
}
