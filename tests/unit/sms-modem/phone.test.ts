import { describe, expect, it } from 'vitest';
import { normaliseIndonesianMobile, SmsInputError } from '../../../drivers/sms-modem/modem.ts';

describe('the citizen’s mobile number from the booking', () => {
  it.each([
    ['081234567890', '+6281234567890'],
    ['0812-3456-7890', '+6281234567890'],
    ['0812 3456 7890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['+62 812 3456 7890', '+6281234567890'],
    ['+62 (812) 3456.7890', '+6281234567890'],
    ['08123456789', '+628123456789'],
    ['0812345678', '+62812345678'],
  ])('%s goes to +62…: %s', (input, expected) => {
    expect(normaliseIndonesianMobile(input)).toBe(expected);
  });

  it.each([
    ['a landline in Denpasar', '0361 222 333'],
    ['a foreign number', '+61 412 345 678'],
    ['too short', '0812345'],
    ['too long', '08123456789012'],
    ['letters', '0812-CALL-ME'],
    ['the +62 (0) habit', '+62 0812 3456 7890'],
    ['empty', ''],
  ])('%s is refused with a reason: %s', (_why, input) => {
    let caught: unknown;
    try {
      normaliseIndonesianMobile(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SmsInputError);
    expect(caught).toMatchObject({ code: 'INVALID_PHONE', message: expect.stringContaining('08…') });
  });
});
