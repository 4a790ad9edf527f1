import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SmsModemSimulator } from '../../drivers/sms-modem/simulator.ts';

/**
 * `loket sms simulator`: a GSM modem for the training room. socat joins two pseudo-terminals; the
 * simulated modem plays one end and the hub opens the other as `serial://<path>`, exactly as it
 * would a USB modem, so the whole path (outbox, sender, driver, serial port) runs. Every message
 * it takes is logged. Runs until Ctrl-C.
 */
export async function smsCommand(
  args: string[],
  options: { link?: string | undefined },
  write: (line: string) => void,
  usage: (message: string) => Error,
): Promise<number> {
  if (args[0] !== 'simulator') throw usage('sms simulator [--link PATH]');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-sms-'));
  const host = options.link ? path.resolve(options.link) : path.join(dir, 'modem');
  const device = path.join(dir, 'device');
  if (options.link && fs.existsSync(host)) throw usage(`${host} already exists; choose another --link`);
  const socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${device}`, `pty,raw,echo=0,link=${host}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const simulator = new SmsModemSimulator();
  try {
    await linked(socat, [host, device]);
    await simulator.attachPort({ path: device });
    simulator.on('message', (message) =>
      write(
        `${new Date().toISOString()}  SMS to ${message.phone} (reference ${message.reference}): ${message.text}`,
      ),
    );
    write(`SMS modem simulator on ${host}`);
    write(`Set the office's modem with: loket office set sms.modem=serial://${host} --data DIR`);
    write('Each message it takes is shown below. Stop with Ctrl-C.');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
      socat.once('exit', () => resolve());
    });
    write(`Stopped after ${simulator.messages.length} messages.`);
    return 0;
  } finally {
    await simulator.detach();
    if (socat.exitCode === null && socat.signalCode === null) {
      const exited = new Promise((resolve) => socat.once('exit', resolve));
      socat.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(host, { force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Waits until socat has made both links, or says why it could not. */
async function linked(socat: ChildProcess, links: string[]): Promise<void> {
  let log = '';
  let failure: string | null = null;
  socat.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  socat.once('error', (error: NodeJS.ErrnoException) => {
    failure =
      error.code === 'ENOENT' ? 'socat is not installed (apt install socat).' : `socat: ${error.message}`;
  });
  const deadline = Date.now() + 10_000;
  while (!(/starting data transfer loop/.test(log) && links.every((link) => fs.existsSync(link)))) {
    if (failure) throw new Error(failure);
    if (socat.exitCode !== null) throw new Error(`socat exited ${socat.exitCode}: ${log.trim()}`);
    if (Date.now() > deadline) throw new Error(`socat did not make the terminals in 10 s: ${log.trim()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
