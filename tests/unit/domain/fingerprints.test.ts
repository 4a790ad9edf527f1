import { describe, expect, it } from 'vitest';
import { isLoketError } from '../../../src-main/domain/errors.ts';
import {
  approveExceptions,
  captureSteps,
  defaultFingerSet,
  fingerIds,
  fingerSetSchema,
  fingerState,
  finishSession,
  markException,
  recordAttempt,
  recordSlapAttempt,
  sessionOutcome,
  startSession,
  withdrawException,
  type CaptureSession,
  type FingerSetConfig,
} from '../../../src-main/domain/fingerprints.ts';

const at = 1_764_300_000_000; // the clock's reading; the rules only store it

const issuesOf = (config: unknown): string[] => {
  const result = fingerSetSchema.safeParse(config);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

function refusal(run: () => unknown): { code: string; id: string; en: string } {
  try {
    run();
  } catch (error) {
    if (isLoketError(error)) return { code: error.code, ...error.text };
    throw error;
  }
  throw new Error('expected a refusal');
}

const tenBySlap: FingerSetConfig = fingerSetSchema.parse({ fingers: [...fingerIds], capture: 'slap' });

describe("a station's finger set", () => {
  it('ships as the two index fingers taken one at a time, NFIQ 2 of 40, three attempts', () => {
    expect(defaultFingerSet).toEqual({
      fingers: ['right_index', 'left_index'],
      capture: 'single',
      minQuality: 40,
      maxAttempts: 3,
      captureSeconds: 10,
    });
    expect(captureSteps(defaultFingerSet)).toEqual([
      { kind: 'finger', finger: 'right_index' },
      { kind: 'finger', finger: 'left_index' },
    ]);
  });

  it('takes all ten by slap as the left four, the right four, then the two thumbs', () => {
    expect(captureSteps(tenBySlap)).toEqual([
      { kind: 'slap', slap: 'left_four', fingers: ['left_index', 'left_middle', 'left_ring', 'left_little'] },
      {
        kind: 'slap',
        slap: 'right_four',
        fingers: ['right_index', 'right_middle', 'right_ring', 'right_little'],
      },
      { kind: 'slap', slap: 'thumbs', fingers: ['left_thumb', 'right_thumb'] },
    ]);
  });

  it('with index fingers and thumbs by slap, asks each platen only for the fingers of the set', () => {
    const config = fingerSetSchema.parse({
      fingers: ['left_index', 'right_index', 'left_thumb', 'right_thumb'],
      capture: 'slap',
    });
    expect(captureSteps(config).map((s) => (s.kind === 'slap' ? [s.slap, s.fingers] : s))).toEqual([
      ['left_four', ['left_index']],
      ['right_four', ['right_index']],
      ['thumbs', ['left_thumb', 'right_thumb']],
    ]);
  });

  it('is refused without both index fingers, with a finger twice, or with a quality outside NFIQ 2', () => {
    expect(issuesOf({ fingers: ['right_index', 'right_thumb'] })).toEqual([
      'fingers: the set must include left_index',
    ]);
    expect(issuesOf({ fingers: ['right_index', 'left_index', 'left_index'] })).toEqual([
      'fingers: each finger once',
    ]);
    expect(issuesOf({ fingers: ['right_index', 'left_index'], minQuality: 101 })).toHaveLength(1);
    expect(issuesOf({ fingers: ['right_index', 'left_index'], capture: 'rolled' })).toHaveLength(1);
    expect(issuesOf({ fingers: ['right_index', 'left_index'], maxAttempts: 0 })).toHaveLength(1);
  });
});

describe('an officer capturing fingerprints', () => {
  it('takes a finger again while it is below the quality, and keeps the best attempt', () => {
    let session = startSession(defaultFingerSet);
    session = recordAttempt(session, 'right_index', { quality: 25, ref: 'img-1' }, at);
    session = recordAttempt(session, 'right_index', { quality: 35, ref: 'img-2' }, at + 1);
    expect(fingerState(session, 'right_index')).toBe('pending');
    expect(sessionOutcome(session).next).toEqual({ kind: 'finger', finger: 'right_index' });

    session = recordAttempt(session, 'right_index', { quality: 30, ref: 'img-3' }, at + 2);
    expect(fingerState(session, 'right_index')).toBe('low_quality');
    expect(sessionOutcome(session).fingers[0]).toEqual({
      finger: 'right_index',
      state: 'low_quality',
      attempts: 3,
      best: { quality: 35, ref: 'img-2', at: at + 1 },
    });
    expect(sessionOutcome(session).next).toEqual({ kind: 'finger', finger: 'left_index' });
  });

  it('is done with a finger as soon as it reaches the quality, and refuses a fourth capture of another', () => {
    let session = startSession(defaultFingerSet);
    session = recordAttempt(session, 'right_index', { quality: 62, ref: 'img-1' }, at);
    expect(fingerState(session, 'right_index')).toBe('captured');
    expect(
      refusal(() => recordAttempt(session, 'right_index', { quality: 90, ref: 'img-2' }, at)),
    ).toMatchObject({
      code: 'CONFLICT',
      en: 'Right index finger is already captured at the required quality.',
    });
    for (const quality of [10, 12, 15])
      session = recordAttempt(session, 'left_index', { quality, ref: `l${quality}` }, at);
    expect(
      refusal(() => recordAttempt(session, 'left_index', { quality: 80, ref: 'l80' }, at)),
    ).toMatchObject({
      code: 'CONFLICT',
      en: 'Left index finger has no attempts left.',
    });
  });

  it('finishes with a low-quality finger accepted at its best and flagged', () => {
    let session = startSession(defaultFingerSet);
    session = recordAttempt(session, 'right_index', { quality: 71, ref: 'r1' }, at);
    for (const [i, quality] of [20, 33, 28].entries())
      session = recordAttempt(session, 'left_index', { quality, ref: `l${i}` }, at);
    expect(sessionOutcome(session)).toMatchObject({
      state: 'complete',
      lowQuality: ['left_index'],
      blockers: [],
    });
    expect(finishSession(session)).toEqual({
      fingers: [
        { finger: 'right_index', quality: 71, ref: 'r1', lowQuality: false },
        { finger: 'left_index', quality: 33, ref: 'l1', lowQuality: true },
      ],
      exceptions: [],
    });
  });

  it('retakes a slap for the fingers still below the quality only', () => {
    let session = startSession(tenBySlap);
    const [leftFour] = captureSteps(tenBySlap);
    if (leftFour?.kind !== 'slap') throw new Error('slap expected');
    session = recordSlapAttempt(
      session,
      leftFour,
      [
        { finger: 'left_index', quality: 70, ref: 'a' },
        { finger: 'left_middle', quality: 22, ref: 'b' },
        { finger: 'left_ring', quality: 64, ref: 'c' },
        { finger: 'left_little', quality: 30, ref: 'd' },
      ],
      at,
    );
    const retake = sessionOutcome(session).next;
    expect(retake).toEqual({ kind: 'slap', slap: 'left_four', fingers: ['left_middle', 'left_little'] });
    if (retake?.kind !== 'slap') throw new Error('slap expected');
    session = recordSlapAttempt(
      session,
      retake,
      [
        { finger: 'left_index', quality: 10, ref: 'e' },
        { finger: 'left_middle', quality: 55, ref: 'f' },
        { finger: 'left_little', quality: 41, ref: 'g' },
      ],
      at + 1,
    );
    const left = sessionOutcome(session).fingers.filter(
      (f) => f.finger.startsWith('left_') && f.finger !== 'left_thumb',
    );
    expect(left.map((f) => [f.finger, f.state, f.attempts, f.best?.ref])).toEqual([
      ['left_index', 'captured', 1, 'a'],
      ['left_middle', 'captured', 2, 'f'],
      ['left_ring', 'captured', 1, 'c'],
      ['left_little', 'captured', 2, 'g'],
    ]);
    expect(sessionOutcome(session).next).toMatchObject({ kind: 'slap', slap: 'right_four' });
  });

  it('cannot finish while a finger the reader never gave an image for has no exception', () => {
    let session = startSession(defaultFingerSet);
    session = recordAttempt(session, 'right_index', { quality: 80, ref: 'r' }, at);
    for (let i = 0; i < 3; i++) session = recordAttempt(session, 'left_index', { quality: 0, ref: null }, at);
    expect(sessionOutcome(session)).toMatchObject({
      state: 'needs_exception',
      failed: ['left_index'],
      blockers: [{ en: 'No image, an exception is needed: Left index finger.' }],
    });
    expect(refusal(() => finishSession(session)).code).toBe('CONFLICT');
  });

  it("is refused a finger outside the station's set", () => {
    expect(
      refusal(() =>
        recordAttempt(startSession(defaultFingerSet), 'left_thumb', { quality: 50, ref: 'x' }, at),
      ),
    ).toMatchObject({ code: 'INVALID_INPUT', en: "Left thumb is not in this station's finger set." });
  });
});

describe('a missing or damaged finger', () => {
  function withCapturedRightIndex(): CaptureSession {
    return recordAttempt(startSession(defaultFingerSet), 'right_index', { quality: 75, ref: 'r' }, at);
  }

  it('is an exception with a reason and a photo, and the session waits for a supervisor to approve it', () => {
    let session = markException(
      withCapturedRightIndex(),
      'left_index',
      { reason: 'missing', photoRef: 'photo-1', markedBy: 'officer-7' },
      at,
    );
    expect(sessionOutcome(session)).toMatchObject({
      state: 'awaiting_approval',
      awaitingApproval: ['left_index'],
      blockers: [{ id: 'Pengecualian menunggu persetujuan supervisor: Telunjuk kiri.' }],
    });
    expect(refusal(() => finishSession(session))).toMatchObject({
      code: 'CONFLICT',
      en: "The fingerprints are not finished. Exceptions waiting for a supervisor's approval: Left index finger.",
    });

    session = approveExceptions(session, 'supervisor-2', at + 60_000);
    expect(sessionOutcome(session).state).toBe('complete');
    expect(finishSession(session)).toEqual({
      fingers: [{ finger: 'right_index', quality: 75, ref: 'r', lowQuality: false }],
      exceptions: [
        {
          finger: 'left_index',
          reason: 'missing',
          note: null,
          photoRef: 'photo-1',
          markedBy: 'officer-7',
          at,
          approval: { by: 'supervisor-2', at: at + 60_000 },
        },
      ],
    });
  });

  it('cannot be approved by the officer who marked it', () => {
    const session = markException(
      withCapturedRightIndex(),
      'left_index',
      { reason: 'bandaged', photoRef: 'p', markedBy: 'supervisor-2' },
      at,
    );
    expect(refusal(() => approveExceptions(session, 'supervisor-2', at))).toMatchObject({
      code: 'FORBIDDEN',
      en: 'A supervisor cannot approve an exception they marked themselves.',
    });
  });

  it('marked after an approval needs its own approval', () => {
    let session = startSession(defaultFingerSet);
    session = markException(session, 'right_index', { reason: 'damaged', photoRef: 'p1', markedBy: 'o' }, at);
    session = approveExceptions(session, 's', at);
    session = markException(session, 'left_index', { reason: 'missing', photoRef: 'p2', markedBy: 'o' }, at);
    expect(sessionOutcome(session)).toMatchObject({
      state: 'awaiting_approval',
      awaitingApproval: ['left_index'],
    });
  });

  it('needs a photo, and a note when the reason is "other"', () => {
    const session = withCapturedRightIndex();
    expect(
      refusal(() =>
        markException(session, 'left_index', { reason: 'other', photoRef: 'p', markedBy: 'o' }, at),
      ),
    ).toMatchObject({ code: 'INVALID_INPUT', id: 'Alasan "lainnya" memerlukan keterangan.' });
    expect(
      refusal(() =>
        markException(session, 'left_index', { reason: 'damaged', photoRef: ' ', markedBy: 'o' }, at),
      ),
    ).toMatchObject({ code: 'INVALID_INPUT', en: 'A fingerprint exception needs a photo of the hand.' });
    const noted = markException(
      session,
      'left_index',
      { reason: 'other', note: 'skin condition', photoRef: 'p', markedBy: 'o' },
      at,
    );
    expect(fingerState(noted, 'left_index')).toBe('exception');
  });

  it('is not allowed for a finger already captured at the quality', () => {
    expect(
      refusal(() =>
        markException(
          withCapturedRightIndex(),
          'right_index',
          { reason: 'damaged', photoRef: 'p', markedBy: 'o' },
          at,
        ),
      ),
    ).toMatchObject({ code: 'CONFLICT' });
  });

  it('marked by mistake can be withdrawn, and the finger is taken after all', () => {
    let session = markException(
      withCapturedRightIndex(),
      'left_index',
      { reason: 'bandaged', photoRef: 'p', markedBy: 'o' },
      at,
    );
    expect(refusal(() => recordAttempt(session, 'left_index', { quality: 50, ref: 'x' }, at)).code).toBe(
      'CONFLICT',
    );
    session = withdrawException(session, 'left_index');
    session = recordAttempt(session, 'left_index', { quality: 50, ref: 'x' }, at);
    expect(sessionOutcome(session).state).toBe('complete');
  });
});
