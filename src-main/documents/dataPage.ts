import PDFDocument from 'pdfkit';
import { LoketError } from '../domain/errors.ts';
import { sourceResources } from '../runtime/resourcePaths.ts';

/**
 * What the passport printer prints on a booklet's data page: the visual zone as on an Indonesian
 * passport (bilingual labels, Bahasa Indonesia first) and the machine readable zone made by
 * `domain/passportMrz.ts`, in OCR-B.
 */
export interface DataPageInput {
  /** The document code printed under _Jenis / Type_: `P`, or `P` and a second letter. */
  typeCode: string;
  /** The page's heading, e.g. `PASPOR / PASSPORT`. */
  title: string;
  countryCode: 'IDN';
  /** The booklet's serial, e.g. `X1234567`. */
  passportNumber: string;
  /** As printed: Latin letters, accents allowed (Helvetica's Latin-1). */
  surname: string;
  givenNames: string;
  nationality: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  birthPlace: string;
  sex: 'M' | 'F';
  /** YYYY-MM-DD. */
  issueDate: string;
  expiryDate: string;
  issuingOffice: string;
  /** The application number. */
  registrationNumber?: string;
  /** The 35×45 photo taken at the counter; a grey box says it is missing when null. */
  photo: { bytes: Buffer; format: 'jpeg' | 'png' } | null;
  /** The two 44-character lines made by `passportMrz()`. */
  mrz: readonly [string, string];
  /** A training page: a band across the visual zone says so. */
  training?: boolean;
}

export interface DataPageOptions {
  /** The OCR-B font for the MRZ; default resources/fonts/OCRB.otf of the source tree. */
  fontPath?: string;
}

/** Public domain OCR-B (resources/fonts/OCRB-COPYRIGHT.txt). */
export const sourceOcrbFont = sourceResources.ocrbFont;

const mm = (value: number) => (value * 72) / 25.4;

/** ID-3, the size of a passport's data page (Doc 9303 part 4): the printer prints it 1:1. */
export const dataPageSize = { widthMm: 125, heightMm: 88 } as const;

/**
 * Doc 9303 part 4, 4.2.1 and Figure 3: the first character's left edge 6.0 mm from the left edge,
 * the reference centre lines of the upper and lower lines 15.75 and 9.40 mm above the bottom edge,
 * 10 characters per 25.4 mm; the MRZ is the bottom 23.2 mm, nothing else printed there.
 */
export const mrzLayout = {
  leftMm: 6.0,
  centreFromBottomMm: [15.75, 9.4] as const,
  pitchMm: 2.54,
  zoneHeightMm: 23.2,
} as const;

const months = [
  'JAN',
  'FEB',
  'MAR',
  'APR',
  'MEI/MAY',
  'JUN',
  'JUL',
  'AGU/AUG',
  'SEP',
  'OKT/OCT',
  'NOV',
  'DES/DEC',
];

function invalid(id: string, en: string, details: Record<string, unknown> = {}): LoketError {
  return new LoketError('INVALID_INPUT', { id, en }, details);
}

function checkDate(value: string, what: { id: string; en: string }): void {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    !match ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    throw invalid(
      `${what.id} bukan tanggal yang sah (${value}).`,
      `The ${what.en} is not a valid date (${value}).`,
      { value },
    );
}

/** `01 JAN 1960`, `17 AGU/AUG 1945`: the passport's own way. */
export function passportDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day} ${months[Number(month) - 1]} ${year}`;
}

/** Refuses a page that could not be printed, or whose MRZ says something else than its text. */
function checkInput(input: DataPageInput): void {
  if (!Array.isArray(input.mrz) || input.mrz.length !== 2)
    throw invalid('MRZ harus dua baris.', 'The MRZ must be two lines.');
  input.mrz.forEach((line, i) => {
    if (typeof line !== 'string' || !/^[A-Z0-9<]{44}$/.test(line))
      throw invalid(
        `Baris MRZ ${i + 1} harus 44 karakter A–Z, 0–9 atau <, bukan ${String(line?.length)} (${line}).`,
        `MRZ line ${i + 1} must be 44 characters of A–Z, 0–9 or <, not ${String(line?.length)} (${line}).`,
        { line: i + 1 },
      );
  });
  checkDate(input.birthDate, { id: 'Tanggal lahir', en: 'date of birth' });
  checkDate(input.issueDate, { id: 'Tanggal pengeluaran', en: 'date of issue' });
  checkDate(input.expiryDate, { id: 'Tanggal habis berlaku', en: 'date of expiry' });
  if (input.expiryDate <= input.issueDate)
    throw invalid(
      'Tanggal habis berlaku harus sesudah tanggal pengeluaran.',
      'The date of expiry must be after the date of issue.',
    );
  if (!/^P[A-Z<]?$/.test(input.typeCode))
    throw invalid(
      `Jenis dokumen tidak sah (${input.typeCode}).`,
      `Invalid document type (${input.typeCode}).`,
    );
  const line2 = input.mrz[1];
  const yymmdd = (date: string) => date.replace(/-/g, '').slice(2);
  const mismatch = [
    ['passportNumber', line2.slice(0, 9).replace(/<+$/, ''), input.passportNumber],
    ['birthDate', line2.slice(13, 19), yymmdd(input.birthDate)],
    ['sex', line2.charAt(20), input.sex],
    ['expiryDate', line2.slice(21, 27), yymmdd(input.expiryDate)],
  ].filter(([, inMrz, printed]) => inMrz !== printed);
  if (mismatch.length)
    throw invalid(
      `MRZ tidak sesuai dengan data halaman (${mismatch.map((m) => m[0]).join(', ')}).`,
      `The MRZ does not match the page's data (${mismatch.map((m) => m[0]).join(', ')}).`,
      { fields: mismatch.map((m) => m[0]) },
    );
}

const labelSize = 4.6;
const valueSize = 7.6;
const ink = '#1a1a1a';
const labelInk = '#4a4a4a';

/**
 * The data page as a one-page PDF of exactly 125 × 88 mm. The MRZ's characters sit at Doc 9303's
 * nominal positions, 2.54 mm apart whatever the font's own advance.
 */
export async function renderDataPage(input: DataPageInput, options: DataPageOptions = {}): Promise<Buffer> {
  checkInput(input);
  const width = mm(dataPageSize.widthMm);
  const height = mm(dataPageSize.heightMm);
  // A fixed creation date: the same input makes the same page (no clock read while printing).
  const doc = new PDFDocument({
    size: [width, height],
    margin: 0,
    autoFirstPage: true,
    info: { Title: 'Halaman data paspor / Passport data page', CreationDate: new Date(0) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('OCRB', options.fontPath ?? sourceOcrbFont);

  const mrzTop = height - mm(mrzLayout.zoneHeightMm);
  header(doc, input, width);
  photoBox(doc, input.photo);
  fields(doc, input, width);
  if (input.training) trainingBand(doc, width, mrzTop);
  mrz(doc, input.mrz, height);

  doc.end();
  return done;
}

function header(doc: PDFKit.PDFDocument, input: DataPageInput, width: number): void {
  doc.fillColor(ink).font('Helvetica-Bold').fontSize(7.5);
  doc.text('REPUBLIK INDONESIA', mm(5), mm(3.5), { lineBreak: false });
  doc.font('Helvetica').fontSize(5.5).fillColor(labelInk);
  doc.text('REPUBLIC OF INDONESIA', mm(5), mm(6.6), { lineBreak: false });
  doc.font('Helvetica-Bold').fontSize(8).fillColor(ink);
  doc.text(input.title, mm(40), mm(3.5), { width: width - mm(45), align: 'right', lineBreak: false });
  doc
    .moveTo(mm(5), mm(9.6))
    .lineTo(width - mm(5), mm(9.6))
    .lineWidth(0.4)
    .strokeColor('#8a8a8a')
    .stroke();
}

/** 7 : 9, the counter's 35×45 crop, a little smaller to leave the fields their room. */
const photo = { x: 5, y: 12, w: 32, h: (32 * 9) / 7 };

function photoBox(doc: PDFKit.PDFDocument, image: DataPageInput['photo']): void {
  const [x, y, w, h] = [mm(photo.x), mm(photo.y), mm(photo.w), mm(photo.h)];
  if (image) {
    doc.image(image.bytes, x, y, { fit: [w, h], align: 'center', valign: 'center' });
    return;
  }
  doc.rect(x, y, w, h).fillAndStroke('#d9d9d9', '#9a9a9a');
  doc.fillColor('#555555').font('Helvetica').fontSize(6);
  doc.text('TANPA FOTO\nNO PHOTO', x, y + h / 2 - 6, { width: w, align: 'center' });
}

interface Field {
  label: string;
  value: string;
  /** Column (0 or 1, or 0–2 on the first row) and how many columns it spans. */
  column: number;
  span?: number;
}

function fields(doc: PDFKit.PDFDocument, input: DataPageInput, width: number): void {
  const left = mm(photo.x + photo.w + 4);
  const right = width - mm(5);
  const fullName = `${input.givenNames} ${input.surname}`.trim();
  const rows: Field[][] = [
    [
      { label: 'Jenis / Type', value: input.typeCode.replace(/<$/, ''), column: 0 },
      { label: 'Kode Negara / Country Code', value: input.countryCode, column: 1 },
      { label: 'No. Paspor / Passport No.', value: input.passportNumber, column: 2 },
    ],
    [{ label: 'Nama Lengkap / Full Name', value: fullName, column: 0, span: 3 }],
    [
      { label: 'Jenis Kelamin / Sex', value: input.sex === 'M' ? 'L/M' : 'P/F', column: 0 },
      { label: 'Kewarganegaraan / Nationality', value: input.nationality, column: 1 },
    ],
    [
      { label: 'Tgl. Lahir / Date of Birth', value: passportDate(input.birthDate), column: 0 },
      { label: 'Tempat Lahir / Place of Birth', value: input.birthPlace, column: 1 },
    ],
    [
      { label: 'Tgl. Pengeluaran / Date of Issue', value: passportDate(input.issueDate), column: 0 },
      { label: 'Tgl. Habis Berlaku / Date of Expiry', value: passportDate(input.expiryDate), column: 1 },
    ],
    [
      { label: 'No. Register / Reg. No.', value: input.registrationNumber ?? '-', column: 0 },
      { label: 'Kantor yang Mengeluarkan / Issuing Office', value: input.issuingOffice, column: 1 },
    ],
  ];
  let y = mm(11.5);
  for (const row of rows) {
    const columns = row.length === 3 ? 3 : 2;
    const columnWidth = (right - left) / columns;
    let rowHeight = mm(6.4);
    for (const field of row) {
      const x = left + field.column * columnWidth;
      const w = columnWidth * (field.span ?? 1) - mm(1.5);
      doc.font('Helvetica').fontSize(labelSize).fillColor(labelInk);
      doc.text(field.label, x, y, { width: w, lineBreak: false });
      // A long name shrinks to stay on its line, down to 5.6 pt, then wraps to a second line.
      doc.font('Helvetica-Bold').fillColor(ink);
      let size = valueSize;
      while (size > 5.6 && doc.fontSize(size).widthOfString(field.value) > w) size -= 0.2;
      doc.fontSize(size);
      const valueHeight = doc.heightOfString(field.value, { width: w });
      doc.text(field.value, x, y + mm(2.1), { width: w });
      rowHeight = Math.max(rowHeight, mm(2.1) + valueHeight + mm(1.4));
    }
    y += rowHeight;
  }
}

function mrz(doc: PDFKit.PDFDocument, lines: readonly [string, string], height: number): void {
  doc.font('OCRB');
  // The font's own size at which a character is 2.54 mm wide; for OCR-B capitals about 2.46 mm
  // high, OCR-B size I. Character spacing makes up the difference for any other font.
  const advance = doc.fontSize(1).widthOfString('<');
  const size = mm(mrzLayout.pitchMm) / advance;
  doc.fontSize(size).fillColor('#000000');
  const capHeight = (doc as unknown as { _font: { capHeight: number } })._font.capHeight / 1000;
  lines.forEach((line, i) => {
    const spacing = (mm(mrzLayout.pitchMm) * line.length - doc.widthOfString(line)) / line.length;
    const centre = height - mm(mrzLayout.centreFromBottomMm[i] as number);
    const baseline = centre + (capHeight * size) / 2;
    doc.text(line, mm(mrzLayout.leftMm), baseline, {
      lineBreak: false,
      characterSpacing: spacing,
      baseline: 'alphabetic',
    });
  });
}

/** A red band across the visual zone, never into the MRZ's clear area. */
function trainingBand(doc: PDFKit.PDFDocument, width: number, mrzTop: number): void {
  doc.save();
  doc.rect(0, 0, width, mrzTop - mm(1)).clip();
  doc.rotate(-14, { origin: [width / 2, mrzTop / 2] });
  doc
    .rect(-mm(10), mrzTop / 2 - mm(4.5), width + mm(20), mm(9))
    .fillOpacity(0.18)
    .fill('#d0021b');
  doc.fillOpacity(0.75).fillColor('#b00018').font('Helvetica-Bold').fontSize(11);
  doc.text('LATIHAN / TRAINING — SPECIMEN', 0, mrzTop / 2 - mm(1.8), {
    width,
    align: 'center',
    lineBreak: false,
  });
  doc.restore();
}
