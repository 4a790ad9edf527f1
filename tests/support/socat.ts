import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A null-modem cable in software: socat joins two pseudo-terminals, so a driver opens `host` with
 * the real serialport binding while the test plays the device on `device`. Killing socat is
 * pulling the cable; `start()` again plugs it back in on the same paths.
 */
export interface PtyPair {
  /** The end the driver opens (the PC's side). */
  host: string;
  /** The end the test plays the device on (the scanner's or the printer's side). */
  device: string;
  start(): Promise<void>;
  /** Pulls the cable: socat exits and both terminals disappear. */
  stop(): Promise<void>;
  /** Writes bytes as the device, in one write(2). */
  write(bytes: string | Uint8Array): void;
  /** Stops socat and removes the folder. */
  dispose(): Promise<void>;
}

export async function ptyPair(): Promise<PtyPair> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-pty-'));
  const host = path.join(dir, 'host');
  const device = path.join(dir, 'device');
  let socat: ChildProcess | null = null;
  let deviceFd: number | null = null;
  let log = '';

  const closeDevice = () => {
    if (deviceFd !== null) fs.closeSync(deviceFd);
    deviceFd = null;
  };

  const pair: PtyPair = {
    host,
    device,
    async start() {
      if (socat) throw new Error('socat is already running');
      log = '';
      const child = spawn(
        'socat',
        ['-d', '-d', `pty,raw,echo=0,link=${device}`, `pty,raw,echo=0,link=${host}`],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
      socat = child;
      // socat has made both links once it logs "starting data transfer loop".
      await waitFor(
        () => {
          if (child.exitCode !== null) throw new Error(`socat exited ${child.exitCode}: ${log}`);
          return /starting data transfer loop/.test(log) && fs.existsSync(host) && fs.existsSync(device);
        },
        10_000,
        () => `socat did not make ${host} and ${device}: ${log}`,
      );
      deviceFd = fs.openSync(device, fs.constants.O_RDWR | fs.constants.O_NOCTTY);
    },
    async stop() {
      closeDevice();
      const child = socat;
      socat = null;
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      // socat removes its links on SIGTERM; make sure, so a reopen cannot find a stale one.
      for (const link of [host, device]) fs.rmSync(link, { force: true });
    },
    write(bytes) {
      if (deviceFd === null) throw new Error('the pty pair is not running');
      const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
      let written = 0;
      while (written < buffer.length) written += fs.writeSync(deviceFd, buffer, written);
    },
    async dispose() {
      await pair.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await pair.start();
  return pair;
}

/** Polls until `check` holds; generous by default so a loaded machine does not fail a test. */
export async function waitFor(
  check: () => boolean,
  timeoutMs = 15_000,
  describe: () => string = () => 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
