import { parse } from 'mrz';
import { describe, expect, it } from 'vitest';
import { checkDigit, nameField, passportMrz, transliterate } from '../../../src-main/domain/passportMrz.ts';

const indonesian = (
  primary: string,
  secondary: string,
  extra: Partial<Parameters<typeof passportMrz>[0]> = {},
) =>
  passportMrz({
    issuingState: 'IDN',
    nationality: 'IDN',
    primary,
    secondary,
    documentNumber: 'X1234567',
    birthDate: '1985-03-12',
    sex: 'M',
    expiryDate: '2036-11-30',
    ...extra,
  });

describe('the data page MRZ (ICAO 9303 TD3)', () => {
  it("reproduces ICAO's specimen passport exactly", () => {
    const { lines } = passportMrz({
      issuingState: 'UTO',
      nationality: 'UTO',
      primary: 'Eriksson',
      secondary: 'Anna Maria',
      documentNumber: 'L898902C3',
      birthDate: '1974-08-12',
      sex: 'F',
      expiryDate: '2012-04-15',
      personalNumber: 'ZE184226B',
    });
    expect(lines).toEqual([
      'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
      'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
    ]);
  });

  it.each([
    ['a single name', '', 'Sukarno', 'P<IDNSUKARNO<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<'],
    ['an apostrophe', 'Siregar', "Nur'aini", 'P<IDNSIREGAR<<NURAINI<<<<<<<<<<<<<<<<<<<<<<<'],
    ['a hyphen and accents', 'Al-Fārūq', 'Ahmad', 'P<IDNAL<FARUQ<<AHMAD<<<<<<<<<<<<<<<<<<<<<<<<'],
    ['a Balinese name', 'Kadék', 'I Gusti Ayu', 'P<IDNKADEK<<I<GUSTI<AYU<<<<<<<<<<<<<<<<<<<<<'],
  ])(
    'writes %s in the MRZ alphabet, and the parser reads every line back valid',
    (_, primary, secondary, line1) => {
      const { lines, nameTruncated } = indonesian(primary, secondary);
      expect(lines[0]).toBe(line1);
      expect(lines[0]).toHaveLength(44);
      expect(lines[1]).toHaveLength(44);
      expect(nameTruncated).toBe(false);
      const read = parse(lines);
      expect(read.valid).toBe(true);
      expect(read.fields.documentNumber).toBe('X1234567');
      expect(read.fields.birthDate).toBe('850312');
    },
  );

  it('cuts a long name from the end of the given names, ending on a letter', () => {
    const { lines, nameTruncated } = indonesian(
      'Wirasaputra',
      'Anak Agung Ngurah Bagus Putra Mahendradatta Kusumajaya',
    );
    expect(nameTruncated).toBe(true);
    expect(lines[0]).toBe('P<IDNWIRASAPUTRA<<ANAK<AGUNG<NGURAH<BAGUS<PU');
    expect(lines[0]).toHaveLength(44);
    expect(parse(lines).valid).toBe(true);
  });

  it('cuts the primary identifier itself only when it alone is too long', () => {
    const { field, truncated } = nameField('Tjokorda'.repeat(6), 'Istri');
    expect(field).toHaveLength(39);
    expect(field).toBe('TJOKORDA'.repeat(6).slice(0, 39));
    expect(truncated).toBe(true);
  });

  it('computes check digits by the 7-3-1 rule and refuses what the MRZ cannot hold', () => {
    expect(checkDigit('L898902C3')).toBe('6');
    expect(checkDigit('740812')).toBe('2');
    expect(transliterate("  Ni  Luh Putu O'Neil-Sari ")).toBe('NI<LUH<PUTU<ONEIL<SARI');
    expect(transliterate('Müller Øster')).toBe('MUELLER<OESTER');
    expect(() => indonesian('Sari', 'Dewi', { documentNumber: 'X12345678901' })).toThrow(/document number/);
    expect(() => indonesian('', '')).toThrow(/cannot be written/);
  });
});
