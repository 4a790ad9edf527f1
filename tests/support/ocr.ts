import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import PDFDocument from 'pdfkit';
import { dataPageSize, mrzLayout } from '../../src-main/documents/dataPage.ts';
import { projectRoot } from './hub.ts';

/**
 * Reading a printed data page back as a passport reader would: the PDF rasterised by poppler's
 * pdftoppm, the MRZ read by Tesseract (Debian's poppler-utils and tesseract-ocr; .ci/run installs
 * both).
 *
 * Tesseract's own `eng` model cannot read OCR-B's MRZ: it reads `<<` as `K`, `7I` as `71` and a run
 * of fillers as `KKKK`, at every resolution (150–600 dpi), page segmentation mode (4, 6, 7, 13),
 * scaling, spacing and dictionary setting tried. MRZ readers are trained on OCR-B, so this one is
 * too: a model for Tesseract's legacy engine (`--oem 0`) with the 37 characters of the MRZ
 * alphabet, trained on MRZ lines that pdfkit writes in the OCR-B font the app ships
 * (resources/fonts/OCRB.otf) and pdftoppm rasterises, with the training tools of Debian's
 * tesseract-ocr package. It is built once per machine into the temp folder (a few seconds) and
 * reused; nothing is downloaded. What Tesseract reads is returned as it is read: no character is
 * mapped to another.
 *
 * Known limit: OCR-B's O and 0 differ mostly in height (0 is 10 % taller). On 500 pages of random
 * passport data 498 were read exactly; the 2 misses were a line-2 O at the start of a line, before
 * a 0, read as 0; a test that fails on such a line fails every time, never now and then (rendering and
 * reading are deterministic).
 */

const run = promisify(execFile);

export const ocrbFont = path.join(projectRoot, 'resources/fonts/OCRB.otf');
const mrzAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

/**
 * What the model is trained on: lines in the MRZ alphabet as passports have them (a name line with
 * its fillers, a number line with dates and check digits) and random ones, so that every character
 * stands next to every other. Seeded: the same model every time.
 */
export function trainingLines(count = 160, seed = 8): string[] {
  // Park and Miller's minimal standard generator: exact in doubles.
  let state = seed;
  const random = () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
  const pick = (chars: string, n: number) =>
    Array.from({ length: n }, () => chars.charAt(Math.floor(random() * chars.length))).join('');
  const letters = mrzAlphabet.slice(0, 26);
  const digits = '0123456789';
  return Array.from({ length: count }, (_, i) => {
    if (i % 3 === 0) return pick(mrzAlphabet, 44);
    if (i % 3 === 1) {
      const name = `P<${pick(letters, 3)}${pick(letters, 3 + (i % 7))}<<${pick(`${letters}<`, 4 + (i % 17))}`;
      return name.padEnd(44, '<').slice(0, 44);
    }
    const line = `${pick(letters + digits, 9)}${pick(digits, 1)}${pick(letters, 3)}${pick(digits, 7)}${pick('MF<', 1)}${pick(digits, 7)}${pick(digits + letters, i % 14)}`;
    return `${line.padEnd(43, '<')}${pick(digits, 1)}`;
  });
}

let model: Promise<string> | undefined;

/** The folder holding `mrz.traineddata`, built once per machine (per font and training text). */
export function mrzTessdata(): Promise<string> {
  model ??= buildModel();
  return model;
}

const trainingDpi = 300;
/** Bump when the training changes: the model cached in the temp folder is then built anew. */
const modelVersion = 2;
const linesPerPage = 40;
const { leftMm, pitchMm } = mrzLayout;
/** The data page's distance between its two MRZ lines' centres. */
const lineMm = mrzLayout.centreFromBottomMm[0] - mrzLayout.centreFromBottomMm[1];
const mmToPt = (value: number) => (value * 72) / 25.4;

/**
 * Training pages as the data page prints its MRZ: OCR-B at 2.54 mm a character, lines 6.35 mm
 * apart, written by pdfkit and rasterised by pdftoppm at the resolution `readMrz` reads at. Each
 * character's box is where its ink is inside its 2.54 mm cell.
 */
async function trainingPages(work: string, lines: string[]): Promise<string[]> {
  const pages: string[] = [];
  for (let start = 0, page = 0; start < lines.length; start += linesPerPage, page += 1) {
    const chunk = lines.slice(start, start + linesPerPage);
    const heightMm = 10 + chunk.length * lineMm;
    const doc = new PDFDocument({ size: [mmToPt(125), mmToPt(heightMm)], margin: 0 });
    const parts: Buffer[] = [];
    doc.on('data', (part: Buffer) => parts.push(part));
    const ended = new Promise((resolve) => doc.on('end', resolve));
    doc.registerFont('OCRB', ocrbFont).font('OCRB');
    const size = mmToPt(pitchMm) / doc.fontSize(1).widthOfString('<');
    doc.fontSize(size);
    const centres = chunk.map((_, i) => 7 + i * lineMm);
    chunk.forEach((line, i) =>
      doc.text(line, mmToPt(leftMm), mmToPt(centres[i] as number) + (0.701 * size) / 2, {
        lineBreak: false,
        baseline: 'alphabetic',
      }),
    );
    doc.end();
    await ended;
    const base = `mrz.OCRB.exp${page}`;
    fs.writeFileSync(path.join(work, `${base}.pdf`), Buffer.concat(parts));
    await run('pdftoppm', ['-gray', '-r', String(trainingDpi), '-singlefile', `${base}.pdf`, base], {
      cwd: work,
    });
    const image = readPgm(fs.readFileSync(path.join(work, `${base}.pgm`)));
    const px = (value: number) => Math.round((value * trainingDpi) / 25.4);
    const boxes = chunk.flatMap((line, i) =>
      [...line].map((char, j) => {
        const ink = inkBox(image, {
          left: px(leftMm + j * pitchMm),
          right: px(leftMm + (j + 1) * pitchMm),
          top: px((centres[i] as number) - 2.5),
          bottom: px((centres[i] as number) + 2.5),
        });
        if (!ink) throw new Error(`No ink for ${char} at line ${i}, character ${j} of the training page`);
        // Box files count rows from the bottom.
        return `${char} ${ink.left} ${image.height - 1 - ink.bottom} ${ink.right} ${image.height - 1 - ink.top} 0`;
      }),
    );
    fs.writeFileSync(path.join(work, `${base}.box`), `${boxes.join('\n')}\n`);
    pages.push(base);
  }
  return pages;
}

interface Gray {
  width: number;
  height: number;
  pixels: Buffer;
}

/** A binary PGM (P5, 8 bits), as pdftoppm -gray writes it. */
function readPgm(file: Buffer): Gray {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(file.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('Not a binary PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  return { width, height, pixels: file.subarray(header[0].length) };
}

function inkBox(
  image: Gray,
  cell: { left: number; right: number; top: number; bottom: number },
): { left: number; right: number; top: number; bottom: number } | null {
  let box: { left: number; right: number; top: number; bottom: number } | null = null;
  for (let y = cell.top; y < cell.bottom; y += 1)
    for (let x = cell.left; x < cell.right; x += 1) {
      if ((image.pixels[y * image.width + x] ?? 255) >= 128) continue;
      box = box
        ? {
            left: Math.min(box.left, x),
            right: Math.max(box.right, x + 1),
            top: Math.min(box.top, y),
            bottom: Math.max(box.bottom, y + 1),
          }
        : { left: x, right: x + 1, top: y, bottom: y + 1 };
    }
  return box;
}

async function buildModel(): Promise<string> {
  const lines = trainingLines();
  const hash = crypto
    .createHash('sha256')
    .update(fs.readFileSync(ocrbFont))
    .update(lines.join('\n'))
    .update(`${trainingDpi} v${modelVersion}`)
    .digest('hex');
  const dir = path.join(os.tmpdir(), `loket-mrz-tessdata-${hash.slice(0, 16)}`);
  if (fs.existsSync(path.join(dir, 'mrz.traineddata'))) return dir;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-mrz-train-'));
  try {
    const inWork = (file: string, args: string[]) => run(file, args, { cwd: work });
    const pages = await trainingPages(work, lines);
    for (const page of pages) await inWork('tesseract', [`${page}.pgm`, page, '--psm', '6', 'box.train']);
    const features = pages.map((page) => `${page}.tr`);
    await inWork(
      'unicharset_extractor',
      pages.map((page) => `${page}.box`),
    );
    fs.writeFileSync(path.join(work, 'font_properties'), 'OCRB 0 0 1 0 0\n');
    // No shapeclustering: it folds OCR-B's O and 0 into one shape.
    await inWork('mftraining', [
      '-F',
      'font_properties',
      '-U',
      'unicharset',
      '-O',
      'mrz.unicharset',
      ...features,
    ]);
    await inWork('cntraining', features);
    // mftraining writes its own shape table, one shape per character.
    for (const part of ['inttemp', 'pffmtable', 'normproto', 'shapetable'])
      fs.renameSync(path.join(work, part), path.join(work, `mrz.${part}`));
    await inWork('combine_tessdata', ['mrz.']);
    // Into place in one step: another test process may be building the same model.
    const ready = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-mrz-tessdata-new-'));
    fs.copyFileSync(path.join(work, 'mrz.traineddata'), path.join(ready, 'mrz.traineddata'));
    try {
      fs.renameSync(ready, dir);
    } catch {
      // Someone else put theirs in place first; theirs is the same model.
      fs.rmSync(ready, { recursive: true, force: true });
    }
    return dir;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function pdfFile(pdf: Buffer | string): Promise<{ file: string; done: () => void }> {
  if (typeof pdf === 'string') return { file: pdf, done: () => {} };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-ocr-'));
  const file = path.join(dir, 'page.pdf');
  fs.writeFileSync(file, pdf);
  return { file, done: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The first page as a PNG (`pdftoppm -png -r DPI -singlefile`). */
export async function pdfToPng(pdf: Buffer | string, options: { dpi?: number } = {}): Promise<Buffer> {
  const { file, done } = await pdfFile(pdf);
  try {
    const { stdout } = await run(
      'pdftoppm',
      ['-png', '-r', String(options.dpi ?? 150), '-singlefile', '-f', '1', '-l', '1', file],
      { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 },
    );
    return stdout;
  } finally {
    done();
  }
}

/**
 * A data page printed 1:1 on a larger sheet (CUPS puts the 125 × 88 mm page in the middle of an
 * A4 one): the MRZ is the lowest ink on it, so the strip from 14 mm above the ink's bottom to 3 mm
 * below it holds both lines and nothing of the visual zone. Returned as a PGM for Tesseract.
 */
function mrzStrip(page: Gray, px: (mmValue: number) => number): Buffer {
  const ink = inkBox(page, { left: 0, right: page.width, top: 0, bottom: page.height });
  if (!ink) throw new Error('The page is blank');
  const top = Math.max(0, ink.bottom - px(14));
  const bottom = Math.min(page.height, ink.bottom + px(3));
  const left = Math.max(0, ink.left - px(3));
  const right = Math.min(page.width, ink.right + px(3));
  const width = right - left;
  const rows = Array.from({ length: bottom - top }, (_, i) =>
    page.pixels.subarray((top + i) * page.width + left, (top + i) * page.width + right),
  );
  return Buffer.concat([Buffer.from(`P5\n${width} ${bottom - top}\n255\n`, 'latin1'), ...rows]);
}

/** The first page's size in millimetres, as pdfinfo reports it. */
async function pageSizeMm(file: string): Promise<{ width: number; height: number }> {
  const { stdout } = await run('pdfinfo', ['-f', '1', '-l', '1', file]);
  const match =
    /Page\s+1 size:\s+([\d.]+) x ([\d.]+) pts/.exec(stdout) ??
    /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(stdout);
  if (!match) throw new Error(`pdfinfo gave no page size for ${file}:\n${stdout}`);
  return { width: (Number(match[1]) * 25.4) / 72, height: (Number(match[2]) * 25.4) / 72 };
}

export interface ReadMrzOptions {
  /**
   * Rasterising resolution; default 300, the training's (on 300 random pages: 200, 300 and 600 dpi
   * read 298 exactly, 400 dpi 291).
   */
  dpi?: number;
}

/**
 * The two 44-character MRZ lines of a data page's PDF, as Tesseract reads them. On a 125 × 88 mm
 * page only the MRZ's bottom 23.2 mm is read; on a larger sheet, the strip at the bottom of the ink. Throws, with what was read,
 * when no two MRZ lines are found.
 */
export async function readMrz(pdf: Buffer | string, options: ReadMrzOptions = {}): Promise<[string, string]> {
  const dpi = options.dpi ?? trainingDpi;
  const tessdata = await mrzTessdata();
  const { file, done } = await pdfFile(pdf);
  try {
    const size = await pageSizeMm(file);
    const isDataPage =
      Math.abs(size.width - dataPageSize.widthMm) < 1 && Math.abs(size.height - dataPageSize.heightMm) < 1;
    const px = (mmValue: number) => Math.round((mmValue * dpi) / 25.4);
    const crop = isDataPage
      ? [
          '-x',
          '0',
          '-y',
          String(px(dataPageSize.heightMm - mrzLayout.zoneHeightMm)),
          '-W',
          String(px(dataPageSize.widthMm)),
          '-H',
          String(px(mrzLayout.zoneHeightMm)),
        ]
      : [];
    const { stdout: raster } = await run(
      'pdftoppm',
      ['-gray', '-r', String(dpi), '-singlefile', '-f', '1', '-l', '1', ...crop, file],
      { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 },
    );
    const image = isDataPage ? raster : mrzStrip(readPgm(raster), px);
    const tesseract = run(
      'tesseract',
      [
        'stdin',
        'stdout',
        '--tessdata-dir',
        tessdata,
        '-l',
        'mrz',
        '--oem',
        '0',
        '--psm',
        '6',
        // An MRZ line mixes letters and digits anywhere; the legacy engine's penalty for that would
        // turn a line's first O into 0.
        '-c',
        'language_model_penalty_chartype=0',
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    tesseract.child.stdin?.end(image);
    const { stdout } = await tesseract;
    // The MRZ has no spaces: a space is Tesseract seeing a wide gap, not a character.
    const lines = stdout
      .split('\n')
      .map((line) => line.replace(/\s+/g, ''))
      .filter((line) => /^[A-Z0-9<]{44}$/.test(line));
    if (lines.length !== 2)
      throw new Error(`Expected two 44-character MRZ lines, Tesseract read:\n${stdout}`);
    return [lines[0] as string, lines[1] as string];
  } finally {
    done();
  }
}
