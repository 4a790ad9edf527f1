import { ptyPair, type PtyPair } from './socat.ts';

/** A simulator that plays a device on the device end of a serial line. */
export interface LineSimulator {
  attachPort(line: { path: string }): Promise<void>;
  detach(): Promise<void>;
}

/**
 * A device on a serial cable, in software: a socat pseudo-terminal pair whose device end the
 * simulator plays (through the real serialport binding); the driver under test opens `pair.host`.
 */
export interface PtyDevice<S extends LineSimulator> {
  pair: PtyPair;
  simulator: S;
  /** Pulls the cable: both terminals disappear; what the device was doing ends there. */
  unplug(): Promise<void>;
  /** Plugs it back in on the same paths, the device's end attached again. */
  plug(): Promise<void>;
  dispose(): Promise<void>;
}

export async function deviceOnPty<S extends LineSimulator>(simulator: S): Promise<PtyDevice<S>> {
  const pair = await ptyPair();
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
