/**
 * Serial ports as Loket's drivers open them (scanners, ticket printers, modems, and the
 * simulators' end of a line): the line settings, opening and closing through `serialport`, the one
 * fix every port needs on Linux, noticing a tty that hung up, and a simulated device's hold on a line.
 */
import fs from 'node:fs';
import type { Duplex } from 'node:stream';
import { promisify } from 'node:util';
import { unixRead } from '@serialport/bindings-cpp/dist/unix-read.js';
import { SerialPort } from 'serialport';

export interface SerialLineOptions {
  /** `/dev/ttyACM0`, a `/dev/serial/by-id/…` link, `COM3`. */
  path: string;
  baudRate: number;
  dataBits: 5 | 6 | 7 | 8;
  parity: 'none' | 'even' | 'odd' | 'mark' | 'space';
  stopBits: 1 | 1.5 | 2;
}

export const defaultLine: Omit<SerialLineOptions, 'path'> = {
  baudRate: 9600,
  dataBits: 8,
  parity: 'none',
  stopBits: 1,
};

/** The error `serialport` gives when the path is not there (unplugged, or a wrong path). */
export const isMissingPort = (error: Error): boolean =>
  (error as NodeJS.ErrnoException).code === 'ENOENT' || /ENOENT|No such file/.test(error.message);

/**
 * Opens a port (with hardware flow control when asked) that reports a hang-up as a disconnect.
 * Rejects with `serialport`'s error, whose message names the cause (it carries no errno code).
 */
export function openPort(line: SerialLineOptions & { rtscts?: boolean }): Promise<SerialPort> {
  const port = new SerialPort({ ...line, autoOpen: false });
  return new Promise((resolve, reject) => {
    port.open((error) => {
      if (error) return reject(error);
      endReadsOnHangup(port);
      resolve(port);
    });
  });
}

/** Closes a port (a closed one is left as it is); never rejects. */
export function closePort(port: SerialPort): Promise<void> {
  return new Promise((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
}

/**
 * A simulated device plays its end of a line: every chunk read goes to `receive` until the line
 * ends or closes, or the returned detach is called; then `stop` runs, once. An unplugged line's
 * error is not the simulator's: the line also ends or closes.
 */
export function playOnLine(
  stream: Duplex,
  receive: (chunk: Buffer) => void,
  stop: () => Promise<void>,
): () => Promise<void> {
  let detached = false;
  const detach = async () => {
    if (detached) return;
    detached = true;
    stream.off('data', receive);
    stream.off('end', ended);
    stream.off('close', ended);
    await stop();
  };
  const ended = () => void detach();
  stream.on('data', receive);
  stream.on('end', ended);
  stream.on('close', ended);
  stream.on('error', () => undefined);
  return detach;
}

const readAsync = promisify(fs.read);

/**
 * bindings-cpp 13 retries a read that returns 0 bytes for ever, but 0 bytes is how Linux says a
 * tty hung up (a USB device unplugged, a pty closed): the port would spin and never report the
 * disconnect (serialport/bindings-cpp#162). Here such a read ends the port as disconnected.
 */
export function endReadsOnHangup(port: SerialPort): void {
  const binding = port.port;
  if (process.platform === 'win32' || !binding || !('fd' in binding) || !('poller' in binding)) return;
  const unix = binding as Parameters<typeof unixRead>[0]['binding'];
  const readOrHangUp: typeof readAsync = (async (...args: Parameters<typeof readAsync>) => {
    const result = await readAsync(...args);
    if (result.bytesRead === 0)
      throw Object.assign(new Error('The device hung up (end of file).'), { code: 'EIO', disconnect: true });
    return result;
  }) as typeof readAsync;
  unix.read = (buffer, offset, length) =>
    unixRead({ binding: unix, buffer, offset, length, fsReadAsync: readOrHangUp });
}
