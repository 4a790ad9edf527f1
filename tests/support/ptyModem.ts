import { SmsModemSimulator, type SmsModemSimulatorOptions } from '../../drivers/sms-modem/simulator.ts';
import { deviceOnPty, type PtyDevice } from './ptyDevice.ts';

/**
 * A GSM modem on a serial cable: the simulated modem on a socat pair. Plugged back in, the modem
 * has restarted (echo on again).
 */
export interface PtyModem extends PtyDevice<SmsModemSimulator> {
  /** The address the office configures: `serial://<host>`. */
  address: string;
}

export async function modemOnPty(options: SmsModemSimulatorOptions = {}): Promise<PtyModem> {
  const device = await deviceOnPty(new SmsModemSimulator(options));
  return { ...device, address: `serial://${device.pair.host}` };
}
