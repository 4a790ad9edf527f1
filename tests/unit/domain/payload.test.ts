import { describe, it, expect } from 'vitest';
import { parse } from 'mrz';
import { readPayload, receiptQr, type PayloadKind } from '../../../src-main/domain/payload.ts';
import { maxScanLength } from '../../../src-main/domain/scan.ts';
import { ticketQr } from '../../../src-main/domain/ticket.ts';
import { refusalOf } from '../../support/refusal.ts';

/** Why a scan was refused, as the station logs it and shows it. */
function refusal(text: string, options?: Parameters<typeof readPayload>[1]) {
  const error = refusalOf(() => readPayload(text, options));
  return { code: error.code, details: error.details, message: error.text };
}

const counter = { accept: ['mrz'] as PayloadKind[] };
const printStation = { accept: ['booklet'] as PayloadKind[] };
const kiosk = { accept: ['booking', 'ticket'] as PayloadKind[] };

/** ICAO 9303 check digit: weights 7, 3, 1; `<` is 0, A is 10 … Z is 35. */
function checkDigit(text: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  for (const [index, char] of [...text].entries()) {
    const value = char === '<' ? 0 : /\d/.test(char) ? Number(char) : char.charCodeAt(0) - 55;
    sum += value * (weights[index % 3] ?? 0);
  }
  return String(sum % 10);
}

/** The second line of an Indonesian passport's MRZ, with every check digit computed. */
function passportLine2(
  overrides: Partial<
    Record<'documentNumber' | 'birthDate' | 'sex' | 'expirationDate' | 'personalNumber', string>
  >,
): string {
  const fields = {
    documentNumber: 'X1234567',
    nationality: 'IDN',
    birthDate: '900517',
    sex: 'M',
    expirationDate: '340212',
    personalNumber: '',
    ...overrides,
  };
  const documentNumber = fields.documentNumber.padEnd(9, '<');
  const personalNumber = fields.personalNumber.padEnd(14, '<');
  const personalCheck = fields.personalNumber ? checkDigit(personalNumber) : '<';
  const numberPart = documentNumber + checkDigit(documentNumber);
  const birthPart = fields.birthDate + checkDigit(fields.birthDate);
  const expiryPart =
    fields.expirationDate + checkDigit(fields.expirationDate) + personalNumber + personalCheck;
  const composite = checkDigit(numberPart + birthPart + expiryPart);
  return `${numberPart}${fields.nationality}${birthPart}${fields.sex}${expiryPart}${composite}`;
}

const passportLine1 = (state: string, name: string) => `P<${state}${name}`.padEnd(44, '<');

/** Replaces the character at a column (0-based) of a line. */
const withChar = (line: string, column: number, char: string) =>
  line.slice(0, column) + char + line.slice(column + 1);

/** A different digit that breaks the check digit at that column. */
const otherDigit = (line: string, column: number) => withChar(line, column, line[column] === '9' ? '0' : '9');

const icaoLine1 = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<';
const icaoLine2 = 'L898902C36UTO7408122F1204159ZE184226B<<<<<10';
const icaoSpecimen = `${icaoLine1}\r\n${icaoLine2}\r\n`;

const budiLine1 = passportLine1('IDN', 'SETIAWAN<<BUDI');
const budiLine2 = passportLine2({});

describe('a passport laid on the document reader at a counter', () => {
  it('reads the ICAO 9303 specimen passport', () => {
    expect(readPayload(icaoSpecimen, counter)).toEqual({
      kind: 'mrz',
      documentCode: 'P',
      issuingState: 'UTO',
      documentNumber: 'L898902C3',
      nationality: 'UTO',
      lastName: 'ERIKSSON',
      firstName: 'ANNA MARIA',
      birthDate: '740812',
      birthDateIso: '1974-08-12',
      sex: 'F',
      expirationDate: '120415',
      personalNumber: 'ZE184226B',
      lines: [icaoLine1, icaoLine2],
    });
  });

  it('reads the lines whether the reader separates them with CR, LF or CRLF, or not at all', () => {
    for (const text of [
      `${icaoLine1}\n${icaoLine2}`,
      `${icaoLine1}\r${icaoLine2}\r`,
      `${icaoLine1}\r\n${icaoLine2}\r\n`,
      `\u0002${icaoLine1}${icaoLine2}\u0003\r\n`,
    ]) {
      expect(readPayload(text, counter)).toMatchObject({ kind: 'mrz', documentNumber: 'L898902C3' });
    }
  });

  it('reads an Indonesian passport, whose check digits the library agrees with', () => {
    expect(parse([budiLine1, budiLine2]).valid).toBe(true);
    expect(readPayload(`${budiLine1}\n${budiLine2}\n`, counter)).toMatchObject({
      kind: 'mrz',
      issuingState: 'IDN',
      nationality: 'IDN',
      documentNumber: 'X1234567',
      lastName: 'SETIAWAN',
      firstName: 'BUDI',
      birthDate: '900517',
      birthDateIso: '1990-05-17',
      sex: 'M',
      expirationDate: '340212',
      personalNumber: '',
    });
  });

  it('reads the personal number when the passport carries one', () => {
    const line2 = passportLine2({ personalNumber: '5171011508850003'.slice(0, 14) });
    expect(parse([budiLine1, line2]).valid).toBe(true);
    expect(readPayload(`${budiLine1}\n${line2}`, counter)).toMatchObject({
      personalNumber: '51710115088500',
    });
  });

  it('reads a holder with a single name, as many Indonesians have', () => {
    const line1 = passportLine1('IDN', 'SUKARNI');
    const line2 = passportLine2({ documentNumber: 'E7654321', birthDate: '520101', sex: 'F' });
    expect(readPayload(`${line1}\n${line2}`, counter)).toMatchObject({ lastName: 'SUKARNI', firstName: '' });
  });

  it('leaves the birth year to the officer when the MRZ cannot tell 19xx from 20xx', () => {
    const child = passportLine2({ birthDate: '150301', expirationDate: '300301' });
    expect(readPayload(`${budiLine1}\n${child}`, counter)).toMatchObject({
      birthDate: '150301',
      birthDateIso: null,
    });
  });
});

describe('a passport MRZ with a wrong check digit is refused, naming the field', () => {
  const scanned = (line2: string) => refusal(`${icaoLine1}\n${line2}`, counter);

  it('for the document number', () => {
    const { details, message } = scanned(otherDigit(icaoLine2, 9));
    expect(details).toMatchObject({ why: 'MRZ check digit', fields: ['documentNumber', 'composite'] });
    expect(message.id).toBe('Digit periksa MRZ tidak cocok: nomor paspor. Pindai ulang paspor.');
    expect(message.en).toBe('MRZ check digit does not match: document number. Scan the passport again.');
  });

  it('for the date of birth', () => {
    const { details, message } = scanned(otherDigit(icaoLine2, 19));
    expect(details.fields).toEqual(['birthDate', 'composite']);
    expect(message.id).toMatch(/tidak cocok: tanggal lahir\./);
    expect(message.en).toMatch(/does not match: date of birth\./);
  });

  it('for the expiry date, when a digit of the date itself was misread', () => {
    const { details, message } = scanned(otherDigit(icaoLine2, 25));
    expect(details.fields).toEqual(['expirationDate', 'composite']);
    expect(message.en).toMatch(/does not match: expiry date\./);
  });

  it('for the personal number', () => {
    const { details, message } = scanned(otherDigit(icaoLine2, 42));
    expect(details.fields).toEqual(['personalNumber', 'composite']);
    expect(message.en).toMatch(/does not match: personal number\./);
  });

  it('for the composite digit alone', () => {
    const { details, message } = scanned(otherDigit(icaoLine2, 43));
    expect(details.fields).toEqual(['composite']);
    expect(message.id).toMatch(/tidak cocok: gabungan baris 2\./);
    expect(message.en).toMatch(/does not match: composite of line 2\./);
  });

  it('for two fields at once, naming both', () => {
    const { message } = scanned(otherDigit(otherDigit(icaoLine2, 9), 27));
    expect(message.id).toMatch(/nomor paspor dan tanggal habis berlaku\./);
    expect(message.en).toMatch(/document number and expiry date\./);
  });
});

describe('a passport MRZ that arrives in the wrong shape', () => {
  it('is refused when a line has 43 or 45 characters, naming the line and its length', () => {
    const short = refusal(`${icaoLine1}\n${icaoLine2.slice(0, 43)}`, counter);
    expect(short.details).toMatchObject({ why: 'MRZ line length', lengths: [44, 43] });
    expect(short.message.id).toBe(
      'MRZ baris 2 berisi 43 karakter; setiap baris harus 44 karakter. Pindai ulang paspor.',
    );
    expect(short.message.en).toBe(
      'MRZ line 2 has 43 characters; each line must have 44. Scan the passport again.',
    );

    const long = refusal(`${icaoLine1}<\n${icaoLine2}`, counter);
    expect(long.details).toMatchObject({ why: 'MRZ line length', lengths: [45, 44] });
    expect(long.message.en).toMatch(/^MRZ line 1 has 45 characters;/);
  });

  it('is refused when only one line was read', () => {
    const { details, message } = refusal(`${icaoLine2}\r\n`, counter);
    expect(details).toMatchObject({ why: 'MRZ line count', lines: 1 });
    expect(message.id).toBe(
      'MRZ paspor terdiri dari 2 baris, tetapi yang terbaca 1 baris. Pindai ulang kedua baris.',
    );
    expect(message.en).toBe('A passport MRZ has 2 lines; the reader sent 1. Scan both lines again.');
  });

  it('is refused when both lines run together one character short', () => {
    const { details, message } = refusal(icaoLine1 + icaoLine2.slice(1), counter);
    expect(details).toMatchObject({ why: 'MRZ length', length: 87 });
    expect(message.en).toMatch(/87 characters and no line break/);
  });

  it('is refused in lowercase, pointing at the reader rather than silently upper-casing', () => {
    const { details, message } = refusal(`${icaoLine1.toLowerCase()}\n${icaoLine2.toLowerCase()}`, counter);
    expect(details.why).toBe('MRZ lowercase');
    expect(message.id).toMatch(/huruf kecil.*huruf kapital: pengaturan pembaca dokumen salah/);
    expect(message.en).toMatch(/lowercase.*always in capitals: the document reader is misconfigured/);
  });

  it('is refused with a character outside A–Z, 0–9 and <, naming where it is', () => {
    const spaced = refusal(`${icaoLine1}\n${withChar(icaoLine2, 37, ' ')}`, counter);
    expect(spaced.details).toMatchObject({ why: 'MRZ character', line: 2, column: 38, character: ' ' });
    expect(spaced.message.id).toBe('MRZ berisi spasi di baris 2, kolom 38. Hanya A–Z, 0–9 dan < yang sah.');
    expect(refusal(`${withChar(icaoLine1, 30, '«')}\n${icaoLine2}`, counter).message.en).toBe(
      'The MRZ has "«" on line 1, column 31. Only A–Z, 0–9 and < are allowed.',
    );
  });
});

describe('a document that is not a passport, on the passport reader', () => {
  it('refuses an identity card’s three-line TD1 MRZ', () => {
    const idCard = [
      'I<UTOD23145890<1233<<<<<<<<<<<',
      '7408122F1204159UTO<<<<<<<<<<<2',
      'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
    ];
    expect(parse(idCard).format).toBe('TD1');
    const { details, message } = refusal(idCard.join('\r\n'), counter);
    expect(details).toMatchObject({ why: 'not a passport MRZ', format: 'TD1' });
    expect(message.id).toBe('Ini MRZ kartu identitas (TD1), bukan paspor. Pindai halaman data paspor.');
    expect(message.en).toBe(
      "This is the MRZ of an identity card (TD1), not a passport. Scan the passport's data page.",
    );
  });

  it('refuses a visa, whose MRZ has passport-length lines', () => {
    const { details, message } = refusal(`V${icaoLine1.slice(1)}\n${icaoLine2}`, counter);
    expect(details).toMatchObject({ why: 'not a passport MRZ', format: 'TD3' });
    expect(message.en).toMatch(/a document with code V, not a passport/);
  });
});

describe('an MRZ the reader misread, letters for digits or digits for letters', () => {
  it('is refused with an O for a 0 in the birth date, suggesting the value the check digit confirms', () => {
    const { details, message } = refusal(`${icaoLine1}\n${icaoLine2.replace('740812', '74O812')}`, counter);
    expect(message.id).toBe('MRZ salah baca, huruf dan angka tertukar: tanggal lahir. Pindai ulang paspor.');
    expect(message.en).toBe(
      'MRZ misread, letters and digits swapped: date of birth. Scan the passport again.',
    );
    expect(details).toMatchObject({
      why: 'MRZ misread',
      fields: ['birthDate'],
      suggestions: [
        { field: 'birthDate', line: 2, column: 14, read: '74O812', suggested: '740812', checked: true },
      ],
      correctedLines: [icaoLine1, icaoLine2],
    });
  });

  it('suggests a 1 for an L in the expiry date, which the library does not correct on its own', () => {
    const { details } = refusal(`${icaoLine1}\n${icaoLine2.replace('120415', 'L20415')}`, counter);
    expect(details.suggestions).toEqual([
      { field: 'expirationDate', line: 2, column: 22, read: 'L20415', suggested: '120415', checked: true },
    ]);
  });

  it('suggests nothing when the corrected date fails its check digit', () => {
    // The data page says 8; the reader saw O, and O read as 0 fails the check digit.
    const misread = icaoLine2.replace('740812', '740O12');
    const { details } = refusal(`${icaoLine1}\n${misread}`, counter);
    expect(details.fields).toEqual(['birthDate']);
    expect(details.suggestions).toEqual([]);
    expect(details.correctedLines).toBeUndefined();
  });

  it('is refused with a digit in the name, suggesting letters that no check digit can confirm', () => {
    const { details, message } = refusal(
      `${icaoLine1.replace('ERIKSSON', 'ER1KSS0N')}\n${icaoLine2}`,
      counter,
    );
    expect(message.en).toMatch(/swapped: name\./);
    expect(details.suggestions).toEqual([
      {
        field: 'name',
        line: 1,
        column: 6,
        read: 'ER1KSS0N<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
        suggested: 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
        checked: false,
      },
    ]);
  });
});

describe('an M-Paspor booking scanned at the kiosk', () => {
  it('is read from a booking code, a URL, JSON or a NIK, as before', () => {
    expect(readPayload('mpdps-00001\r\n', kiosk)).toEqual({
      kind: 'booking',
      scan: { kind: 'code', bookingCode: 'MPDPS-00001' },
    });
    expect(readPayload('https://m-paspor.imigrasi.go.id/booking?code=MPDPS-00002&kantor=dps')).toEqual({
      kind: 'booking',
      scan: { kind: 'code', bookingCode: 'MPDPS-00002', office: 'DPS' },
    });
    expect(readPayload('{"kode":"MPDPS-00003"}', kiosk)).toEqual({
      kind: 'booking',
      scan: { kind: 'code', bookingCode: 'MPDPS-00003' },
    });
    expect(readPayload('5171015203900002', kiosk)).toEqual({
      kind: 'booking',
      scan: { kind: 'nik', nik: '5171015203900002' },
    });
  });

  it('is refused with what the kiosk takes when its URL carries no code', () => {
    const { details, message } = refusal('https://m-paspor.imigrasi.go.id/', kiosk);
    expect(details).toEqual({ why: 'URL carries no booking code', expected: ['booking', 'ticket'] });
    expect(message.id).toBe(
      'Kode tidak dikenali. Pindai QR M-Paspor (atau ketik kode booking / NIK) atau QR pada tiket antrean.',
    );
  });
});

describe('the QR on a queue ticket, scanned at a later station', () => {
  const ticketId = '3f1c9a52-7d4e-4b6a-9c1f-2a8e5d0b7c13';

  it('names the office and the ticket', () => {
    expect(readPayload(ticketQr('DPS', ticketId))).toEqual({ kind: 'ticket', office: 'DPS', ticketId });
  });

  it('is read when a Caps Lock scanner inverted its case', () => {
    expect(readPayload(`loket:t:dps:${ticketId.toUpperCase()}`)).toEqual({
      kind: 'ticket',
      office: 'DPS',
      ticketId,
    });
  });

  it('is refused when the ticket id or the office code is not well formed', () => {
    const badId = refusal(ticketQr('DPS', '3f1c-77'), kiosk);
    expect(badId.details).toMatchObject({ why: 'ticket id is not a UUID', found: 'ticket' });
    expect(badId.message.en).toMatch(/^The ticket QR is not valid\. Scan /);
    expect(refusal(ticketQr('D', ticketId), kiosk).details.why).toBe('ticket QR office code is malformed');
    expect(refusal(`${ticketQr('DPS', ticketId)}:extra`, kiosk).details.why).toBe(
      'ticket QR has too many parts',
    );
  });
});

describe('the QR on a receipt (tanda terima), scanned at pickup', () => {
  it('reads back the office and application number it was printed with', () => {
    const text = receiptQr('DPS', 'DPS-2025-000123');
    expect(text).toBe('LOKET:R:DPS:DPS-2025-000123');
    expect(readPayload(text, { accept: ['receipt'] })).toEqual({
      kind: 'receipt',
      office: 'DPS',
      applicationNumber: 'DPS-2025-000123',
      signature: null,
    });
  });

  it('reads back the signature of a signed receipt, in either case', () => {
    const signature = '0123456789abcdef0123456789abcdef';
    const text = receiptQr('DPS', 'DPS-2025-000123', signature);
    expect(text).toBe(`LOKET:R:DPS:DPS-2025-000123:${signature}`);
    expect(readPayload(text.toUpperCase(), { accept: ['receipt'] })).toEqual({
      kind: 'receipt',
      office: 'DPS',
      applicationNumber: 'DPS-2025-000123',
      signature,
    });
    expect(refusal(`${text}x`, { accept: ['receipt'] }).details.why).toBe('receipt signature is malformed');
    expect(refusal(`${text}:x`, { accept: ['receipt'] }).details.why).toBe('receipt QR has too many parts');
  });

  it('is never printed for an application number the scanner could not read back', () => {
    expect(refusalOf(() => receiptQr('DPS', 'A1')).code).toBe('INVALID_INPUT');
    expect(refusalOf(() => receiptQr('DPS', 'DPS 2025 000123')).code).toBe('INVALID_INPUT');
    expect(refusalOf(() => receiptQr('denpasar', 'DPS-2025-000123')).code).toBe('INVALID_INPUT');
  });

  it('is refused with a malformed application number', () => {
    expect(refusal('LOKET:R:DPS:A1', { accept: ['receipt'] }).details.why).toBe(
      'application number is malformed',
    );
  });
});

describe('a blank booklet scanned at the print station', () => {
  it('gives its serial: one or two letters and 6–7 digits, in capitals', () => {
    expect(readPayload('X1234567\r\n', printStation)).toEqual({ kind: 'booklet', serial: 'X1234567' });
    expect(readPayload('E1234567', printStation)).toEqual({ kind: 'booklet', serial: 'E1234567' });
    expect(readPayload(' ab123456 ', printStation)).toEqual({ kind: 'booklet', serial: 'AB123456' });
  });

  it('is refused with any other shape, telling the officer to scan the booklet serial', () => {
    for (const text of ['ABC123456', 'X12345', 'X12345678', '12345678', 'X-1234567']) {
      const { code, details, message } = refusal(text, printStation);
      expect(code).toBe('INVALID_SCAN');
      expect(details.expected).toEqual(['booklet']);
      expect(message).toEqual({
        id: 'Kode tidak dikenali. Pindai nomor seri buku paspor.',
        en: 'Code not recognised. Scan the passport booklet serial.',
      });
    }
  });

  it('follows an office’s own serial pattern when it has one', () => {
    const options = { ...printStation, bookletPattern: /^B\d{9}$/g };
    expect(readPayload('B123456789', options)).toEqual({ kind: 'booklet', serial: 'B123456789' });
    expect(readPayload('B123456789', options)).toEqual({ kind: 'booklet', serial: 'B123456789' });
    expect(refusal('X1234567', options).code).toBe('INVALID_SCAN');
  });
});

describe('a station that takes only some kinds', () => {
  it('refuses a booking code at the booklet-only print station with the booklet message', () => {
    const { details, message } = refusal('MPDPS-00001', printStation);
    expect(details).toEqual({ why: 'not a code any accepted kind takes', expected: ['booklet'] });
    expect(message.en).toBe('Code not recognised. Scan the passport booklet serial.');
  });

  it('says a ticket QR is a ticket when the print station wants a booklet', () => {
    const { details, message } = refusal(
      ticketQr('DPS', '3f1c9a52-7d4e-4b6a-9c1f-2a8e5d0b7c13'),
      printStation,
    );
    expect(details).toMatchObject({ found: 'ticket', expected: ['booklet'] });
    expect(message).toEqual({
      id: 'Ini QR tiket antrean. Pindai nomor seri buku paspor.',
      en: 'This is a queue ticket QR. Scan the passport booklet serial.',
    });
  });

  it('refuses a passport MRZ at the kiosk', () => {
    const { details, message } = refusal(icaoSpecimen, { accept: ['booking'] });
    expect(details).toMatchObject({ found: 'mrz', expected: ['booking'] });
    expect(message.en).toBe('This is a passport MRZ. Scan the M-Paspor QR (or type the booking code / NIK).');
  });

  it('refuses a booking QR at the counter’s document reader', () => {
    expect(refusal('{"code":"MPDPS-00001"}', counter).message.en).toBe(
      "This is an M-Paspor booking QR. Scan the MRZ on the passport's data page.",
    );
  });
});

describe('a serial that is both a booking code and a booklet serial', () => {
  const both = { accept: ['booking', 'booklet'] as PayloadKind[] };

  it('is a booking code by default', () => {
    expect(readPayload('X1234567')).toEqual({
      kind: 'booking',
      scan: { kind: 'code', bookingCode: 'X1234567' },
    });
    expect(readPayload('X1234567', both).kind).toBe('booking');
  });

  it('is a booklet serial when the station lists booklets first', () => {
    expect(readPayload('X1234567', { accept: ['booklet', 'booking'] }).kind).toBe('booklet');
  });

  it('is a booklet serial when read from a Code 128 or Code 39 barcode, as booklets are printed', () => {
    for (const symbology of [']C0', ']A0', 'Code 128', 'Code 39']) {
      expect(readPayload('X1234567', { ...both, symbology })).toEqual({
        kind: 'booklet',
        serial: 'X1234567',
      });
    }
    expect(readPayload('X1234567', { ...both, symbology: ']Q1' }).kind).toBe('booking');
    expect(readPayload('MPDPS-00001', { ...both, symbology: ']C0' }).kind).toBe('booking');
  });
});

describe('text no station can read', () => {
  it('is refused when empty or only scanner noise', () => {
    expect(refusal('').details.why).toBe('empty');
    expect(refusal('\r\n\u0002\u0003').details.why).toBe('empty');
  });

  it('is refused when longer than any code a scanner sends', () => {
    const { details } = refusal('A'.repeat(maxScanLength + 1));
    expect(details).toEqual({
      why: 'too long',
      expected: ['booking', 'ticket', 'receipt', 'booklet', 'mrz'],
    });
    expect(refusal(`${icaoSpecimen}${'<'.repeat(maxScanLength)}`, counter).details.why).toBe('too long');
  });

  it('is refused when it is garbage, markup or SQL, listing everything the station takes', () => {
    for (const text of ['zz', '<script>alert(1)</script>', "'; DROP TABLE bookings;--", 'LOKET:X:DPS:1']) {
      const { code, message } = refusal(text);
      expect(code).toBe('INVALID_SCAN');
      expect(message.id).toBe(
        'Kode tidak dikenali. Pindai QR M-Paspor (atau ketik kode booking / NIK), QR pada tiket antrean, QR pada tanda terima, nomor seri buku paspor atau MRZ di halaman data paspor.',
      );
    }
  });
});
