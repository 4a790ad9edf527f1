import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'mrz';
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { passportMrz } from '../../src-main/domain/passportMrz.ts';
import { renderDataPage, type DataPageInput } from '../../src-main/documents/dataPage.ts';
import { screenshotDir } from '../support/browser.ts';
import { sampleFaces } from '../support/fakeCamera.ts';
import { mrzTessdata, pdfToPng, readMrz } from '../support/ocr.ts';

const run = promisify(execFile);

interface Holder {
  /** The name as the citizen writes it; the last word is the MRZ's primary identifier. */
  surname: string;
  givenNames: string;
  passportNumber: string;
  birthDate: string;
  sex: 'M' | 'F';
  expiryDate: string;
  /** The names as the MRZ holds them, as a reader shows them. */
  mrzSurname: string;
  mrzGivenNames: string;
  training?: boolean;
}

const holders: Holder[] = [
  {
    surname: 'SUKARNO',
    givenNames: '',
    passportNumber: 'A0123456',
    birthDate: '1961-06-06',
    sex: 'M',
    expiryDate: '2036-06-05',
    mrzSurname: 'SUKARNO',
    mrzGivenNames: '',
  },
  {
    surname: 'MADE',
    givenNames: 'I GUSTI AYU KETUT SRI PUSPAWATI ANAK AGUNG',
    passportNumber: 'X1234567',
    birthDate: '1985-08-17',
    sex: 'F',
    expiryDate: '2036-05-01',
    mrzSurname: 'MADE',
    // Cut to the 39 places of the name field.
    mrzGivenNames: 'I GUSTI AYU KETUT SRI PUSPAWATI A',
    training: true,
  },
  {
    surname: 'AMIN',
    givenNames: "MA'RUF",
    passportNumber: 'B9080706',
    birthDate: '1943-03-11',
    sex: 'M',
    expiryDate: '2031-03-10',
    mrzSurname: 'AMIN',
    mrzGivenNames: 'MARUF',
  },
  {
    surname: 'NUR-AINI',
    givenNames: 'SITI',
    passportNumber: 'E5550001',
    birthDate: '2000-02-29',
    sex: 'F',
    expiryDate: '2035-12-31',
    mrzSurname: 'NUR AINI',
    mrzGivenNames: 'SITI',
  },
  {
    surname: 'SETIAWAN',
    givenNames: 'ANDRÉ',
    passportNumber: 'C7654321',
    birthDate: '1990-10-01',
    sex: 'M',
    expiryDate: '2030-09-30',
    mrzSurname: 'SETIAWAN',
    mrzGivenNames: 'ANDRE',
  },
];

const yymmdd = (date: string) => date.replace(/-/g, '').slice(2);

function pageFor(holder: Holder, photo: DataPageInput['photo'] = null): DataPageInput {
  const { lines } = passportMrz({
    issuingState: 'IDN',
    nationality: 'IDN',
    primary: holder.surname,
    secondary: holder.givenNames,
    documentNumber: holder.passportNumber,
    birthDate: holder.birthDate,
    sex: holder.sex,
    expiryDate: holder.expiryDate,
  });
  return {
    typeCode: 'P',
    title: 'PASPOR / PASSPORT',
    countryCode: 'IDN',
    passportNumber: holder.passportNumber,
    surname: holder.surname,
    givenNames: holder.givenNames,
    nationality: 'INDONESIA',
    birthDate: holder.birthDate,
    birthPlace: 'DENPASAR',
    sex: holder.sex,
    issueDate: '2026-05-04',
    expiryDate: holder.expiryDate,
    issuingOffice: 'KANTOR IMIGRASI DENPASAR',
    registrationNumber: 'DPS-20260504-0042',
    photo,
    mrz: lines,
    training: holder.training ?? false,
  };
}

/**
 * The counter's 35×45 crop of a sample face (a 720×576 video frame), made the way the page is
 * printed: the frame on a PDF page, its middle 448×576 rasterised as a JPEG.
 */
async function portraitPhoto(): Promise<Buffer> {
  const doc = new PDFDocument({ size: [720, 576], margin: 0 });
  const parts: Buffer[] = [];
  doc.on('data', (part: Buffer) => parts.push(part));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  doc.image(path.join(sampleFaces, 'franck_04117.jpg'), 0, 0, { width: 720, height: 576 });
  doc.end();
  await ended;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-photo-'));
  try {
    fs.writeFileSync(path.join(dir, 'frame.pdf'), Buffer.concat(parts));
    await run(
      'pdftoppm',
      [
        '-jpeg',
        '-r',
        '72',
        '-singlefile',
        '-x',
        '126',
        '-y',
        '0',
        '-W',
        '448',
        '-H',
        '576',
        'frame.pdf',
        'photo',
      ],
      {
        cwd: dir,
      },
    );
    return fs.readFileSync(path.join(dir, 'photo.jpg'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function pdfText(pdf: Buffer): Promise<string> {
  const read = run('pdftotext', ['-', '-'], { maxBuffer: 16 * 1024 * 1024 });
  read.child.stdin?.end(pdf);
  return (await read).stdout;
}

async function pdfInfo(pdf: Buffer): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-info-'));
  try {
    fs.writeFileSync(path.join(dir, 'page.pdf'), pdf);
    return (await run('pdfinfo', [path.join(dir, 'page.pdf')])).stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the passport data page', () => {
  beforeAll(async () => {
    await mrzTessdata();
  });

  it.each(holders)(
    "prints $givenNames $surname's MRZ so that a reader reads it back exactly",
    async (holder) => {
      const input = pageFor(holder);
      const pdf = await renderDataPage(input);

      const started = Date.now();
      const read = await readMrz(pdf);
      const seconds = (Date.now() - started) / 1000;

      expect(read).toEqual(input.mrz);
      const parsed = parse(read);
      expect(parsed.valid).toBe(true);
      expect(parsed.fields).toMatchObject({
        documentCode: 'P',
        issuingState: 'IDN',
        nationality: 'IDN',
        documentNumber: holder.passportNumber,
        birthDate: yymmdd(holder.birthDate),
        expirationDate: yymmdd(holder.expiryDate),
        sex: holder.sex === 'M' ? 'male' : 'female',
        lastName: holder.mrzSurname,
        firstName: holder.mrzGivenNames,
      });
      // Two cores shared with the other tests: a reading is a fraction of a second alone.
      expect(seconds).toBeLessThan(5);
    },
  );

  it('is a 125 × 88 mm page whose text holds the name and the passport number', async () => {
    const holder = holders[2] as Holder;
    const pdf = await renderDataPage(pageFor(holder));
    const info = await pdfInfo(pdf);
    expect(info).toMatch(/Pages:\s+1\n/);
    const [, width, height] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info) ?? [];
    expect(((Number(width) * 25.4) / 72).toFixed(1)).toBe('125.0');
    expect(((Number(height) * 25.4) / 72).toFixed(1)).toBe('88.0');

    const text = await pdfText(pdf);
    expect(text).toContain("MA'RUF AMIN");
    expect(text).toContain('B9080706');
    expect(text).toContain('Nama Lengkap / Full Name');
    expect(text).toContain('11 MAR 1943');
    expect(text).toContain('L/M');
    const accented = await pdfText(await renderDataPage(pageFor(holders[4] as Holder)));
    expect(accented).toContain('ANDRÉ SETIAWAN');
  });

  it('refuses a page it could not print right, saying why', async () => {
    const input = pageFor(holders[0] as Holder);
    const short: DataPageInput = { ...input, mrz: [input.mrz[0].slice(0, 43), input.mrz[1]] };
    await expect(renderDataPage(short)).rejects.toThrow(/MRZ line 1 must be 44 characters .* not 43/);
    await expect(renderDataPage({ ...input, birthDate: '1961-02-30' })).rejects.toThrow(
      /date of birth is not a valid date \(1961-02-30\)/,
    );
    await expect(
      renderDataPage({ ...input, mrz: [input.mrz[0], input.mrz[1].replace('A', 'a')] }),
    ).rejects.toThrow(/MRZ line 2 must be 44 characters of A–Z, 0–9 or </);
    // A page whose MRZ belongs to another booklet.
    await expect(renderDataPage({ ...input, passportNumber: 'A0123457' })).rejects.toThrow(
      /MRZ does not match the page's data \(passportNumber\)/,
    );
  });

  it('saves a picture of a printed page with its photo, for people to look at', async () => {
    const photo = { bytes: await portraitPhoto(), format: 'jpeg' as const };
    const pdf = await renderDataPage(pageFor(holders[1] as Holder, photo));
    const png = await pdfToPng(pdf, { dpi: 200 });
    fs.mkdirSync(screenshotDir, { recursive: true });
    fs.writeFileSync(path.join(screenshotDir, 'data-page.png'), png);
    // 125 × 88 mm at 200 dpi.
    expect(Math.abs(png.readUInt32BE(16) - 984.3)).toBeLessThan(1);
    expect(Math.abs(png.readUInt32BE(20) - 693.0)).toBeLessThan(1);
    expect(await readMrz(pdf)).toEqual(pageFor(holders[1] as Holder).mrz);
  });
});
