/**
 * ISO/IEC 19794-4:2011 finger image records, the `bioValue` of an SBI capture: a 16-byte general
 * header (`FIR\0`, version `020\0`, record length, number of representations, certification flag,
 * number of distinct fingers), then per representation a header, the image length and the image.
 * Big-endian throughout. Reading checks every length against the bytes actually there.
 */

/** Table 9 of the 2011 edition: the image compression codes. */
export const compressionNames = [
  'none',
  'bit_packed',
  'wsq',
  'jpeg',
  'jpeg2000_lossy',
  'jpeg2000_lossless',
  'png',
] as const;
export type ImageCompression = (typeof compressionNames)[number];

export interface FingerImage {
  /** ISO finger position (1 right thumb … 10 left little; 13–15 slaps). */
  position: number;
  /** The first quality block's score, 0–100; null when there is none or the algorithm failed (255). */
  quality: number | null;
  capturedAt: Date | null;
  width: number;
  height: number;
  /** Image sampling rate, pixels per inch. */
  ppi: number;
  bitDepth: number;
  compression: ImageCompression;
  /** Table 10: 0 live-scan plain, 1 live-scan rolled … */
  impression: number;
  image: Buffer;
}

export class IsoRecordError extends Error {
  override name = 'IsoRecordError';
}

const generalHeaderLength = 16;
/** A representation header without quality or certification blocks, and the image length field. */
const representationFixedLength = 4 + 9 + 1 + 2 + 2 + 1 + 1 + 1 + 1 + 2 + 2 + 2 + 2 + 1 + 1 + 1 + 2 + 2 + 4;
const formatId = Buffer.from('FIR\0', 'latin1');
const version2011 = Buffer.from('020\0', 'latin1');
// The quality algorithm's vendor and id as MOSIP's own encoder writes them (NIST).
const nist = 0x000f;
const signatures: Partial<Record<ImageCompression, Buffer>> = {
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  jpeg: Buffer.from([0xff, 0xd8]),
};

export function encodeFingerImageRecord(images: readonly FingerImage[]): Buffer {
  const representations = images.map(encodeRepresentation);
  const header = Buffer.alloc(generalHeaderLength);
  formatId.copy(header, 0);
  version2011.copy(header, 4);
  header.writeUInt32BE(generalHeaderLength + representations.reduce((sum, r) => sum + r.length, 0), 8);
  header.writeUInt16BE(images.length, 12);
  header[14] = 0; // certification flag: no certification blocks
  header[15] = new Set(images.map((i) => i.position)).size;
  return Buffer.concat([header, ...representations]);
}

function encodeRepresentation(image: FingerImage, index: number): Buffer {
  const qualityBlocks = image.quality === null ? 0 : 1;
  const length = representationFixedLength + 5 * qualityBlocks + image.image.length;
  const out = Buffer.alloc(length);
  let at = out.writeUInt32BE(length, 0);
  const when = image.capturedAt;
  if (when) {
    at = out.writeUInt16BE(when.getUTCFullYear(), at);
    for (const part of [when.getUTCMonth() + 1, when.getUTCDate(), when.getUTCHours(), when.getUTCMinutes()])
      at = out.writeUInt8(part, at);
    at = out.writeUInt8(when.getUTCSeconds(), at);
    at = out.writeUInt16BE(when.getUTCMilliseconds(), at);
  } else {
    out.fill(0xff, at, at + 9); // no capture time given
    at += 9;
  }
  at = out.writeUInt8(0, at); // capture device technology: unspecified
  at = out.writeUInt16BE(0, at); // vendor
  at = out.writeUInt16BE(0, at); // device type
  at = out.writeUInt8(qualityBlocks, at);
  if (image.quality !== null) {
    at = out.writeUInt8(image.quality, at);
    at = out.writeUInt16BE(nist, at);
    at = out.writeUInt16BE(nist, at);
  }
  at = out.writeUInt8(image.position, at);
  at = out.writeUInt8(index + 1, at); // representation number
  at = out.writeUInt8(1, at); // scale units: pixels per inch
  for (let i = 0; i < 4; i++) at = out.writeUInt16BE(image.ppi, at); // device and image rates, h and v
  at = out.writeUInt8(image.bitDepth, at);
  at = out.writeUInt8(compressionNames.indexOf(image.compression), at);
  at = out.writeUInt8(image.impression, at);
  at = out.writeUInt16BE(image.width, at);
  at = out.writeUInt16BE(image.height, at);
  at = out.writeUInt32BE(image.image.length, at);
  image.image.copy(out, at);
  return out;
}

export function decodeFingerImageRecord(record: Uint8Array): FingerImage[] {
  const bytes = Buffer.from(record.buffer, record.byteOffset, record.byteLength);
  if (bytes.length < generalHeaderLength) throw new IsoRecordError(`${bytes.length} bytes is too short`);
  if (!bytes.subarray(0, 4).equals(formatId))
    throw new IsoRecordError(`not a finger image record (starts ${bytes.subarray(0, 4).toString('hex')})`);
  if (!bytes.subarray(4, 8).equals(version2011))
    throw new IsoRecordError(`version ${bytes.toString('latin1', 4, 7)} is not the 2011 edition (020)`);
  const recordLength = bytes.readUInt32BE(8);
  if (recordLength !== bytes.length)
    throw new IsoRecordError(`record length says ${recordLength} bytes, ${bytes.length} arrived`);
  const count = bytes.readUInt16BE(12);
  if (count < 1) throw new IsoRecordError('the record holds no representation');
  const certified = bytes[14] === 1;
  const images: FingerImage[] = [];
  let at = generalHeaderLength;
  for (let n = 0; n < count; n++) {
    if (at + 4 > bytes.length) throw new IsoRecordError(`representation ${n + 1} is missing`);
    const length = bytes.readUInt32BE(at);
    if (length < representationFixedLength || at + length > bytes.length)
      throw new IsoRecordError(`representation ${n + 1} says ${length} bytes, which does not fit`);
    images.push(decodeRepresentation(bytes.subarray(at, at + length), certified, n + 1));
    at += length;
  }
  if (at !== bytes.length)
    throw new IsoRecordError(`${bytes.length - at} bytes follow the last representation`);
  return images;
}

function decodeRepresentation(rep: Buffer, certified: boolean, n: number): FingerImage {
  const need = (at: number, size: number) => {
    if (at + size > rep.length) throw new IsoRecordError(`representation ${n} is cut short`);
  };
  const year = rep.readUInt16BE(4);
  const capturedAt =
    year === 0xffff
      ? null
      : new Date(
          Date.UTC(
            year,
            (rep[6] ?? 1) - 1,
            rep[7] ?? 1,
            rep[8] ?? 0,
            rep[9] ?? 0,
            rep[10] ?? 0,
            rep.readUInt16BE(11),
          ),
        );
  let at = 18;
  const qualityBlocks = rep[at++] ?? 0;
  need(at, qualityBlocks * 5);
  const firstScore = qualityBlocks > 0 ? (rep[at] ?? 255) : 255;
  if (firstScore > 100 && firstScore !== 255)
    throw new IsoRecordError(`representation ${n} has quality ${firstScore}, outside 0–100`);
  at += qualityBlocks * 5;
  if (certified) {
    need(at, 1);
    const blocks = rep[at++] ?? 0;
    at += blocks * 3;
  }
  need(at, 23);
  const position = rep[at] ?? 0;
  const ppi = rep.readUInt16BE(at + 7);
  const bitDepth = rep[at + 11] ?? 0;
  const code = rep[at + 12] ?? 0;
  const compression = compressionNames[code];
  if (!compression) throw new IsoRecordError(`representation ${n} has unknown compression ${code}`);
  const impression = rep[at + 13] ?? 0;
  const width = rep.readUInt16BE(at + 14);
  const height = rep.readUInt16BE(at + 16);
  const imageLength = rep.readUInt32BE(at + 18);
  at += 22;
  if (at + imageLength > rep.length)
    throw new IsoRecordError(
      `representation ${n} says its image is ${imageLength} bytes, which does not fit`,
    );
  const image = rep.subarray(at, at + imageLength);
  const signature = signatures[compression];
  if (signature && !image.subarray(0, signature.length).equals(signature))
    throw new IsoRecordError(`representation ${n} says ${compression} but its image is not one`);
  if (width === 0 || height === 0) throw new IsoRecordError(`representation ${n} has no image size`);
  return {
    position,
    quality: firstScore === 255 ? null : firstScore,
    capturedAt,
    width,
    height,
    ppi,
    bitDepth,
    compression,
    impression,
    image: Buffer.from(image),
  };
}
