import { SmsInputError } from './errors.ts';

/** One SMS in the GSM 7-bit default alphabet. */
export const maxSmsLength = 160;

/**
 * The characters a message may hold: those whose byte is the same in ASCII and in the GSM 03.38
 * default alphabet. In text mode with `AT+CSCS="GSM"` some modems read the bytes as GSM codes and
 * some pass ASCII through; for these characters both readings agree, and none of them is Ctrl-Z
 * (0x1A, which ends the text) or ESC (0x1B, which cancels it). Plain Indonesian needs nothing else.
 */
const safe = /^[A-Za-z0-9 !"#%&'()*+,\-./:;<=>?]$/;

/** Characters outside the safe set with a close stand-in; accents are dropped before this. */
const standIns: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ł: 'l',
  Ł: 'L',
  ı: 'i',
  '‘': "'",
  '’': "'",
  '‚': "'",
  '`': "'",
  '´': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '–': '-',
  '—': '-',
  '‒': '-',
  '−': '-',
  _: '-',
  '~': '-',
  '•': '-',
  '…': '...',
  '[': '(',
  ']': ')',
  '{': '(',
  '}': ')',
  '\\': '/',
  '|': '/',
  '€': 'EUR',
};

/**
 * The text as it goes to the modem: accented letters lose their accent (é → e), a few signs get a
 * stand-in (’ → ', – → -), line breaks and other spaces become a space, and whatever is left
 * outside the safe set becomes `?`. `replaced` lists what had no stand-in.
 */
export function gsmText(text: string): { text: string; replaced: string[] } {
  const replaced: string[] = [];
  let out = '';
  for (const char of text.normalize('NFD').replace(/[\u0300-\u036f]/g, '')) {
    if (safe.test(char)) out += char;
    else if (/\s/.test(char)) out += ' ';
    else if (char in standIns) out += standIns[char];
    else {
      out += '?';
      replaced.push(char);
    }
  }
  return { text: out, replaced };
}

/**
 * The text made safe and checked to fit one SMS. A longer one is refused, not cut: a cut message
 * could lose the date or the warning about calo, and ours are written to fit.
 */
export function smsText(text: string): string {
  const safeText = gsmText(text).text;
  if (safeText.length > maxSmsLength)
    throw new SmsInputError(
      'TOO_LONG',
      `The message is ${safeText.length} characters; one SMS holds ${maxSmsLength}.`,
    );
  return safeText;
}
