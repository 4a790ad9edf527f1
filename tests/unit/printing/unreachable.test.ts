import { describe, expect, it } from 'vitest';
import { unreachableFromError } from '../../../drivers/ticket-printer/status.ts';

const errno = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('why a serial or USB printer could not be reached', () => {
  it('is not found when its port or device file is not there: unplugged, switched off, a wrong path', () => {
    expect(unreachableFromError(errno('ENOENT'))).toBe('not_found');
    expect(unreachableFromError(errno('ENODEV'))).toBe('not_found');
    // serialport gives no code, only words.
    expect(
      unreachableFromError(new Error('Error: No such file or directory, cannot open /dev/ttyUSB0')),
    ).toBe('not_found');
  });

  it('is refused when the port is there but will not open for the station', () => {
    expect(unreachableFromError(errno('EACCES'))).toBe('refused');
    expect(unreachableFromError(errno('EBUSY'))).toBe('refused');
    expect(unreachableFromError(new Error('Error Resource temporarily unavailable Cannot lock port'))).toBe(
      'refused',
    );
    expect(unreachableFromError(new Error('Error: Permission denied, cannot open /dev/ttyS0'))).toBe(
      'refused',
    );
  });

  it('is a lost connection for anything else, such as an I/O error mid-job', () => {
    expect(unreachableFromError(errno('EIO'))).toBe('connection_lost');
    expect(unreachableFromError(undefined)).toBe('connection_lost');
  });
});
