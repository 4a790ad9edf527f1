import { parse as parseMrz, type FieldName, type ParseResult } from 'mrz';
import { z } from 'zod';
import { LoketError, isLoketError, type Bilingual } from './errors.ts';
import { isValidLocalDate } from './localTime.ts';
import { officeConfigSchema } from './office.ts';
import { maxScanLength, readScan, type ScannedBooking } from './scan.ts';

/**
 * What a scanned text is. Every scanner on the floor (kiosk, counters, print station) hands its
 * text here; the station says which kinds it accepts, and anything else is refused with a message
 * that says what to scan instead.
 */

/** In the order they are tried when a text could be more than one (see `readPayload`). */
export const payloadKinds = ['booking', 'ticket', 'receipt', 'booklet', 'mrz'] as const;
export type PayloadKind = (typeof payloadKinds)[number];

export interface MrzPayload {
  kind: 'mrz';
  /** `P`, or `P` and a second letter (`PD` diplomatic, `PS` service …). */
  documentCode: string;
  issuingState: string;
  documentNumber: string;
  nationality: string;
  lastName: string;
  /** Empty for a holder with a single name, which is common in Indonesia. */
  firstName: string;
  /** YYMMDD as printed; `<` stands for an unknown day or month. */
  birthDate: string;
  /** YYYY-MM-DD only when the century is certain (see `birthDateIsoOf`); otherwise null. */
  birthDateIso: string | null;
  /** X when the MRZ leaves it unspecified (`<`). */
  sex: 'F' | 'M' | 'X';
  /** YYMMDD as printed. */
  expirationDate: string;
  /** Empty when the passport carries none. */
  personalNumber: string;
  lines: [string, string];
}

export type Payload =
  | { kind: 'booking'; scan: ScannedBooking }
  | { kind: 'ticket'; office: string; ticketId: string }
  | { kind: 'receipt'; office: string; applicationNumber: string; signature: string | null }
  | { kind: 'booklet'; serial: string }
  | MrzPayload;

export interface ReadPayloadOptions {
  /** The kinds this station takes, in order of preference; all of them by default. */
  accept?: readonly PayloadKind[];
  /** The scanner's symbology, as an AIM identifier (`]C0`) or a name (`Code 128`). */
  symbology?: string;
  /** Replaces `bookletSerialPattern`, for an office whose booklets carry other serials. */
  bookletPattern?: RegExp;
}

export const applicationNumberPattern = /^[A-Z0-9-]{6,32}$/;
/** An Indonesian passport number: one or two capital letters and 6–7 digits (`X1234567`, `AB123456`). */
export const bookletSerialPattern = /^[A-Z]{1,2}[0-9]{6,7}$/;

const ticketIdSchema = z.uuid();
const isOfficeCode = (code: string) => officeConfigSchema.shape.code.safeParse(code).success;

/** A receipt QR's signature: 32 hex digits (the hub's HMAC, services/receipts.ts); either case. */
export const receiptSignaturePattern = /^[0-9a-f]{32}$/i;

/**
 * The text of the QR printed on a receipt (tanda terima), scanned at the kiosk and at pickup:
 * `LOKET:R:<office>:<application number>:<signature>`. Receipts printed before they were signed
 * have no signature part.
 */
export function receiptQr(officeCode: string, applicationNumber: string, signature?: string): string {
  // A receipt whose QR cannot be read back is found out only at pickup, days later.
  if (!isOfficeCode(officeCode) || !applicationNumberPattern.test(applicationNumber)) {
    throw new LoketError(
      'INVALID_INPUT',
      {
        id: 'Kode kantor atau nomor permohonan tidak sah; QR tanda terima tidak dibuat.',
        en: 'Invalid office code or application number; no receipt QR was made.',
      },
      { officeCode, applicationNumber },
    );
  }
  if (signature !== undefined && !receiptSignaturePattern.test(signature))
    throw new LoketError('INVALID_INPUT', {
      id: 'Tanda tangan QR tanda terima tidak sah.',
      en: 'Invalid receipt QR signature.',
    });
  const signed = signature === undefined ? '' : `:${signature.toLowerCase()}`;
  return `LOKET:R:${officeCode}:${applicationNumber}${signed}`;
}

/**
 * Says what a scanned text is: an M-Paspor booking (code, URL, JSON or NIK), a Loket ticket or
 * receipt QR, a blank booklet's serial, or the two-line MRZ of a passport. Anything that is none of
 * the accepted kinds is refused with `INVALID_SCAN` and a message naming what to scan.
 *
 * A booklet serial (`X1234567`) is also a valid booking code. When both are accepted, the order of
 * `accept` decides (booking first by default), except that a Code 128 or Code 39 symbology means a
 * linear barcode, which is how booklet serials are printed — M-Paspor bookings are QR codes.
 */
export function readPayload(raw: string, options: ReadPayloadOptions = {}): Payload {
  const accept = acceptedKinds(options.accept);
  if (raw.length > maxScanLength) throw refusal(accept, 'too long');
  // Scanners add STX/ETX, tabs or AIM prefixes; CR and LF only matter as the MRZ line separator.
  // eslint-disable-next-line no-control-regex
  const text = raw.replace(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  if (!text) throw refusal(accept, 'empty');

  if (/^LOKET:/i.test(text)) return readLoketQr(text, accept);
  if (text.startsWith('{') || /^https?:\/\//i.test(text)) {
    if (!accept.includes('booking')) throw refusal(accept, 'booking QR not accepted here', 'booking');
    const booking = tryBooking(text);
    if ('why' in booking) throw refusal(accept, booking.why);
    return { kind: 'booking', scan: booking.scan };
  }
  if (looksLikeMrz(text)) {
    if (!accept.includes('mrz')) throw refusal(accept, 'MRZ not accepted here', 'mrz');
    return readPassportMrz(text, accept);
  }
  return readCode(text.replace(/[\r\n]/g, ''), accept, options);
}

function acceptedKinds(accept: readonly PayloadKind[] | undefined): readonly PayloadKind[] {
  if (!accept) return payloadKinds;
  if (accept.length === 0) throw new TypeError('readPayload: accept names no kind');
  return [...new Set(accept)];
}

/** A booking code, a NIK or a booklet serial: plain text that only its pattern tells apart. */
function readCode(text: string, accept: readonly PayloadKind[], options: ReadPayloadOptions): Payload {
  const serial = text.toUpperCase();
  const isSerial = matches(options.bookletPattern ?? bookletSerialPattern, serial);
  let why = 'not a code any accepted kind takes';
  for (const kind of codeKindsInOrder(accept, options.symbology)) {
    if (kind === 'booklet' && isSerial) return { kind: 'booklet', serial };
    if (kind === 'booking') {
      const booking = tryBooking(text);
      if ('scan' in booking) return { kind: 'booking', scan: booking.scan };
      why = booking.why;
    }
  }
  throw refusal(accept, why);
}

function codeKindsInOrder(accept: readonly PayloadKind[], symbology: string | undefined): PayloadKind[] {
  const kinds = accept.filter((kind) => kind === 'booking' || kind === 'booklet');
  if (!symbology || !isLinearBarcode(symbology)) return kinds;
  return [...kinds.filter((kind) => kind === 'booklet'), ...kinds.filter((kind) => kind !== 'booklet')];
}

/** Code 128 and Code 39, by AIM identifier (ISO/IEC 15424: `]C…`, `]A…`) or by name. */
function isLinearBarcode(symbology: string): boolean {
  const text = symbology.trim();
  return /^\][AC].$/.test(text) || /^code[ _-]?(39|128)$/i.test(text);
}

function matches(pattern: RegExp, text: string): boolean {
  // A caller's /g or /y pattern would remember where it last matched.
  pattern.lastIndex = 0;
  return pattern.test(text);
}

function tryBooking(text: string): { scan: ScannedBooking } | { why: string } {
  try {
    return { scan: readScan(text) };
  } catch (error) {
    if (isLoketError(error) && error.code === 'INVALID_SCAN') return { why: String(error.details.why) };
    throw error;
  }
}

function readLoketQr(text: string, accept: readonly PayloadKind[]): Payload {
  // A keyboard-wedge scanner with Caps Lock on swaps the case; a UUID is the same in either case.
  const [prefix, type, office = '', id = '', signature, ...rest] = text.split(':');
  const kind = type?.toUpperCase() === 'T' ? 'ticket' : type?.toUpperCase() === 'R' ? 'receipt' : null;
  if (prefix?.toUpperCase() !== 'LOKET' || !kind) throw refusal(accept, 'unknown Loket QR');
  if (!accept.includes(kind)) throw refusal(accept, `${kind} QR not accepted here`, kind);
  const officeCode = office.toUpperCase();
  const malformed = (why: string) => refusal(accept, why, kind, unreadable[kind]);
  if (rest.length > 0 || (kind === 'ticket' && signature !== undefined))
    throw malformed(`${kind} QR has too many parts`);
  if (!isOfficeCode(officeCode)) throw malformed(`${kind} QR office code is malformed`);
  if (kind === 'ticket') {
    const ticketId = id.toLowerCase();
    if (!ticketIdSchema.safeParse(ticketId).success) throw malformed('ticket id is not a UUID');
    return { kind, office: officeCode, ticketId };
  }
  const applicationNumber = id.toUpperCase();
  if (!applicationNumberPattern.test(applicationNumber)) throw malformed('application number is malformed');
  if (signature !== undefined && !receiptSignaturePattern.test(signature))
    throw malformed('receipt signature is malformed');
  return { kind, office: officeCode, applicationNumber, signature: signature?.toLowerCase() ?? null };
}

// --- Refusals -------------------------------------------------------------------------------------

const wanted: Record<PayloadKind, Bilingual> = {
  booking: {
    id: 'QR M-Paspor (atau ketik kode booking / NIK)',
    en: 'the M-Paspor QR (or type the booking code / NIK)',
  },
  ticket: { id: 'QR pada tiket antrean', en: 'the QR on the queue ticket' },
  receipt: { id: 'QR pada tanda terima', en: 'the QR on the receipt' },
  booklet: { id: 'nomor seri buku paspor', en: 'the passport booklet serial' },
  mrz: { id: 'MRZ di halaman data paspor', en: "the MRZ on the passport's data page" },
};

const recognised: Record<PayloadKind, Bilingual> = {
  booking: { id: 'Ini QR booking M-Paspor.', en: 'This is an M-Paspor booking QR.' },
  ticket: { id: 'Ini QR tiket antrean.', en: 'This is a queue ticket QR.' },
  receipt: { id: 'Ini QR tanda terima.', en: 'This is a receipt QR.' },
  booklet: { id: 'Ini nomor seri buku paspor.', en: 'This is a passport booklet serial.' },
  mrz: { id: 'Ini MRZ paspor.', en: 'This is a passport MRZ.' },
};

const unreadable: Record<'ticket' | 'receipt', Bilingual> = {
  ticket: { id: 'QR tiket tidak sah.', en: 'The ticket QR is not valid.' },
  receipt: { id: 'QR tanda terima tidak sah.', en: 'The receipt QR is not valid.' },
};

const notRecognised: Bilingual = { id: 'Kode tidak dikenali.', en: 'Code not recognised.' };

/** "Kode tidak dikenali. Pindai nomor seri buku paspor." — what was wrong, then what to scan. */
function refusal(
  accept: readonly PayloadKind[],
  why: string,
  found?: PayloadKind,
  lead: Bilingual = found ? recognised[found] : notRecognised,
): LoketError {
  const what = (language: keyof Bilingual) => accept.map((kind) => wanted[kind][language]);
  return new LoketError(
    'INVALID_SCAN',
    {
      id: `${lead.id} Pindai ${listed(what('id'), 'atau')}.`,
      en: `${lead.en} Scan ${listed(what('en'), 'or')}.`,
    },
    found ? { why, expected: accept, found } : { why, expected: accept },
  );
}

/** "a, b atau c" — Indonesian and English both put no comma before the last word. */
function listed(items: readonly string[], last: string): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`;
}

// --- Passport MRZ (ICAO 9303 TD3) -----------------------------------------------------------------

/** Fillers (`<`) and mostly MRZ characters: a document reader's output, even a misconfigured one. */
function looksLikeMrz(text: string): boolean {
  const chars = text.replace(/[\r\n]/g, '');
  if (!chars.includes('<') || chars.length < 30) return false;
  return (chars.match(/[A-Za-z0-9<]/g)?.length ?? 0) >= chars.length * 0.9;
}

type MrzField =
  | 'documentCode'
  | 'issuingState'
  | 'name'
  | 'documentNumber'
  | 'nationality'
  | 'birthDate'
  | 'sex'
  | 'expirationDate'
  | 'personalNumber'
  | 'composite';

const mrzFieldNames: Record<MrzField, Bilingual> = {
  documentCode: { id: 'kode dokumen', en: 'document code' },
  issuingState: { id: 'negara penerbit', en: 'issuing state' },
  name: { id: 'nama', en: 'name' },
  documentNumber: { id: 'nomor paspor', en: 'document number' },
  nationality: { id: 'kewarganegaraan', en: 'nationality' },
  birthDate: { id: 'tanggal lahir', en: 'date of birth' },
  sex: { id: 'jenis kelamin', en: 'sex' },
  expirationDate: { id: 'tanggal habis berlaku', en: 'expiry date' },
  personalNumber: { id: 'nomor pribadi', en: 'personal number' },
  composite: { id: 'gabungan baris 2', en: 'composite of line 2' },
};

/** Which of our fields each of the library's fields belongs to. */
const fieldOf: Partial<Record<FieldName, MrzField>> = {
  documentCode: 'documentCode',
  issuingState: 'issuingState',
  lastName: 'name',
  firstName: 'name',
  documentNumber: 'documentNumber',
  documentNumberCheckDigit: 'documentNumber',
  nationality: 'nationality',
  birthDate: 'birthDate',
  birthDateCheckDigit: 'birthDate',
  sex: 'sex',
  expirationDate: 'expirationDate',
  expirationDateCheckDigit: 'expirationDate',
  personalNumber: 'personalNumber',
  personalNumberCheckDigit: 'personalNumber',
  compositeCheckDigit: 'composite',
};

/**
 * The TD3 positions that hold only digits or only letters (and `<`), where a reader's O/0, I/1,
 * S/5, B/8 confusion shows. Document and personal numbers mix both, so only their check digits do.
 * `proof` names the library's fields that must pass once the slot is corrected: its check digit
 * where it has one.
 */
interface TypedSlot {
  field: MrzField;
  /** Line (0 or 1), first column, column after the last. */
  at: readonly [0 | 1, number, number];
  holds: 'digits' | 'letters';
  proof: readonly FieldName[];
}

const typedSlots: readonly TypedSlot[] = [
  { field: 'documentCode', at: [0, 0, 2], holds: 'letters', proof: ['documentCode'] },
  { field: 'issuingState', at: [0, 2, 5], holds: 'letters', proof: ['issuingState'] },
  { field: 'name', at: [0, 5, 44], holds: 'letters', proof: ['lastName', 'firstName'] },
  { field: 'documentNumber', at: [1, 9, 10], holds: 'digits', proof: ['documentNumberCheckDigit'] },
  { field: 'nationality', at: [1, 10, 13], holds: 'letters', proof: ['nationality'] },
  { field: 'birthDate', at: [1, 13, 19], holds: 'digits', proof: ['birthDate', 'birthDateCheckDigit'] },
  { field: 'birthDate', at: [1, 19, 20], holds: 'digits', proof: ['birthDateCheckDigit'] },
  { field: 'sex', at: [1, 20, 21], holds: 'letters', proof: ['sex'] },
  {
    field: 'expirationDate',
    at: [1, 21, 27],
    holds: 'digits',
    proof: ['expirationDate', 'expirationDateCheckDigit'],
  },
  { field: 'expirationDate', at: [1, 27, 28], holds: 'digits', proof: ['expirationDateCheckDigit'] },
  { field: 'personalNumber', at: [1, 42, 43], holds: 'digits', proof: ['personalNumberCheckDigit'] },
  { field: 'composite', at: [1, 43, 44], holds: 'digits', proof: ['compositeCheckDigit'] },
];

/** Check digits prove a correction; the other fields only that it is well formed. */
const checkDigitFields: readonly FieldName[] = [
  'documentNumberCheckDigit',
  'birthDateCheckDigit',
  'expirationDateCheckDigit',
  'personalNumberCheckDigit',
  'compositeCheckDigit',
];

const slotChars = { digits: /^[0-9<]*$/, letters: /^[A-Z<]*$/ } as const;

/**
 * Letters a reader gives for digits. The library's autocorrect knows O, I, S, B, G and Z; the rest
 * are confusions seen on worn data pages, used only where nothing but a digit may stand.
 */
const digitFor: Record<string, string> = {
  O: '0',
  Q: '0',
  D: '0',
  I: '1',
  L: '1',
  Z: '2',
  S: '5',
  G: '6',
  B: '8',
};

/** ICAO 9303's specimen state (Utopia), on training passports; the library lists only real states. */
const specimenState = 'UTO';

function mrzError(accept: readonly PayloadKind[], text: Bilingual, details: Record<string, unknown>) {
  return new LoketError('INVALID_SCAN', text, { expected: accept, ...details });
}

const scanAgain: Bilingual = { id: 'Pindai ulang paspor.', en: 'Scan the passport again.' };

function readPassportMrz(text: string, accept: readonly PayloadKind[]): MrzPayload {
  const lines = passportLines(text, accept);
  const misreads = typedSlots.filter((slot) => !wellFormed(lines, slot));
  if (misreads.length > 0) throw misreadError(lines, misreads, accept);

  const result = parseMrz(lines);
  const failed = result.details.filter((d) => !d.valid && !isSpecimenState(lines, d.field));
  const failedChecks = failed.filter((d) => d.field && checkDigitFields.includes(d.field));
  if (failedChecks.length > 0) {
    const fields = uniqueFields(failedChecks.map((d) => d.field));
    // The composite covers every other check digit; name it only when it is the one that fails.
    const named = fields.length > 1 ? fields.filter((f) => f !== 'composite') : fields;
    throw mrzError(
      accept,
      {
        id: `Digit periksa MRZ tidak cocok: ${namesOf(named, 'id')}. ${scanAgain.id}`,
        en: `MRZ check digit does not match: ${namesOf(named, 'en')}. ${scanAgain.en}`,
      },
      { why: 'MRZ check digit', fields, problems: problemsOf(failed) },
    );
  }
  if (failed.length > 0) {
    const fields = uniqueFields(failed.map((d) => d.field));
    throw mrzError(
      accept,
      {
        id: `Isian MRZ tidak sah: ${namesOf(fields, 'id')}. ${scanAgain.id}`,
        en: `Invalid MRZ field: ${namesOf(fields, 'en')}. ${scanAgain.en}`,
      },
      { why: 'MRZ field', fields, problems: problemsOf(failed) },
    );
  }
  return mrzPayload(result, lines);
}

interface Problem {
  text: Bilingual;
  details: Record<string, unknown>;
}

/** The two 44-character lines, or a refusal that says what is wrong with their shape. */
function passportLines(text: string, accept: readonly PayloadKind[]): [string, string] {
  const lines = text.split(/\r\n|\r|\n/).filter((line) => line.length > 0);
  // Some readers send both lines as one run of 88 characters (or a card's 90 or 72).
  const single = lines.length === 1 ? (lines[0] ?? '') : '';
  const width = { 88: 44, 90: 30, 72: 36 }[single.length];
  const split = width ? (single.match(new RegExp(`.{${width}}`, 'g')) ?? []) : lines;
  const problem = caseProblem(text) ?? characterProblem(split) ?? shapeProblem(split);
  if (problem) throw mrzError(accept, problem.text, problem.details);
  return [split[0] ?? '', split[1] ?? ''];
}

function caseProblem(text: string): Problem | null {
  // Upper-casing would hide a reader that needs fixing, and an MRZ is never in lowercase.
  if (!/[a-z]/.test(text)) return null;
  return {
    text: {
      id: 'MRZ terbaca dengan huruf kecil, padahal MRZ selalu huruf kapital: pengaturan pembaca dokumen salah.',
      en: 'The MRZ was read in lowercase, but an MRZ is always in capitals: the document reader is misconfigured.',
    },
    details: { why: 'MRZ lowercase' },
  };
}

function characterProblem(lines: readonly string[]): Problem | null {
  for (const [index, line] of lines.entries()) {
    const at = line.search(/[^A-Z0-9<]/);
    if (at < 0) continue;
    const char = line.charAt(at);
    const shown = char === ' ' ? { id: 'spasi', en: 'a space' } : { id: `"${char}"`, en: `"${char}"` };
    const where = { line: index + 1, column: at + 1 };
    return {
      text: {
        id: `MRZ berisi ${shown.id} di baris ${where.line}, kolom ${where.column}. Hanya A–Z, 0–9 dan < yang sah.`,
        en: `The MRZ has ${shown.en} on line ${where.line}, column ${where.column}. Only A–Z, 0–9 and < are allowed.`,
      },
      details: { why: 'MRZ character', ...where, character: char },
    };
  }
  return null;
}

function shapeProblem(lines: readonly string[]): Problem | null {
  const other = otherDocument(lines);
  if (other) {
    return {
      text: {
        id: `Ini MRZ ${other.id}, bukan paspor. Pindai halaman data paspor.`,
        en: `This is the MRZ of ${other.en}, not a passport. Scan the passport's data page.`,
      },
      details: { why: 'not a passport MRZ', format: other.format },
    };
  }
  const length = lines[0]?.length ?? 0;
  if (lines.length === 1 && length > 44) {
    return {
      text: {
        id: `MRZ berisi ${length} karakter tanpa pemisah baris, seharusnya 2 × 44. ${scanAgain.id}`,
        en: `The MRZ has ${length} characters and no line break; it should have 2 × 44. ${scanAgain.en}`,
      },
      details: { why: 'MRZ length', length },
    };
  }
  if (lines.length !== 2) {
    return {
      text: {
        id: `MRZ paspor terdiri dari 2 baris, tetapi yang terbaca ${lines.length} baris. Pindai ulang kedua baris.`,
        en: `A passport MRZ has 2 lines; the reader sent ${lines.length}. Scan both lines again.`,
      },
      details: { why: 'MRZ line count', lines: lines.length },
    };
  }
  const wrong = lines.flatMap((line, index) =>
    line.length === 44 ? [] : [{ line: index + 1, length: line.length }],
  );
  if (wrong.length === 0) return null;
  const id = listed(
    wrong.map((w) => `baris ${w.line} berisi ${w.length} karakter`),
    'dan',
  );
  const en = listed(
    wrong.map((w) => `line ${w.line} has ${w.length} characters`),
    'and',
  );
  return {
    text: {
      id: `MRZ ${id}; setiap baris harus 44 karakter. ${scanAgain.id}`,
      en: `MRZ ${en}; each line must have 44. ${scanAgain.en}`,
    },
    details: { why: 'MRZ line length', lengths: lines.map((line) => line.length) },
  };
}

/** A TD1 card (3 × 30), a TD2 card or visa (2 × 36), or a 2 × 44 document that is not a passport. */
function otherDocument(lines: readonly string[]): (Bilingual & { format: string }) | null {
  const all = (count: number, length: number) =>
    lines.length === count && lines.every((line) => line.length === length);
  if (all(3, 30)) return { format: 'TD1', id: 'kartu identitas (TD1)', en: 'an identity card (TD1)' };
  if (all(2, 36))
    return { format: 'TD2', id: 'dokumen TD2 (kartu atau visa)', en: 'a TD2 document (card or visa)' };
  const code = lines[0]?.slice(0, 2).replace(/<$/, '') ?? '';
  if (all(2, 44) && !code.startsWith('P')) {
    return { format: 'TD3', id: `dokumen berkode ${code}`, en: `a document with code ${code}` };
  }
  return null;
}

function slice(lines: readonly string[], { at: [line, start, end] }: TypedSlot): string {
  return (lines[line] ?? '').slice(start, end);
}

const wellFormed = (lines: readonly string[], slot: TypedSlot) =>
  slotChars[slot.holds].test(slice(lines, slot));

/**
 * Letters and digits swapped where only one kind may stand. Refused, never corrected: the details
 * carry each corrected value that then passes (`checked` when a check digit proves it, not for
 * names and codes, which have none), and the whole corrected MRZ when every field then passes, for
 * an officer to compare with the data page.
 */
function misreadError(
  lines: [string, string],
  misreads: readonly TypedSlot[],
  accept: readonly PayloadKind[],
) {
  const corrected = correctedLines(lines);
  const check = parseMrz(corrected);
  const passes = (field: FieldName) =>
    check.details.some((d) => d.field === field && (d.valid || isSpecimenState(corrected, field)));
  const suggestions = misreads
    .filter((slot) => wellFormed(corrected, slot) && slot.proof.every(passes))
    .map((slot) => ({
      field: slot.field,
      line: slot.at[0] + 1,
      column: slot.at[1] + 1,
      read: slice(lines, slot),
      suggested: slice(corrected, slot),
      checked: slot.proof.some((field) => checkDigitFields.includes(field)),
    }));
  const allPass =
    typedSlots.every((slot) => wellFormed(corrected, slot)) &&
    check.details.every((d) => d.valid || isSpecimenState(corrected, d.field));
  const fields = [...new Set(misreads.map((slot) => slot.field))];
  return mrzError(
    accept,
    {
      id: `MRZ salah baca, huruf dan angka tertukar: ${namesOf(fields, 'id')}. ${scanAgain.id}`,
      en: `MRZ misread, letters and digits swapped: ${namesOf(fields, 'en')}. ${scanAgain.en}`,
    },
    allPass
      ? { why: 'MRZ misread', fields, suggestions, correctedLines: corrected }
      : { why: 'MRZ misread', fields, suggestions },
  );
}

/** The library's autocorrect, then the other letter-for-digit confusions in digit-only places. */
function correctedLines(lines: [string, string]): [string, string] {
  const chars = lines.map((line) => line.split(''));
  for (const detail of parseMrz(lines, { autocorrect: true }).details) {
    for (const fix of detail.autocorrect) {
      const row = chars[fix.line];
      if (row) row[fix.column] = fix.corrected;
    }
  }
  for (const { at, holds } of typedSlots) {
    const [line, start, end] = at;
    const row = chars[line];
    if (holds !== 'digits' || !row) continue;
    for (let column = start; column < end; column++) {
      row[column] = digitFor[row[column] ?? ''] ?? row[column] ?? '';
    }
  }
  return [chars[0]?.join('') ?? '', chars[1]?.join('') ?? ''];
}

function isSpecimenState(lines: readonly string[], field: FieldName | null): boolean {
  if (field === 'issuingState') return lines[0]?.slice(2, 5) === specimenState;
  if (field === 'nationality') return lines[1]?.slice(10, 13) === specimenState;
  return false;
}

function uniqueFields(fields: readonly (FieldName | null)[]): MrzField[] {
  const ours = fields.map((f) => (f ? fieldOf[f] : undefined)).filter((f): f is MrzField => !!f);
  return [...new Set(ours)];
}

function namesOf(fields: readonly MrzField[], language: keyof Bilingual): string {
  return listed(
    fields.map((f) => mrzFieldNames[f][language]),
    language === 'id' ? 'dan' : 'and',
  );
}

function problemsOf(details: ParseResult['details']) {
  return details.map((d) => ({ field: d.field, error: d.error ?? 'invalid' }));
}

function mrzPayload(result: ParseResult, lines: [string, string]): MrzPayload {
  // Every field is valid here, so the library gives each a value; the specimen state is the exception.
  const field = (name: FieldName) => result.fields[name] ?? '';
  const state = (name: FieldName, raw: string) => result.fields[name] ?? raw.replace(/<+$/, '');
  const birthDate = lines[1].slice(13, 19);
  const expirationDate = lines[1].slice(21, 27);
  const sex = lines[1].charAt(20);
  return {
    kind: 'mrz',
    documentCode: field('documentCode'),
    issuingState: state('issuingState', lines[0].slice(2, 5)),
    documentNumber: field('documentNumber'),
    nationality: state('nationality', lines[1].slice(10, 13)),
    lastName: field('lastName'),
    firstName: field('firstName'),
    birthDate,
    birthDateIso: birthDateIsoOf(birthDate, expirationDate),
    sex: sex === 'F' || sex === 'M' ? sex : 'X',
    expirationDate,
    personalNumber: field('personalNumber'),
    lines,
  };
}

/**
 * The MRZ prints two-digit years, and no clock is read here. A holder is born before the passport
 * expires, so a birth date that sorts after the expiry date lies in the century before the
 * expiry's: the 1900s (nobody born in the 1800s holds a passport). Otherwise 1925 and 2025 are
 * both possible, and the raw date is all there is.
 */
function birthDateIsoOf(birthDate: string, expirationDate: string): string | null {
  if (!/^\d{6}$/.test(birthDate) || !/^\d{6}$/.test(expirationDate)) return null;
  if (birthDate <= expirationDate) return null;
  const iso = `19${birthDate.slice(0, 2)}-${birthDate.slice(2, 4)}-${birthDate.slice(4, 6)}`;
  return isValidLocalDate(iso) ? iso : null;
}
