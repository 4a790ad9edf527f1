import { FingerprintError } from '../../drivers/fingerprint/errors.ts';
import { fingerAtIsoPosition, type FingerName } from '../../drivers/fingerprint/fingers.ts';
import { chainHash } from '../../drivers/fingerprint/hashChain.ts';
import { decodeFingerImageRecord } from '../../drivers/fingerprint/iso19794.ts';
import type { CaptureResult } from '../../drivers/fingerprint/reader.ts';
import { LoketError } from '../domain/errors.ts';
import {
  approveExceptions,
  exceptionReasonLabels,
  fingerLabels,
  markException,
  nextStep,
  recordAttempt,
  recordSlapAttempt,
  sessionOutcome,
  startSession,
  type CaptureSession,
  type CaptureStep,
  type ExceptionReason,
  type FingerId,
} from '../domain/fingerprints.ts';
import type { JpegImage } from './jpegImage.ts';
import type { FingerprintView } from '../api/applicationViews.ts';
import type { ApplicationRecord } from '../store/applications.ts';
import { appendApplicationEvent, openApplication } from './applications.ts';
import { storeImage } from './biometrics.ts';
import type { ServiceContext } from './context.ts';
import type { CounterCaller } from './counters.ts';

/**
 * Fingerprints at the interview counter: the station's reader (SBI, or its simulator) captures the
 * next finger or slap, each image is sealed as it arrives, the capture rules (domain/fingerprints.ts)
 * keep the best attempt, and a finger that cannot be given is an exception with a reason and a
 * photo of the hand that a supervisor approves. The reader's hash chain runs across the session.
 */

const sbiNames: Record<FingerId, FingerName> = {
  right_thumb: 'Right Thumb',
  right_index: 'Right IndexFinger',
  right_middle: 'Right MiddleFinger',
  right_ring: 'Right RingFinger',
  right_little: 'Right LittleFinger',
  left_thumb: 'Left Thumb',
  left_index: 'Left IndexFinger',
  left_middle: 'Left MiddleFinger',
  left_ring: 'Left RingFinger',
  left_little: 'Left LittleFinger',
};
const fingerOfName = new Map(Object.entries(sbiNames).map(([id, name]) => [name, id as FingerId]));

/**
 * The seam between the office's finger ids and the SBI reader's names: the contract and the
 * application speak ids, the reader speaks its names.
 */
export const sbiFingerName = (finger: FingerId): FingerName => sbiNames[finger];
export const fingerOfSbiName = (name: FingerName): FingerId => fingerOfName.get(name) as FingerId;

/** What an application keeps of its fingerprint session: the rules' value and the chain's last hash. */
interface StoredFingerprints {
  session: CaptureSession;
  hash: string | null;
}

function storedOf(ctx: ServiceContext, application: ApplicationRecord): StoredFingerprints {
  const stored = application.fingerprints as StoredFingerprints | null;
  return stored ?? { session: startSession(ctx.store.office.get().interview.fingers), hash: null };
}

/** A reader's problem as the officer reads it, with the SBI code for the log. */
export function fingerprintDeviceError(error: unknown): LoketError {
  if (error instanceof FingerprintError)
    return new LoketError(
      'DEVICE_ERROR',
      { id: error.problem.id, en: error.problem.en },
      { sbiCode: error.problem.code },
    );
  throw error;
}

/** The step the officer asked for, or the next one the rules want. */
function stepFor(session: CaptureSession, finger: FingerId | undefined): CaptureStep {
  const next = nextStep(session);
  if (finger === undefined) {
    if (next) return next;
  } else if (sessionOutcome(session).fingers.find((f) => f.finger === finger)?.state === 'pending') {
    if (session.config.capture === 'single') return { kind: 'finger', finger };
    if (next?.kind === 'slap' && next.fingers.includes(finger)) return next;
  }
  throw new LoketError('CONFLICT', {
    id: finger ? `${fingerLabels[finger].id} tidak menunggu pengambilan.` : 'Semua jari sudah diambil.',
    en: finger ? `${fingerLabels[finger].en} is not waiting to be taken.` : 'Every finger has been taken.',
  });
}

/** What the reader is asked for: the next step of the session, with the chain's last hash. */
export interface FingerprintAsk {
  step: CaptureStep;
  wanted: FingerId[];
  fingers: FingerName[];
  requestedScore: number;
  timeoutMs: number;
  previousHash: string | null;
}

export function fingerprintAsk(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: { applicationId: string; finger?: FingerId | undefined },
): FingerprintAsk {
  const { session, hash } = storedOf(ctx, openApplication(ctx, caller, input.applicationId));
  const step = stepFor(session, input.finger);
  const wanted = step.kind === 'finger' ? [step.finger] : step.fingers;
  return {
    step,
    wanted,
    fingers: wanted.map((f) => sbiNames[f]),
    requestedScore: session.config.minQuality,
    timeoutMs: session.config.captureSeconds * 1000,
    previousHash: hash,
  };
}

/** One finger image as a reader gave it, checked: its ISO record, quality and place in the chain. */
export interface CapturedFinger {
  finger: FingerName;
  quality: number;
  iso: Buffer;
  hash: string;
  meta: Record<string, unknown>;
}

/**
 * Keeps what one capture gave, provided the interview is still open at this counter and still
 * wants those fingers: each image sealed, the rules' attempt recorded, the beaten images purged.
 */
function keepCapture(
  ctx: ServiceContext,
  caller: CounterCaller,
  applicationId: string,
  ask: FingerprintAsk,
  capture: { fingers: CapturedFinger[]; failed: string[]; hash: string },
): ApplicationRecord {
  return ctx.store.transaction(() => {
    const application = openApplication(ctx, caller, applicationId);
    const current = storedOf(ctx, application);
    if (current.hash !== ask.previousHash)
      throw new LoketError('CONFLICT', {
        id: 'Sidik jari permohonan ini baru saja berubah. Ambil ulang.',
        en: "This application's fingerprints just changed. Capture again.",
      });
    const at = ctx.clock.now();
    const taken = capture.fingers.flatMap((finger) => {
      const id = fingerOfName.get(finger.finger);
      if (!id || !ask.wanted.includes(id)) return [];
      const image = storeImage(
        ctx,
        {
          applicationId: application.id,
          kind: 'fingerprint',
          position: id,
          format: 'iso19794-4',
          quality: Math.round(finger.quality),
          meta: { hash: finger.hash, ...finger.meta },
          capturedAt: at,
          capturedBy: caller.officer.user.id,
        },
        finger.iso,
      );
      return [{ finger: id, quality: finger.quality, ref: image.id }];
    });
    const { step } = ask;
    const next =
      step.kind === 'slap'
        ? recordSlapAttempt(current.session, step, taken, at)
        : recordAttempt(current.session, step.finger, taken[0] ?? { quality: 0, ref: null }, at);
    // Only the best attempt of a finger is kept: the others are purged as soon as they are beaten.
    const best = new Set(next.fingers.map((r) => r.best?.ref).filter(Boolean));
    for (const { ref } of taken) if (!best.has(ref)) ctx.store.biometricImages.purgeImage(ref, at);
    for (const record of current.session.fingers)
      if (record.best && !best.has(record.best.ref))
        ctx.store.biometricImages.purgeImage(record.best.ref as string, at);
    const saved: ApplicationRecord = {
      ...application,
      fingerprints: { session: next, hash: capture.hash },
      updatedAt: at,
    };
    ctx.store.applications.save(saved);
    appendApplicationEvent(ctx, caller, 'fingerprint.captured', saved, at, {
      fingers: taken.map(({ finger, quality }) => ({ finger, quality })),
      failed: capture.failed,
      requestedScore: ask.requestedScore,
    });
    return saved;
  });
}

/**
 * One capture at the counter's reader, which this runtime drives (SBI on its loopback, or the
 * simulator). The device is asked outside any transaction (it takes seconds).
 */
export async function captureFingerprint(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: { applicationId: string; finger?: FingerId | undefined },
): Promise<ApplicationRecord> {
  const ask = fingerprintAsk(ctx, caller, input);
  if (!ctx.fingerprints || !caller.stationId)
    throw fingerprintDeviceError(
      new FingerprintError({
        code: 'no_device',
        id: 'Tidak ada pemindai sidik jari.',
        en: 'No fingerprint reader.',
      }),
    );
  let result: CaptureResult;
  try {
    const reader = await ctx.fingerprints.readerFor(caller.stationId);
    result = await reader.capture({
      fingers: ask.fingers,
      requestedScore: ask.requestedScore,
      timeoutMs: ask.timeoutMs,
      ...(ask.previousHash ? { previousHash: ask.previousHash } : {}),
    });
  } catch (error) {
    throw fingerprintDeviceError(error);
  }
  return keepCapture(ctx, caller, input.applicationId, ask, {
    fingers: result.fingers.map((f) => ({
      finger: f.finger,
      quality: f.quality,
      iso: f.iso,
      hash: f.hash,
      meta: {
        transactionId: result.transactionId,
        deviceCapturedAt: f.capturedAt,
        signature: f.signature,
        width: f.image.width,
        height: f.image.height,
        ppi: f.image.ppi,
      },
    })),
    failed: result.failed.map((f) => f.problem.code),
    hash: result.hash,
  });
}

/**
 * What a counter whose hub is on another PC captured at the reader in its own cabinet: the ISO
 * records as the reader gave them. The hub reads each record itself (finger, quality, image) and
 * continues the hash chain from the one it holds, so a record cannot be slipped in or reordered.
 */
export function recordFingerprintCapture(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: {
    applicationId: string;
    finger?: FingerId | undefined;
    captures: { finger: FingerId; iso: Buffer }[];
    failed: string[];
    transactionId: string | null;
  },
): ApplicationRecord {
  const ask = fingerprintAsk(ctx, caller, input);
  let hash = ask.previousHash ?? '';
  const fingers = input.captures.map((capture): CapturedFinger => {
    let image;
    try {
      [image] = decodeFingerImageRecord(capture.iso);
    } catch (error) {
      throw new LoketError(
        'INVALID_INPUT',
        {
          id: `Rekaman sidik jari ${fingerLabels[capture.finger].id.toLowerCase()} tidak sah (ISO/IEC 19794-4).`,
          en: `The ${fingerLabels[capture.finger].en.toLowerCase()} fingerprint record is not valid (ISO/IEC 19794-4).`,
        },
        { reason: error instanceof Error ? error.message : String(error) },
      );
    }
    if (!image || fingerAtIsoPosition(image.position) !== sbiNames[capture.finger])
      throw new LoketError('INVALID_INPUT', {
        id: `Rekaman sidik jari bukan untuk ${fingerLabels[capture.finger].id.toLowerCase()}.`,
        en: `The fingerprint record is not of the ${fingerLabels[capture.finger].en.toLowerCase()}.`,
      });
    hash = chainHash(hash, capture.iso);
    return {
      finger: sbiNames[capture.finger],
      quality: image.quality ?? 0,
      iso: capture.iso,
      hash,
      meta: {
        transactionId: input.transactionId,
        width: image.width,
        height: image.height,
        ppi: image.ppi,
        capturedInCabinet: true,
      },
    };
  });
  return keepCapture(ctx, caller, input.applicationId, ask, { fingers, failed: input.failed, hash });
}

export interface FingerExceptionInput {
  applicationId: string;
  finger: FingerId;
  reason: ExceptionReason;
  note: string | null;
  photo: JpegImage;
}

/** A finger that cannot be given: the reason, a note, and the photo of the hand, sealed. */
export function recordFingerException(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: FingerExceptionInput,
): ApplicationRecord {
  return ctx.store.transaction(() => {
    const application = openApplication(ctx, caller, input.applicationId);
    const { session, hash } = storedOf(ctx, application);
    const at = ctx.clock.now();
    const photo = storeImage(
      ctx,
      {
        applicationId: application.id,
        kind: 'exception_photo',
        position: input.finger,
        format: 'jpeg',
        quality: null,
        meta: { reason: input.reason, width: input.photo.width, height: input.photo.height },
        capturedAt: at,
        capturedBy: caller.officer.user.id,
      },
      input.photo.bytes,
    );
    const next = markException(
      session,
      input.finger,
      { reason: input.reason, note: input.note, photoRef: photo.id, markedBy: caller.officer.user.id },
      at,
    );
    const saved: ApplicationRecord = {
      ...application,
      fingerprints: { session: next, hash },
      // A new exception needs its own approval, even after an earlier one was approved.
      approvals: application.approvals.filter((a) => a.subject !== 'finger_exceptions'),
      updatedAt: at,
    };
    ctx.store.applications.save(saved);
    appendApplicationEvent(ctx, caller, 'fingerprint.exception', saved, at, {
      finger: input.finger,
      reason: input.reason,
    });
    return saved;
  });
}

/** The supervisor's approval of the waiting exceptions, by the rules (never their own). */
export function approveFingerExceptions(
  ctx: ServiceContext,
  application: ApplicationRecord,
  supervisorId: string,
  at: number,
): ApplicationRecord {
  const { session, hash } = storedOf(ctx, application);
  return { ...application, fingerprints: { session: approveExceptions(session, supervisorId, at), hash } };
}

/** What keeps the application from adjudication on the fingerprint side, or null. */
export function fingerprintsBlocking(ctx: ServiceContext, application: ApplicationRecord): LoketError | null {
  const outcome = sessionOutcome(storedOf(ctx, application).session);
  if (outcome.state === 'complete') return null;
  return new LoketError(
    outcome.state === 'awaiting_approval' ? 'APPROVAL_REQUIRED' : 'CONFLICT',
    {
      id: `Sidik jari belum selesai. ${outcome.blockers.map((b) => b.id).join(' ')}`,
      en: `The fingerprints are not finished. ${outcome.blockers.map((b) => b.en).join(' ')}`,
    },
    { state: outcome.state },
  );
}

/** The session as the counter shows it: each finger, its attempts, best quality and exception. */
export function fingerprintView(ctx: ServiceContext, application: ApplicationRecord): FingerprintView {
  const { session } = storedOf(ctx, application);
  const outcome = sessionOutcome(session);
  const next = outcome.next;
  return {
    state: outcome.state,
    minQuality: session.config.minQuality,
    maxAttempts: session.config.maxAttempts,
    capture: session.config.capture,
    next: next ? (next.kind === 'finger' ? [next.finger] : next.fingers) : [],
    fingers: session.fingers.map((record) => {
      const summary = outcome.fingers.find((f) => f.finger === record.finger);
      return {
        finger: record.finger,
        name: fingerLabels[record.finger],
        state: summary?.state ?? 'pending',
        attempts: record.attempts.length,
        bestQuality: record.best?.quality ?? null,
        exception: record.exception
          ? {
              reason: record.exception.reason,
              reasonName: exceptionReasonLabels[record.exception.reason],
              note: record.exception.note,
              approved: record.exception.approval !== null,
            }
          : null,
      };
    }),
    exceptions: session.fingers.filter((r) => r.exception).map((r) => r.finger),
    blockers: outcome.blockers,
  };
}
