/**
 * The single-byte code pages tickets are printed in, shared by the encoder (what may be sent as is)
 * and the decoder (what a byte means). Thermal printers know no UTF-8; the page is chosen with
 * ESC t n, whose numbers follow Epson's table, which the common clones keep for these pages.
 */
export const textCodepages = ['cp858', 'windows1252'] as const;
export type TextCodepage = (typeof textCodepages)[number];
/** cp437 too: the encoder draws rules with its box-drawing line. */
export type Codepage = TextCodepage | 'cp437';

export const escPosCodepageNumber: Record<Codepage, number> = { cp437: 0, windows1252: 16, cp858: 19 };

/** Characters of bytes 0x80–0xFF; bytes below are ASCII. U+FFFD marks a byte with no character. */
const highHalf: Record<Codepage, string> = {
  cp437:
    'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒ' +
    'áíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐' +
    '└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' +
    'αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0',
  cp858:
    'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒ' +
    'áíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐' +
    '└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀' +
    'ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0',
  windows1252:
    '€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ' +
    '\u00a0¡¢£¤¥¦§¨©ª«¬\u00ad®¯°±²³´µ¶·¸¹º»¼½¾¿' +
    'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß' +
    'àáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ',
};

export function codepageOfNumber(n: number): Codepage | null {
  const entry = Object.entries(escPosCodepageNumber).find(([, number]) => number === n);
  return entry ? (entry[0] as Codepage) : null;
}

export function decodeByte(byte: number, codepage: Codepage): string {
  if (byte < 0x80) return String.fromCharCode(byte);
  return highHalf[codepage][byte - 0x80] ?? '\ufffd';
}

function canEncode(char: string, codepage: Codepage): boolean {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x80) return code >= 0x20 && code !== 0x7f;
  return char !== '\ufffd' && highHalf[codepage].includes(char);
}

const isControl = (char: string): boolean => {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code < 0xa0);
};

/** Typography the pages lack, mapped to what a reader expects rather than a question mark. */
const plainer: Record<string, string> = {
  '\u2013': '-',
  '\u2014': '-',
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2026': '...',
  '\u00a0': ' ',
  ı: 'i',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
};

/**
 * The text as the printer can show it: characters of the page stay; others lose their accent
 * (Ş → S) or become plain typography (– → -); anything else becomes "?". Control characters
 * become spaces, so text can never smuggle a printer command in.
 */
export function printableText(value: string, codepage: TextCodepage): string {
  let out = '';
  for (const char of value) {
    if (canEncode(char, codepage)) out += char;
    else if (isControl(char)) out += ' ';
    else if (plainer[char] && [...plainer[char]].every((c) => canEncode(c, codepage))) out += plainer[char];
    else {
      const base = char.normalize('NFD').replace(/\p{M}+/gu, '');
      out += base && [...base].every((c) => canEncode(c, codepage)) ? base : '?';
    }
  }
  return out;
}
