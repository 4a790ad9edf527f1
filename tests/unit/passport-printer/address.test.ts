import { describe, expect, it } from 'vitest';
import { parsePassportPrinterAddress } from '../../../drivers/passport-printer/printer.ts';

describe("a passport printer's address", () => {
  it('names a CUPS queue over IPP or plain HTTP, a sidecar, or the simulator', () => {
    const queue = parsePassportPrinterAddress('ipp://127.0.0.1:631/printers/LoketPDF');
    expect(queue.kind === 'ipp' && queue.url.pathname).toBe('/printers/LoketPDF');
    expect(parsePassportPrinterAddress('http://127.0.0.1:631/printers/LoketPDF').kind).toBe('ipp');
    expect(parsePassportPrinterAddress(' sidecar://127.0.0.1:9310 ')).toEqual({
      kind: 'sidecar',
      host: '127.0.0.1',
      port: 9310,
    });
    expect(parsePassportPrinterAddress('simulator')).toEqual({ kind: 'simulator' });
  });

  it.each([
    ['LoketPDF', /is not a passport printer address: use ipp:\/\/HOST:631\/printers\/NAME/],
    ['ipp://127.0.0.1:631', /names no printer: add its path/],
    ['sidecar://127.0.0.1', /needs a port/],
    ['sidecar://127.0.0.1:9310/jobs', /takes no path/],
    [
      'socket://127.0.0.1:9100',
      /uses socket:\/\/; passport printers take ipp:\/\/, http:\/\/, sidecar:\/\/ or simulator/,
    ],
  ])('%s is refused with a reason', (address, message) => {
    expect(() => parsePassportPrinterAddress(address)).toThrow(message);
  });
});
