import { StreamPrinterSimulator, type StreamPrinterOptions } from '../../drivers/ticket-printer/simulator.ts';
import { ptyPair, type PtyPair } from './socat.ts';

/**
 * A ticket printer on a serial cable, in software: a socat pseudo-terminal pair whose device end
 * the simulated printer plays (through the real serialport binding). The driver under test opens
 * `pair.host`, as a serial port or as a plain device file standing in for /dev/usb/lp0.
 */
export interface PtyPrinter {
  pair: PtyPair;
  simulator: StreamPrinterSimulator;
  /** Pulls the cable: both terminals disappear; the job in progress ends there. */
  unplug(): Promise<void>;
  /** Plugs it back in on the same paths, the printer's end attached again. */
  plug(): Promise<void>;
  dispose(): Promise<void>;
}

export async function serialPrinterOnPty(options: StreamPrinterOptions = {}): Promise<PtyPrinter> {
  const pair = await ptyPair();
  const simulator = new StreamPrinterSimulator(options);
  await simulator.attachPort({ path: pair.device });
  return {
    pair,
    simulator,
    async unplug() {
      await pair.stop();
      await simulator.detach();
    },
    async plug() {
      await pair.start();
      await simulator.attachPort({ path: pair.device });
    },
    async dispose() {
      await simulator.detach();
      await pair.dispose();
    },
  };
}
