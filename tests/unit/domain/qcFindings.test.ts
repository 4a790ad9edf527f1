import { describe, expect, it } from 'vitest';
import { compareMrz, passportData } from '../../../src-main/domain/passportData.ts';
import { qcFailureReason, qcFindings } from '../../../src-main/domain/qcFindings.ts';

const booking = { fullName: 'I Made Wirawan', birthDate: '1954-03-10', sex: 'L', validityYears: 10 } as const;
const printed = passportData(booking, 'X1234567', '2026-11-30');

describe('the quality check in words', () => {
  it('names a misprinted birth date with both dates as a person reads them', () => {
    const misprinted = passportData({ ...booking, birthDate: '1945-03-10' }, 'X1234567', '2026-11-30');
    const findings = qcFindings(compareMrz(printed.mrz, { lines: misprinted.mrz }), printed);
    expect(findings[0]).toEqual({
      id: 'Tanggal lahir tidak cocok: data 10 Maret 1954, terbaca 10 Maret 1945',
      en: 'Date of birth does not match: data 10 March 1954, read 10 March 1945',
    });
  });

  it('names the holder, the sex and the expiry in words, never as MRZ codes', () => {
    const other = passportData(
      { fullName: 'Ni Luh Sari', birthDate: '1954-03-10', sex: 'P', validityYears: 5 },
      'X1234567',
      '2026-11-30',
    );
    const differences = compareMrz(printed.mrz, { lines: other.mrz });
    const texts = qcFindings(differences, printed).map((f) => f.id);
    expect(texts).toContain('Nama tidak cocok: data WIRAWAN, I MADE, terbaca SARI, NI LUH');
    expect(texts).toContain('Jenis kelamin tidak cocok: data Laki-laki, terbaca Perempuan');
    expect(texts).toContain(
      'Tanggal habis berlaku tidak cocok: data 29 November 2036, terbaca 29 November 2031',
    );
    expect(qcFailureReason(differences)).toMatch(/^Gagal QC: nama, jenis kelamin, tanggal habis berlaku/);
    expect(texts.join(' ')).not.toMatch(/birthDate|expirationDate|mismatch|</);
  });

  it('says nothing is wrong when the read matches', () => {
    expect(qcFindings(compareMrz(printed.mrz, { lines: printed.mrz }), printed)).toEqual([]);
  });
});
