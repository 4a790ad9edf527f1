import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openSmsModem } from '../../drivers/sms-modem/modem.ts';
import { loketBin, projectRoot } from '../support/hub.ts';
import { waitFor } from '../support/socat.ts';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('loket sms simulator', () => {
  it('gives the training room a modem path to configure and logs each message sent to it', async () => {
    const child = spawn(process.execPath, [loketBin, 'sms', 'simulator'], { cwd: projectRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    cleanups.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    });

    await waitFor(
      () => /sms\.modem=serial:\/\/\S+/.test(stdout),
      20_000,
      () => `the address in ${stdout}${stderr}`,
    );
    const address = /sms\.modem=(serial:\/\/\S+)/.exec(stdout)?.[1] as string;
    const modem = openSmsModem(address, {
      commandTimeoutMs: 2000,
      promptTimeoutMs: 2000,
      sendTimeoutMs: 5000,
    });
    cleanups.push(() => modem.close());

    await expect(modem.send('081234567890', 'Paspor Anda sudah siap diambil.')).resolves.toEqual({
      reference: '1',
    });
    await waitFor(() =>
      stdout.includes('SMS to +6281234567890 (reference 1): Paspor Anda sudah siap diambil.'),
    );

    await modem.close();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('Stopped after 1 messages.');
  });
});
