import { describe, it, expect } from 'vitest';
import { maxScanLength, normaliseBookingCode, readScan } from '../../../src-main/domain/scan.ts';
import { refusalOf } from '../../support/refusal.ts';

/** Why a scan was refused, as the kiosk logs and shows it. */
function refusal(text: string): { code: string; why: unknown; message: { id: string; en: string } } {
  const error = refusalOf(() => readScan(text));
  return { code: error.code, why: error.details.why, message: error.text };
}

describe('a booking code typed or scanned at the kiosk', () => {
  it('is read whatever its case, with surrounding spaces ignored', () => {
    expect(readScan('  mpdps-00001 ')).toEqual({ kind: 'code', bookingCode: 'MPDPS-00001' });
    expect(readScan('MpDpS-00001')).toEqual({ kind: 'code', bookingCode: 'MPDPS-00001' });
  });

  it('is read when the scanner adds CR/LF, a tab or a control-character prefix', () => {
    expect(readScan('MPDPS-00001\r\n')).toEqual({ kind: 'code', bookingCode: 'MPDPS-00001' });
    expect(readScan('\u0002MPDPS-00001\u0003\n')).toEqual({ kind: 'code', bookingCode: 'MPDPS-00001' });
    expect(readScan('\tMPDPS-\u001b00001\u007f')).toEqual({ kind: 'code', bookingCode: 'MPDPS-00001' });
  });

  it('accepts the shortest and longest codes M-Paspor can issue and nothing outside them', () => {
    expect(readScan('ABC123')).toEqual({ kind: 'code', bookingCode: 'ABC123' });
    expect(readScan('A'.repeat(32))).toEqual({ kind: 'code', bookingCode: 'A'.repeat(32) });
    expect(refusal('ABC12').code).toBe('INVALID_SCAN');
    expect(refusal('A'.repeat(33)).code).toBe('INVALID_SCAN');
  });

  it('normalises the same way wherever a code comes from', () => {
    expect(normaliseBookingCode(' mpdps-00001 ')).toBe('MPDPS-00001');
    // Typed with spaces where the dashes go: the spaces are not part of the code.
    expect(normaliseBookingCode('MPDPS 00001')).toBe('MPDPS00001');
    expect(normaliseBookingCode('MPDPS/00001')).toBeNull();
  });
});

describe('an M-Paspor QR holding a URL', () => {
  it('gives the booking code from its code query parameter', () => {
    expect(readScan('https://m-paspor.imigrasi.go.id/booking?code=mpdps-00001')).toEqual({
      kind: 'code',
      bookingCode: 'MPDPS-00001',
    });
  });

  it('gives the booking code from its kode query parameter', () => {
    expect(readScan('https://m-paspor.imigrasi.go.id/antrian?kode=MPDPS-00002&lang=id')).toEqual({
      kind: 'code',
      bookingCode: 'MPDPS-00002',
    });
  });

  it('gives the booking code from the last path segment', () => {
    expect(readScan('https://m-paspor.imigrasi.go.id/booking/MPDPS-00003')).toEqual({
      kind: 'code',
      bookingCode: 'MPDPS-00003',
    });
    expect(readScan('HTTP://m-paspor.imigrasi.go.id/b/mpdps-00004/\r\n')).toEqual({
      kind: 'code',
      bookingCode: 'MPDPS-00004',
    });
  });

  it('names the office when the URL carries one', () => {
    expect(readScan('https://m-paspor.imigrasi.go.id/b/MPDPS-00005?kantor=dps')).toEqual({
      kind: 'code',
      bookingCode: 'MPDPS-00005',
      office: 'DPS',
    });
  });

  it('is refused when it carries no booking code', () => {
    expect(refusal('https://m-paspor.imigrasi.go.id/').code).toBe('INVALID_SCAN');
    expect(refusal('https://m-paspor.imigrasi.go.id/?lang=id').code).toBe('INVALID_SCAN');
    expect(refusal('https://m-paspor.imigrasi.go.id/booking?code=zz').code).toBe('INVALID_SCAN');
  });
});

describe('an M-Paspor QR holding JSON', () => {
  it('gives the booking code from code, bookingCode or kode', () => {
    expect(readScan('{"code":"mpdps-00001"}')).toEqual({ kind: 'code', bookingCode: 'MPDPS-00001' });
    expect(readScan('{"bookingCode":"MPDPS-00002","nama":"x"}')).toEqual({
      kind: 'code',
      bookingCode: 'MPDPS-00002',
    });
    expect(readScan('{ "kode": "MPDPS-00003" }\r\n')).toEqual({ kind: 'code', bookingCode: 'MPDPS-00003' });
  });

  it('names the office from office or kantor, in capitals', () => {
    expect(readScan('{"code":"MPDPS-00001","office":"dps"}')).toEqual({
      kind: 'code',
      bookingCode: 'MPDPS-00001',
      office: 'DPS',
    });
    expect(readScan('{"kode":"MPDPS-00001","kantor":" sby "}')).toEqual({
      kind: 'code',
      bookingCode: 'MPDPS-00001',
      office: 'SBY',
    });
  });

  it('gives a NIK when it carries only a NIK', () => {
    expect(readScan('{"nik":"5171015203900002"}')).toEqual({ kind: 'nik', nik: '5171015203900002' });
  });

  it('is refused when malformed, an array, or without a booking code', () => {
    expect(refusal('{"code":"MPDPS-00001"').why).toBe('malformed JSON');
    expect(refusal('[{"code":"MPDPS-00001"}]').code).toBe('INVALID_SCAN');
    expect(refusal('{"name":"I Wayan"}').why).toBe('JSON has no code, bookingCode or kode');
    expect(refusal('{"code":"zz"}').code).toBe('INVALID_SCAN');
    expect(refusal('{"code":12345678}').code).toBe('INVALID_SCAN');
  });
});

describe('a NIK typed at the kiosk', () => {
  it('is read as a NIK when it is 16 digits', () => {
    expect(readScan('5171015203900002\r\n')).toEqual({ kind: 'nik', nik: '5171015203900002' });
  });

  it('is not a NIK with 15 or 17 digits', () => {
    expect(readScan('517101520390000')).toEqual({ kind: 'code', bookingCode: '517101520390000' });
    expect(readScan('51710152039000021')).toEqual({ kind: 'code', bookingCode: '51710152039000021' });
  });
});

describe('text the kiosk cannot read', () => {
  it('is refused when empty or only scanner noise', () => {
    expect(refusal('').why).toBe('empty');
    expect(refusal('   ').why).toBe('empty');
    expect(refusal('\r\n\u0002\u0003').why).toBe('empty');
  });

  it('is refused when longer than any QR the kiosk accepts', () => {
    expect(refusal('A'.repeat(maxScanLength + 1)).why).toBe('too long');
    expect(refusal(`{"code":"MPDPS-00001","pad":"${'x'.repeat(maxScanLength)}"}`).why).toBe('too long');
  });

  it('is refused when it is garbage or SQL', () => {
    expect(refusal('zz').code).toBe('INVALID_SCAN');
    expect(refusal("'; DROP TABLE bookings;--").code).toBe('INVALID_SCAN');
    expect(refusal('MPDPS-00001 OR 1=1').code).toBe('INVALID_SCAN');
  });

  it('tells the citizen in both languages to scan again or type the code', () => {
    const { message } = refusal('zz');
    expect(message.id).toMatch(/Pindai ulang/);
    expect(message.en).toMatch(/Scan the QR/);
  });
});
