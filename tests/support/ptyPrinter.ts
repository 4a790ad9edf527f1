import { StreamPrinterSimulator, type StreamPrinterOptions } from '../../drivers/ticket-printer/simulator.ts';
import { deviceOnPty, type PtyDevice } from './ptyDevice.ts';

/**
 * A ticket printer on a serial cable: the simulated printer on a socat pair. The driver under test
 * opens `pair.host`, as a serial port or as a plain device file standing in for /dev/usb/lp0.
 */
export type PtyPrinter = PtyDevice<StreamPrinterSimulator>;

export function serialPrinterOnPty(options: StreamPrinterOptions = {}): Promise<PtyPrinter> {
  return deviceOnPty(new StreamPrinterSimulator(options));
}
