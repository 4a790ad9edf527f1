import { describe, expect, it } from 'vitest';
import { printableText } from '../../../drivers/ticket-printer/codepages.ts';
import { decodeEscPos } from '../../../drivers/ticket-printer/decode.ts';
import { cut, feed, qr, rule, text, type PrintDocument } from '../../../drivers/ticket-printer/document.ts';
import { encodeEscPos, type EscPosOptions } from '../../../drivers/ticket-printer/escpos.ts';

const roundTrip = (doc: PrintDocument, options: EscPosOptions = { columns: 48 }) =>
  decodeEscPos(encodeEscPos(doc, options));

const bytesOf = (...values: number[]) => Buffer.from(values).toString('hex');
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('a slip sent to the printer', () => {
  it('comes out with its lines, sizes and bold as laid out', () => {
    const slip = roundTrip({
      blocks: [
        text('Kantor Imigrasi', { align: 'center', bold: true }),
        text('A1-001', { align: 'center', size: 'huge', bold: true }),
        text('Regular', { size: 'large' }),
        text('09:00', { align: 'right' }),
        cut(),
      ],
    });
    expect(slip.text).toEqual(['Kantor Imigrasi', 'A1-001', 'Regular', '09:00']);
    expect(slip.lines[0]).toMatchObject({ width: 1, bold: true });
    expect(slip.lines[1]).toMatchObject({ width: 4, height: 4, bold: true });
    expect(slip.lines[2]).toMatchObject({ width: 2, height: 2, bold: false });
  });

  it('starts by initialising the printer and choosing the code page', () => {
    const bytes = encodeEscPos({ blocks: [text('é')] }, { columns: 48 });
    expect(hex(bytes.subarray(0, 2))).toBe(bytesOf(0x1b, 0x40));
    expect(hex(bytes)).toContain(bytesOf(0x1b, 0x74, 19)); // ESC t 19: cp858
    expect(hex(encodeEscPos({ blocks: [text('é')] }, { columns: 48, codepage: 'windows1252' }))).toContain(
      bytesOf(0x1b, 0x74, 16),
    );
  });

  it('prints Indonesian names with accents intact in cp858 and windows-1252', () => {
    const names = ['José Nuñez', 'Chloé Müller', 'Søren Åberg', 'François Çelik', 'Renée €5'];
    for (const codepage of ['cp858', 'windows1252'] as const) {
      const slip = roundTrip({ blocks: names.map((name) => text(name)) }, { columns: 48, codepage });
      expect(slip.text).toEqual(names);
    }
  });

  it('replaces characters the code page lacks predictably instead of failing', () => {
    const slip = roundTrip({ blocks: [text('Ömer Şahin – 日本 ŋ'), text('Wałęsa “Lech”')] });
    expect(slip.text).toEqual(['Ömer Sahin - ?? ?', 'Walesa "Lech"']);
  });

  it('never lets text carry a printer command', () => {
    const bytes = encodeEscPos({ blocks: [text('A\x1bd\x09\x1dV\x00B')] }, { columns: 48 });
    expect(decodeEscPos(bytes).cut).toBe(false);
    expect(decodeEscPos(bytes).text).toEqual(['A d  V B']);
    expect(printableText('a\nb\x07c', 'cp858')).toBe('a b c');
  });

  it('carries the QR payload in the byte stream as a native QR code', () => {
    const bytes = encodeEscPos({ blocks: [qr('LOKET:T:DPS:3f1c-77'), cut()] }, { columns: 48 });
    expect(hex(bytes)).toContain(bytesOf(0x1d, 0x28, 0x6b)); // GS ( k
    expect(Buffer.from(bytes).includes('LOKET:T:DPS:3f1c-77')).toBe(true);
    expect(decodeEscPos(bytes).qr).toEqual(['LOKET:T:DPS:3f1c-77']);
  });

  it('ends with a cut after the feed, and has none when none is asked for', () => {
    const slip = roundTrip({ blocks: [text('A1-001'), rule(), feed(3), cut()] });
    expect(slip.cut).toBe(true);
    expect(slip.text).toEqual(['A1-001', '─'.repeat(48)]);
    expect(roundTrip({ blocks: [text('A1-001')] }).cut).toBe(false);
  });

  it('keeps a huge number on one line on a 58 mm roll', () => {
    const slip = roundTrip({ blocks: [text('A10-1000', { size: 'huge' })] }, { columns: 32 });
    expect(slip.text).toEqual(['A10-1000']);
    expect(slip.lines[0]?.width).toBe(4);
    const longer = roundTrip({ blocks: [text('S12-10000', { size: 'huge' })] }, { columns: 32 });
    expect(longer.text).toEqual(['S12-10000']);
    expect(longer.lines[0]?.width).toBe(3);
  });

  it('decodes what the encoder skipped as unknown rather than as text', () => {
    const slip = decodeEscPos(Uint8Array.of(0x1b, 0x40, 0x1b, 0x7a, 0x41, 0x42, 0x0a));
    expect(slip.text).toEqual(['AB']);
    expect(slip.unknownCommands).toBe(1);
  });
});
