import { describe, expect, it } from 'vitest';
import {
  DeviceAddressError,
  deviceAddress,
  parsePrinterAddress,
  parseScannerAddress,
  stationDevicesSchema,
} from '../../../src-main/devices/config.ts';

describe('device addresses as the IT person types them', () => {
  it('reads every printer transport and shows it back the same way', () => {
    const cases: [string, object][] = [
      ['tcp://10.0.0.21', { transport: 'tcp', host: '10.0.0.21', port: 9100 }],
      ['tcp://printer-1.kanim.local:9101', { transport: 'tcp', host: 'printer-1.kanim.local', port: 9101 }],
      [
        'serial:///dev/ttyUSB0?baud=19200&rtscts=1',
        { transport: 'serial', path: '/dev/ttyUSB0', baudRate: 19200, rtscts: true },
      ],
      ['serial://COM3', { transport: 'serial', path: 'COM3' }],
      ['usb:///dev/usb/lp0', { transport: 'usb', path: '/dev/usb/lp0' }],
      ['usb:///dev/usb/lp1?status=none', { transport: 'usb', path: '/dev/usb/lp1', status: 'none' }],
      ['simulator', { transport: 'simulator' }],
      [
        'serial:///dev/ttyS0?baud=9600&logo=0',
        { transport: 'serial', path: '/dev/ttyS0', baudRate: 9600, logo: false },
      ],
    ];
    for (const [text, config] of cases) expect(parsePrinterAddress(text), text).toEqual(config);
    expect(deviceAddress(parsePrinterAddress('tcp://10.0.0.21'))).toBe('tcp://10.0.0.21:9100');
    expect(deviceAddress(parsePrinterAddress('serial:///dev/ttyUSB0?baud=19200'))).toBe(
      'serial:///dev/ttyUSB0?baud=19200',
    );
  });

  it('reads every scanner transport, with HID ids in hex', () => {
    expect(parseScannerAddress('wedge')).toEqual({ transport: 'wedge' });
    expect(parseScannerAddress('serial:///dev/ttyACM0?baud=115200&terminator=CRLF')).toEqual({
      transport: 'serial',
      path: '/dev/ttyACM0',
      baudRate: 115200,
      terminator: 'CRLF',
    });
    expect(parseScannerAddress('hid://0c2e:0b61')).toEqual({
      transport: 'hid',
      vendorId: 0x0c2e,
      productId: 0x0b61,
    });
    expect(deviceAddress(parseScannerAddress('hid://0C2E:0B61'))).toBe('hid://0c2e:0b61');
    expect(parseScannerAddress('hid:///dev/hidraw3')).toEqual({ transport: 'hid', path: '/dev/hidraw3' });
    expect(parseScannerAddress('simulator')).toEqual({ transport: 'simulator' });
  });

  it('refuses an address that is wrong, with what was wrong', () => {
    const bad: [() => unknown, RegExp][] = [
      [() => parsePrinterAddress('lpt1'), /not a printer address/],
      [() => parsePrinterAddress('tcp://10.0.0.21:70000'), /port/],
      [() => parsePrinterAddress('serial://dev/ttyUSB0'), /device path/],
      [() => parsePrinterAddress('serial:///dev/ttyUSB0?baud=fast'), /baud=fast is not a number/],
      [() => parsePrinterAddress('serial:///dev/ttyUSB0?speed=9600'), /unknown option speed/],
      [() => parsePrinterAddress('usb:///dev/usb/lp0;rm -rf'), /device path/],
      [() => parsePrinterAddress('usb:///dev/usb/lp0?status=maybe'), /status/],
      [() => parsePrinterAddress('usb:///dev/usb/lp0?logo=no'), /logo=no is not 0 or 1/],
      [() => parsePrinterAddress('usb:///dev/../etc/passwd'), /without \. or \.\./],
      [() => parseScannerAddress('hid://0c2e'), /device path/],
      [() => parseScannerAddress('serial:///dev/ttyACM0?terminator=ETX'), /terminator/],
      [() => parseScannerAddress('bluetooth://aa:bb'), /not a scanner address/],
    ];
    for (const [attempt, why] of bad) expect(attempt).toThrow(why);
    expect(() => parsePrinterAddress('lpt1')).toThrow(DeviceAddressError);
  });

  it('needs a HID scanner to be found by its path or by both of its ids', () => {
    expect(
      stationDevicesSchema.safeParse({ ticketPrinter: null, scanner: { transport: 'hid', vendorId: 1 } })
        .success,
    ).toBe(false);
  });
});
