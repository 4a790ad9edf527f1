import { SmsModemSimulator, type SmsModemSimulatorOptions } from '../../drivers/sms-modem/simulator.ts';
import { ptyPair, type PtyPair } from './socat.ts';

/**
 * A GSM modem on a serial cable, in software: a socat pseudo-terminal pair whose device end the
 * simulated modem plays (through the real serialport binding); the driver opens `pair.host`.
 */
export interface PtyModem {
  pair: PtyPair;
  simulator: SmsModemSimulator;
  /** The address the office configures: `serial://<host>`. */
  address: string;
  /** Pulls the cable: both terminals disappear. */
  unplug(): Promise<void>;
  /** Plugs it back in on the same paths; the modem has restarted (echo on again). */
  plug(): Promise<void>;
  dispose(): Promise<void>;
}

export async function modemOnPty(options: SmsModemSimulatorOptions = {}): Promise<PtyModem> {
  const pair = await ptyPair();
  const simulator = new SmsModemSimulator(options);
  await simulator.attachPort({ path: pair.device });
  return {
    pair,
    simulator,
    address: `serial://${pair.host}`,
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
