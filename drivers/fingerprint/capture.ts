import { fail, FingerprintError, sbiProblem, type Problem } from './errors.ts';
import { fingerAtIsoPosition, isFingerName, isoPosition, type FingerName } from './fingers.ts';
import { chainHash } from './hashChain.ts';
import { decodeFingerImageRecord, IsoRecordError } from './iso19794.ts';
import { decodeJws, JwsError } from './jws.ts';
import { captureDataSchema, captureResponseSchema } from './protocol.ts';
import type { CaptureResult, FingerCapture } from './reader.ts';

/**
 * Checks an RCAPTURE answer before anything of it is kept: every biometric's JWS (and its
 * signature, when it names a certificate), that it is a finger that was asked for in this
 * transaction, its ISO/IEC 19794-4 record, its quality, and the hash chain from `previousHash`
 * through each biometric in order. One wrong link refuses the whole answer.
 */
export interface AskedFor {
  transactionId: string;
  fingers: readonly FingerName[];
  previousHash: string;
  requestedScore: number;
}

export function readCaptureResponse(body: unknown, asked: AskedFor): CaptureResult {
  const parsed = captureResponseSchema.safeParse(body);
  if (!parsed.success)
    throw fail('malformed_response', `not a capture answer: ${parsed.error.issues[0]?.message}`);
  const fingers: FingerCapture[] = [];
  const failed: Array<{ finger: FingerName | null; problem: Problem }> = [];
  let previous = asked.previousHash;
  for (const [index, biometric] of parsed.data.biometrics.entries()) {
    const code = biometric.error?.errorCode ?? 0;
    if (!biometric.data) {
      // A biometric without data is the device saying why it has none (busy, no finger seen …).
      failed.push({
        finger:
          asked.fingers.length === parsed.data.biometrics.length ? (asked.fingers[index] ?? null) : null,
        problem: sbiProblem(code === 0 ? 101 : code, biometric.error?.errorInfo),
      });
      continue;
    }
    const capture = readBiometric(biometric.data, asked);
    const expected = chainHash(previous, capture.iso);
    if (!biometric.hash || biometric.hash.toUpperCase() !== expected)
      throw fail(
        'hash_chain_broken',
        `${capture.finger}: expected ${expected}, the device said ${biometric.hash ?? 'nothing'}`,
      );
    previous = expected;
    fingers.push({ ...capture, hash: expected });
  }
  if (fingers.length === 0) {
    const first = failed[0]?.problem ?? sbiProblem(101);
    throw new FingerprintError(first, 'the reader returned no finger');
  }
  const average = fingers.reduce((sum, f) => sum + f.quality, 0) / fingers.length;
  return {
    transactionId: asked.transactionId,
    fingers,
    failed,
    hash: previous,
    reachedRequestedScore: average >= asked.requestedScore,
  };
}

function readBiometric(data: string, asked: AskedFor): Omit<FingerCapture, 'hash'> {
  let decoded;
  try {
    decoded = decodeJws(data);
  } catch (error) {
    if (error instanceof JwsError && error.badSignature) throw fail('signature_invalid', error.message);
    throw fail('malformed_response', `data: ${(error as Error).message}`);
  }
  const parsed = captureDataSchema.safeParse(decoded.payload);
  if (!parsed.success)
    throw fail(
      'malformed_response',
      `data: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  const payload = parsed.data;
  if (payload.transactionId !== asked.transactionId)
    throw fail('malformed_response', `transaction ${payload.transactionId} is not ${asked.transactionId}`);
  if (payload.bioType !== 'Finger') throw fail('malformed_response', `bioType ${payload.bioType}`);
  const finger = payload.bioSubType;
  if (!isFingerName(finger) || !asked.fingers.includes(finger))
    throw fail('malformed_response', `the reader sent ${finger}, which was not asked for`);
  if (!(payload.qualityScore >= 0 && payload.qualityScore <= 100))
    throw fail('malformed_response', `quality ${payload.qualityScore} is outside 0–100`);
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(payload.bioValue))
    throw fail('malformed_response', 'bioValue is not base64url');
  const iso = Buffer.from(payload.bioValue, 'base64url');
  let images;
  try {
    images = decodeFingerImageRecord(iso);
  } catch (error) {
    if (error instanceof IsoRecordError)
      throw fail('malformed_response', `ISO 19794-4 record: ${error.message}`);
    throw error;
  }
  const image = images[0];
  if (!image || images.length !== 1)
    throw fail('malformed_response', `${images.length} images in the record of ${finger}, not one`);
  if (image.position !== 0 && image.position !== isoPosition(finger))
    throw fail(
      'malformed_response',
      `the record of ${finger} holds ${fingerAtIsoPosition(image.position) ?? `position ${image.position}`}`,
    );
  return {
    finger,
    quality: payload.qualityScore,
    image: {
      bytes: image.image,
      compression: image.compression,
      width: image.width,
      height: image.height,
      ppi: image.ppi,
    },
    iso,
    capturedAt: payload.timestamp,
    signature: decoded.signature,
  };
}
