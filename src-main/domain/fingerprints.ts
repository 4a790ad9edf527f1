import { z } from 'zod';
import { LoketError, type Bilingual } from './errors.ts';

/**
 * The fingerprint rules of the interview counter: which fingers a station takes and how (one at
 * a time or by slap), and the capture session — attempts counted per finger up to the maximum,
 * the best attempt kept, a finger done when it reaches the quality or runs out of attempts, a
 * missing or damaged finger recorded as an exception with a reason and a photo, and no session
 * finished while an exception waits for a supervisor's approval. A session is a value; every
 * function returns a new one. Times are the caller's clock readings (ms).
 */

export const fingerIds = [
  'right_thumb',
  'right_index',
  'right_middle',
  'right_ring',
  'right_little',
  'left_thumb',
  'left_index',
  'left_middle',
  'left_ring',
  'left_little',
] as const;
export type FingerId = (typeof fingerIds)[number];

export const fingerLabels: Record<FingerId, Bilingual> = {
  right_thumb: { id: 'Ibu jari kanan', en: 'Right thumb' },
  right_index: { id: 'Telunjuk kanan', en: 'Right index finger' },
  right_middle: { id: 'Jari tengah kanan', en: 'Right middle finger' },
  right_ring: { id: 'Jari manis kanan', en: 'Right ring finger' },
  right_little: { id: 'Kelingking kanan', en: 'Right little finger' },
  left_thumb: { id: 'Ibu jari kiri', en: 'Left thumb' },
  left_index: { id: 'Telunjuk kiri', en: 'Left index finger' },
  left_middle: { id: 'Jari tengah kiri', en: 'Left middle finger' },
  left_ring: { id: 'Jari manis kiri', en: 'Left ring finger' },
  left_little: { id: 'Kelingking kiri', en: 'Left little finger' },
};

/** A slap scanner's platens (4-4-2), in the order the counter takes them. */
export const slapIds = ['left_four', 'right_four', 'thumbs'] as const;
export type SlapId = (typeof slapIds)[number];

export const slapFingers: Record<SlapId, readonly FingerId[]> = {
  left_four: ['left_index', 'left_middle', 'left_ring', 'left_little'],
  right_four: ['right_index', 'right_middle', 'right_ring', 'right_little'],
  thumbs: ['left_thumb', 'right_thumb'],
};

export const fingerSetSchema = z
  .object({
    /** The fingers taken: both index fingers at least, up to all ten. */
    fingers: z.array(z.enum(fingerIds)).min(2).max(10),
    /** `single`: one finger at a time; `slap`: four fingers of a hand, then the two thumbs. */
    capture: z.enum(['single', 'slap']).default('single'),
    /** The NFIQ 2 score (0–100) a finger must reach. */
    minQuality: z.number().int().min(1).max(100).default(40),
    /** Captures of one finger before its best is accepted as it is. */
    maxAttempts: z.number().int().min(1).max(10).default(3),
    /** How long the reader may look for a good frame in one capture. */
    captureSeconds: z.number().int().min(1).max(60).default(10),
  })
  .superRefine((set, ctx) => {
    if (new Set(set.fingers).size !== set.fingers.length)
      ctx.addIssue({ code: 'custom', path: ['fingers'], message: 'each finger once' });
    for (const finger of ['right_index', 'left_index'] as const)
      if (!set.fingers.includes(finger))
        ctx.addIssue({ code: 'custom', path: ['fingers'], message: `the set must include ${finger}` });
  });
export type FingerSetConfig = z.infer<typeof fingerSetSchema>;

export const defaultFingerSet: FingerSetConfig = fingerSetSchema.parse({
  fingers: ['right_index', 'left_index'],
});

/** What the reader is asked for next: one finger, or the fingers of one slap still wanted. */
export type CaptureStep =
  { kind: 'finger'; finger: FingerId } | { kind: 'slap'; slap: SlapId; fingers: FingerId[] };

/** The steps of a station's finger set, in the order the counter takes them. */
export function captureSteps(config: FingerSetConfig): CaptureStep[] {
  if (config.capture === 'single')
    return fingerIds.filter((f) => config.fingers.includes(f)).map((finger) => ({ kind: 'finger', finger }));
  return slapIds.flatMap((slap): CaptureStep[] => {
    const fingers = slapFingers[slap].filter((f) => config.fingers.includes(f));
    return fingers.length ? [{ kind: 'slap', slap, fingers }] : [];
  });
}

export interface FingerAttempt {
  /** NFIQ 2, 0–100; 0 when the reader gave no image. */
  quality: number;
  /** Where the image is kept (the service's reference); null when the reader gave none. */
  ref: string | null;
  at: number;
}

export const exceptionReasons = ['missing', 'damaged', 'bandaged', 'other'] as const;
export type ExceptionReason = (typeof exceptionReasons)[number];

export const exceptionReasonLabels: Record<ExceptionReason, Bilingual> = {
  missing: { id: 'Jari tidak ada / diamputasi', en: 'Missing or amputated' },
  damaged: { id: 'Jari rusak / cedera', en: 'Damaged or injured' },
  bandaged: { id: 'Jari diperban', en: 'Bandaged' },
  other: { id: 'Lainnya', en: 'Other' },
};

export interface FingerException {
  reason: ExceptionReason;
  /** Required for `other`: what the officer saw. */
  note: string | null;
  /** The exception photo of the hand (the service's reference). */
  photoRef: string;
  markedBy: string;
  at: number;
  approval: { by: string; at: number } | null;
}

export interface FingerRecord {
  finger: FingerId;
  attempts: FingerAttempt[];
  best: FingerAttempt | null;
  exception: FingerException | null;
}

export interface CaptureSession {
  config: FingerSetConfig;
  fingers: FingerRecord[];
}

/**
 * Where a finger stands: `pending` (more attempts may be taken), `captured` (reached the quality),
 * `low_quality` (out of attempts; its best is kept and flagged), `failed` (out of attempts and
 * not one image: it needs an exception), `exception`.
 */
export type FingerState = 'pending' | 'captured' | 'low_quality' | 'failed' | 'exception';

export function startSession(config: FingerSetConfig): CaptureSession {
  const order = captureSteps(config).flatMap((step) =>
    step.kind === 'finger' ? [step.finger] : step.fingers,
  );
  return { config, fingers: order.map((finger) => ({ finger, attempts: [], best: null, exception: null })) };
}

export function fingerState(session: CaptureSession, finger: FingerId): FingerState {
  const record = recordOf(session, finger);
  if (record.exception) return 'exception';
  if (record.best && record.best.quality >= session.config.minQuality) return 'captured';
  if (record.attempts.length < session.config.maxAttempts) return 'pending';
  return record.best ? 'low_quality' : 'failed';
}

/** One capture of one finger; the best of its attempts is kept (the first, on a tie). */
export function recordAttempt(
  session: CaptureSession,
  finger: FingerId,
  attempt: { quality: number; ref: string | null },
  at: number,
): CaptureSession {
  if (!(Number.isFinite(attempt.quality) && attempt.quality >= 0 && attempt.quality <= 100))
    throw new LoketError('INVALID_INPUT', {
      id: `Nilai kualitas ${attempt.quality} di luar 0–100.`,
      en: `Quality ${attempt.quality} is outside 0–100.`,
    });
  const state = fingerState(session, finger);
  if (state !== 'pending') throw notPending(finger, state);
  const taken: FingerAttempt = { quality: attempt.ref === null ? 0 : attempt.quality, ref: attempt.ref, at };
  return update(session, finger, (record) => ({
    ...record,
    attempts: [...record.attempts, taken],
    best: taken.ref !== null && (!record.best || taken.quality > record.best.quality) ? taken : record.best,
  }));
}

/**
 * One capture of a slap: an attempt for each finger of it that is still pending. Fingers already
 * done keep their result; a pending finger the reader gave nothing for counts a failed attempt.
 */
export function recordSlapAttempt(
  session: CaptureSession,
  step: Extract<CaptureStep, { kind: 'slap' }>,
  results: ReadonlyArray<{ finger: FingerId; quality: number; ref: string }>,
  at: number,
): CaptureSession {
  return step.fingers
    .filter((finger) => fingerState(session, finger) === 'pending')
    .reduce((next, finger) => {
      const result = results.find((r) => r.finger === finger);
      return recordAttempt(next, finger, result ?? { quality: 0, ref: null }, at);
    }, session);
}

/** A finger that cannot be taken: missing, damaged, bandaged or another reason with a note. */
export function markException(
  session: CaptureSession,
  finger: FingerId,
  exception: { reason: ExceptionReason; note?: string | null; photoRef: string; markedBy: string },
  at: number,
): CaptureSession {
  const note = exception.note?.trim() || null;
  if (exception.reason === 'other' && !note)
    throw new LoketError('INVALID_INPUT', {
      id: 'Alasan "lainnya" memerlukan keterangan.',
      en: 'The reason "other" needs a note.',
    });
  if (!exception.photoRef.trim())
    throw new LoketError('INVALID_INPUT', {
      id: 'Pengecualian sidik jari memerlukan foto tangan.',
      en: 'A fingerprint exception needs a photo of the hand.',
    });
  const state = fingerState(session, finger);
  if (state === 'captured' || state === 'exception') throw notPending(finger, state);
  return update(session, finger, (record) => ({
    ...record,
    exception: {
      reason: exception.reason,
      note,
      photoRef: exception.photoRef,
      markedBy: exception.markedBy,
      at,
      approval: null,
    },
  }));
}

/** Takes an exception back (marked by mistake): the finger is where its attempts left it. */
export function withdrawException(session: CaptureSession, finger: FingerId): CaptureSession {
  if (!recordOf(session, finger).exception)
    throw new LoketError('CONFLICT', {
      id: `${fingerLabels[finger].id} tidak ditandai sebagai pengecualian.`,
      en: `${fingerLabels[finger].en} is not marked as an exception.`,
    });
  return update(session, finger, (record) => ({ ...record, exception: null }));
}

/**
 * A supervisor approves every exception still waiting. Not one they marked themselves: an
 * exception leaves a finger out of the passport record, so a second person must see it.
 */
export function approveExceptions(session: CaptureSession, supervisor: string, at: number): CaptureSession {
  const waiting = session.fingers.filter((r) => r.exception && !r.exception.approval);
  if (!waiting.length)
    throw new LoketError('CONFLICT', {
      id: 'Tidak ada pengecualian yang menunggu persetujuan.',
      en: 'No exception is waiting for approval.',
    });
  if (waiting.some((r) => r.exception?.markedBy === supervisor))
    throw new LoketError('FORBIDDEN', {
      id: 'Supervisor tidak dapat menyetujui pengecualian yang ditandainya sendiri.',
      en: 'A supervisor cannot approve an exception they marked themselves.',
    });
  return {
    ...session,
    fingers: session.fingers.map((r) =>
      r.exception && !r.exception.approval
        ? { ...r, exception: { ...r.exception, approval: { by: supervisor, at } } }
        : r,
    ),
  };
}

/** What the officer is told when a finger stays below the quality. */
export const retryAdvice: Bilingual = {
  id: 'Kualitas belum cukup. Bersihkan kaca pemindai dan jari, lembapkan jari yang kering, tekan rata tanpa menggeser, lalu ulangi.',
  en: 'Quality not reached yet. Clean the glass and the finger, moisten a dry finger, press flat without sliding, then try again.',
};

export const lowQualityAdvice: Bilingual = {
  id: 'Percobaan habis: hasil terbaik disimpan dan ditandai kualitas rendah. Bila jari cedera, diperban atau cacat, tandai sebagai pengecualian dengan foto (perlu persetujuan supervisor).',
  en: 'Out of attempts: the best capture is kept and flagged low quality. If the finger is injured, bandaged or deformed, mark it as an exception with a photo instead (needs supervisor approval).',
};

export const failedAdvice: Bilingual = {
  id: 'Percobaan habis tanpa gambar yang dapat dipakai. Tandai jari ini sebagai pengecualian dengan alasan dan foto.',
  en: 'Out of attempts without a usable image. Mark this finger as an exception with a reason and a photo.',
};

export interface SessionOutcome {
  /** `capturing` while a finger may be taken; then `needs_exception`, `awaiting_approval`, `complete`. */
  state: 'capturing' | 'needs_exception' | 'awaiting_approval' | 'complete';
  next: CaptureStep | null;
  fingers: Array<{ finger: FingerId; state: FingerState; attempts: number; best: FingerAttempt | null }>;
  lowQuality: FingerId[];
  failed: FingerId[];
  awaitingApproval: FingerId[];
  /** What keeps the session from being finished, in both languages. */
  blockers: Bilingual[];
}

export function sessionOutcome(session: CaptureSession): SessionOutcome {
  const fingers = session.fingers.map((r) => ({
    finger: r.finger,
    state: fingerState(session, r.finger),
    attempts: r.attempts.length,
    best: r.best,
  }));
  const having = (state: FingerState) => fingers.filter((f) => f.state === state).map((f) => f.finger);
  const pending = having('pending');
  const failed = having('failed');
  const awaitingApproval = session.fingers
    .filter((r) => r.exception && !r.exception.approval)
    .map((r) => r.finger);
  const names = (list: FingerId[], lang: keyof Bilingual) =>
    list.map((f) => fingerLabels[f][lang]).join(', ');
  const blockers: Bilingual[] = [];
  if (pending.length)
    blockers.push({
      id: `Belum diambil: ${names(pending, 'id')}.`,
      en: `Not taken yet: ${names(pending, 'en')}.`,
    });
  if (failed.length)
    blockers.push({
      id: `Tanpa gambar, perlu pengecualian: ${names(failed, 'id')}.`,
      en: `No image, an exception is needed: ${names(failed, 'en')}.`,
    });
  if (awaitingApproval.length)
    blockers.push({
      id: `Pengecualian menunggu persetujuan supervisor: ${names(awaitingApproval, 'id')}.`,
      en: `Exceptions waiting for a supervisor's approval: ${names(awaitingApproval, 'en')}.`,
    });
  return {
    state: pending.length
      ? 'capturing'
      : failed.length
        ? 'needs_exception'
        : awaitingApproval.length
          ? 'awaiting_approval'
          : 'complete',
    next: nextStep(session),
    fingers,
    lowQuality: having('low_quality'),
    failed,
    awaitingApproval,
    blockers,
  };
}

/** The next step with fingers still pending, narrowed to those fingers; null when none is. */
export function nextStep(session: CaptureSession): CaptureStep | null {
  for (const step of captureSteps(session.config)) {
    if (step.kind === 'finger') {
      if (fingerState(session, step.finger) === 'pending') return step;
      continue;
    }
    const fingers = step.fingers.filter((f) => fingerState(session, f) === 'pending');
    if (fingers.length) return { ...step, fingers };
  }
  return null;
}

export interface FinishedCapture {
  fingers: Array<{ finger: FingerId; quality: number; ref: string; lowQuality: boolean }>;
  exceptions: Array<{ finger: FingerId } & FingerException>;
}

/** What the visit keeps once the session is complete; refused while anything blocks it. */
export function finishSession(session: CaptureSession): FinishedCapture {
  const outcome = sessionOutcome(session);
  if (outcome.state !== 'complete')
    throw new LoketError(
      'CONFLICT',
      {
        id: `Sidik jari belum selesai. ${outcome.blockers.map((b) => b.id).join(' ')}`,
        en: `The fingerprints are not finished. ${outcome.blockers.map((b) => b.en).join(' ')}`,
      },
      { state: outcome.state },
    );
  return {
    fingers: session.fingers.flatMap((r) =>
      r.exception || !r.best?.ref
        ? []
        : [
            {
              finger: r.finger,
              quality: r.best.quality,
              ref: r.best.ref,
              lowQuality: r.best.quality < session.config.minQuality,
            },
          ],
    ),
    exceptions: session.fingers.flatMap((r) => (r.exception ? [{ finger: r.finger, ...r.exception }] : [])),
  };
}

function recordOf(session: CaptureSession, finger: FingerId): FingerRecord {
  const record = session.fingers.find((r) => r.finger === finger);
  if (!record)
    throw new LoketError('INVALID_INPUT', {
      id: `${fingerLabels[finger]?.id ?? finger} tidak termasuk set jari stasiun ini.`,
      en: `${fingerLabels[finger]?.en ?? finger} is not in this station's finger set.`,
    });
  return record;
}

function update(
  session: CaptureSession,
  finger: FingerId,
  change: (record: FingerRecord) => FingerRecord,
): CaptureSession {
  return { ...session, fingers: session.fingers.map((r) => (r.finger === finger ? change(r) : r)) };
}

function notPending(finger: FingerId, state: FingerState): LoketError {
  const label = fingerLabels[finger];
  const why: Record<FingerState, Bilingual> = {
    pending: { id: 'masih dapat diambil', en: 'can still be taken' },
    captured: {
      id: 'sudah diambil dengan kualitas cukup',
      en: 'is already captured at the required quality',
    },
    low_quality: { id: 'sudah habis percobaannya', en: 'has no attempts left' },
    failed: { id: 'sudah habis percobaannya', en: 'has no attempts left' },
    exception: { id: 'ditandai sebagai pengecualian', en: 'is marked as an exception' },
  };
  return new LoketError(
    'CONFLICT',
    { id: `${label.id} ${why[state].id}.`, en: `${label.en} ${why[state].en}.` },
    { state },
  );
}
