import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { loketBin, projectRoot } from '../support/hub.ts';
import { until } from '../support/station.ts';

const cleanups: (() => unknown)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A loopback port nothing listens on. */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  it(`loket station run that never reached its hub stops at once on ${signal}`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-station-run-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const hub = `http://127.0.0.1:${await deadPort()}`;
    const child = spawn(
      process.execPath,
      [loketBin, 'station', 'run', '--data', dir, '--hub', hub, '--port', '0'],
      {
        env: { ...process.env, LOKET_STATION_TOKEN: 'a'.repeat(43), LOKET_RETRY_MS: '200' },
        cwd: projectRoot,
      },
    );
    cleanups.push(() => child.exitCode === null && child.kill('SIGKILL'));
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await until('the station to try its hub', () => /reaching its hub/.test(output));

    const signalledAt = Date.now();
    child.kill(signal);
    // Before the fix the first signal was ignored for good: a generous deadline still tells them
    // apart on a busy machine.
    const code = await Promise.race([
      exited,
      new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 15_000)),
    ]);
    expect(code, output).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(15_000);
  });
}
