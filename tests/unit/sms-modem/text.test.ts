import { describe, expect, it } from 'vitest';
import { gsmText, maxSmsLength, smsText } from '../../../drivers/sms-modem/modem.ts';

describe('the text of an SMS in the GSM alphabet', () => {
  it('keeps plain Indonesian exactly', () => {
    const text =
      'Paspor Anda (permohonan DPS-261130-0001) sudah siap diambil. Bawa tanda terima. Jangan gunakan calo.';
    expect(gsmText(text)).toEqual({ text, replaced: [] });
  });

  it('drops accents from names and places', () => {
    expect(gsmText('Élise Nurhaliza, Café Señor, Ngurah Rai – Tuban').text).toBe(
      'Elise Nurhaliza, Cafe Senor, Ngurah Rai - Tuban',
    );
  });

  it('gives typographic quotes and dashes their plain form and line breaks a space', () => {
    expect(gsmText('“Siap” — ambil\r\nbesok’s').text).toBe('"Siap" - ambil  besok\'s');
  });

  it('replaces what has no stand-in, and never sends Ctrl-Z or ESC', () => {
    const { text, replaced } = gsmText('a\u001ab\u001bc 日本 @ $ 🙂');
    expect(text).toBe('a?b?c ?? ? ? ?');
    expect(replaced).toEqual(['\u001a', '\u001b', '日', '本', '@', '$', '🙂']);
    expect([...text].filter((c) => c === '\u001a' || c === '\u001b')).toEqual([]);
  });

  it('takes 160 characters and refuses 161 rather than cutting the date off', () => {
    expect(smsText('x'.repeat(maxSmsLength))).toHaveLength(160);
    expect(() => smsText('x'.repeat(161))).toThrow(
      expect.objectContaining({ code: 'TOO_LONG', message: expect.stringContaining('161') }),
    );
  });

  it('counts the length after transliteration: an accent does not make a message too long', () => {
    expect(smsText('é'.repeat(160))).toBe('e'.repeat(160));
  });
});
