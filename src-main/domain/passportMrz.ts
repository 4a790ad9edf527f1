import { parse as parseMrz } from 'mrz';
import { LoketError } from './errors.ts';

/**
 * The machine readable zone of a passport's data page (ICAO Doc 9303 part 4, TD3): two lines of 44
 * characters in the MRZ alphabet (A–Z, 0–9, `<`), with check digits over the document number, the
 * birth date, the expiry date and the personal number, and a composite check digit. Every zone
 * made here is read back with a well-kept parser (`mrz`) before it is handed out.
 */

export interface PassportMrzInput {
  /** `P` and a second letter or filler: `P<` ordinary, `PD` diplomatic … */
  documentCode?: string;
  issuingState: string;
  /** The surname-like part (in Indonesian names: the last name word), and the given names. */
  primary: string;
  secondary: string;
  /** The passport number (the booklet's serial), up to 9 characters. */
  documentNumber: string;
  nationality: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  sex: 'M' | 'F' | 'X';
  /** YYYY-MM-DD. */
  expiryDate: string;
  /** Optional data (up to 14 characters), e.g. a national identity number. */
  personalNumber?: string;
}

/** Doc 9303 part 3, 6.A: the letters transliterated to two letters, beyond plain accents. */
const twoLetters: Record<string, string> = {
  Ä: 'AE',
  Æ: 'AE',
  Å: 'AA',
  Ö: 'OE',
  Ø: 'OE',
  Ü: 'UE',
  ß: 'SS',
  Œ: 'OE',
  Þ: 'TH',
  Ĳ: 'IJ',
};

/**
 * A name part in the MRZ alphabet: capitals, accents dropped (Doc 9303's transliteration), the
 * apostrophe and other marks left out (O'Neil → ONEIL), a hyphen or space a filler (`<`).
 */
export function transliterate(name: string): string {
  return name
    .toUpperCase()
    .replace(/[ÄÆÅÖØÜßŒÞĲ]/g, (c) => twoLetters[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’`ʼ.,]/g, '')
    .replace(/[\s-]+/g, '<')
    .replace(/[^A-Z<]/g, '')
    .replace(/^<+|<+$/g, '');
}

/**
 * The name field (39 characters): PRIMARY<<SECONDARY, padded with fillers. Too long a name is cut
 * from the end of the secondary identifier first, then the primary; a cut name ends on a letter
 * in the field's last place, which is how a reader knows it was truncated.
 */
export function nameField(
  primary: string,
  secondary: string,
  width = 39,
): { field: string; truncated: boolean } {
  const first = transliterate(primary);
  const second = transliterate(secondary);
  if (!first && !second)
    throw new LoketError('INVALID_INPUT', {
      id: 'Nama tidak dapat ditulis dalam MRZ.',
      en: 'The name cannot be written in the MRZ.',
    });
  // A single name is the primary identifier (Doc 9303 part 4, 4.6).
  const [main, given] = first ? [first, second] : [second, ''];
  const full = given ? `${main}<<${given}` : main;
  if (full.length <= width) return { field: full.padEnd(width, '<'), truncated: false };
  const room = width - main.length - 2;
  const cut = room >= 1 ? `${main}<<${given.slice(0, room)}` : main.slice(0, width);
  // A cut that ends on a filler moves back to the last letter and pads again.
  const trimmed = cut.replace(/<+$/, '');
  return { field: trimmed.padEnd(width, '<'), truncated: true };
}

const values = (c: string) => (c === '<' ? 0 : /[0-9]/.test(c) ? Number(c) : c.charCodeAt(0) - 55);

/** Doc 9303 part 3, 4.9: weights 7, 3, 1 over the characters, modulo 10. */
export function checkDigit(text: string): string {
  let sum = 0;
  for (let i = 0; i < text.length; i += 1) sum += values(text.charAt(i)) * ([7, 3, 1][i % 3] as number);
  return String(sum % 10);
}

const yymmdd = (date: string) => date.replace(/-/g, '').slice(2);

function field(text: string, width: number, what: string): string {
  const value = text.toUpperCase().replace(/[\s-]/g, '');
  if (!/^[A-Z0-9<]*$/.test(value) || value.length > width)
    throw new LoketError(
      'INVALID_INPUT',
      {
        id: `${what} tidak dapat ditulis dalam MRZ (${text}).`,
        en: `The ${what} cannot be written in the MRZ (${text}).`,
      },
      { field: what, value: text },
    );
  return value.padEnd(width, '<');
}

export interface PassportMrz {
  lines: [string, string];
  /** The name was cut to fit its 39 places. */
  nameTruncated: boolean;
}

/** The two TD3 lines of a passport, checked by reading them back. */
export function passportMrz(input: PassportMrzInput): PassportMrz {
  const code = field(input.documentCode ?? 'P', 2, 'document code');
  const name = nameField(input.primary, input.secondary);
  const line1 = `${code}${field(input.issuingState, 3, 'issuing state')}${name.field}`;
  const number = field(input.documentNumber, 9, 'document number');
  const birth = yymmdd(input.birthDate);
  const expiry = yymmdd(input.expiryDate);
  const personal = field(input.personalNumber ?? '', 14, 'personal number');
  const personalCheck = /^<+$/.test(personal) ? '<' : checkDigit(personal);
  const body =
    `${number}${checkDigit(number)}${field(input.nationality, 3, 'nationality')}` +
    `${birth}${checkDigit(birth)}${input.sex === 'X' ? '<' : input.sex}${expiry}${checkDigit(expiry)}` +
    `${personal}${personalCheck}`;
  const composite = body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 43);
  const line2 = `${body}${checkDigit(composite)}`;
  // ICAO's specimen state UTO is no state the parser knows; everything else must pass.
  const problems = parseMrz([line1, line2])
    .details.filter((d) => !d.valid)
    .filter(
      (d) =>
        !(
          /state code: UTO$/.test(d.error ?? '') &&
          (d.field === 'issuingState' || d.field === 'nationality')
        ),
    )
    .map((d) => d.field);
  if (problems.length)
    throw new LoketError(
      'INTERNAL',
      { id: 'MRZ yang dibuat tidak lolos pemeriksaan.', en: 'The MRZ made does not pass its check.' },
      { lines: [line1, line2], problems },
    );
  return { lines: [line1, line2], nameTruncated: name.truncated };
}
