import type { Bilingual } from '../../../src-main/domain/errors.ts';
import { passportCrop, type PassportCrop, type Rect } from './crop.ts';
import { brightness, sharpness, type Pixels } from './pixels.ts';
import type { checkNames } from './texts.ts';
import { guidance } from './texts.ts';

/** One face as the detector saw it (detector.ts turns the library's output into this). */
export interface DetectedFace {
  /** From the top of the forehead to the chin, cheek to cheek, in the frame's pixels. */
  box: Rect;
  /** Degrees; all 0 when the face looks squarely into the camera. */
  yaw: number;
  pitch: number;
  roll: number;
  /** Each eyelid's opening over the height of the eye's surroundings: ~0.3 open, under 0.2 shut. */
  eyeOpening: { left: number; right: number };
}

export type FaceCheckId = keyof typeof checkNames;

/** `unchecked`: the check needs exactly one face, and there was not one. */
export interface FaceCheck {
  id: FaceCheckId;
  state: 'pass' | 'fail' | 'unchecked';
  /** What the citizen should do; null unless the check failed. */
  guidance: Bilingual | null;
  /** What was measured, for the officer and the record (e.g. "yaw -9.4°"). */
  detail: string;
}

/** The passport photo's limits. Exported for the tests and the README. */
export const limits = {
  /** Yaw, pitch and roll within ±5°. */
  maxAngle: 5,
  minEyeOpening: 0.2,
  /** The border around the head: light (mean luminance) and plain (its spread). */
  background: { minMean: 150, maxSpread: 28 },
  exposure: {
    /** Nothing in the crop brighter than this: the light background is lit too dimly. */
    minP95: 110,
    minFaceMean: 45,
    maxFaceMean: 210,
  },
  /** Variance of the Laplacian of the face, averaged down to ~160 px across. */
  minSharpness: 12,
} as const;

/** Checks in the order their guidance is given: light first (a dark frame hides the face). */
const order: FaceCheckId[] = [
  'exposure',
  'oneFace',
  'framing',
  'frontal',
  'eyesOpen',
  'background',
  'sharpness',
];

export interface PhotoAssessment {
  checks: FaceCheck[];
  /** The 35 × 45 crop when there is exactly one face. */
  crop: PassportCrop | null;
  /** The first failed check's guidance, or null when every check passed. */
  guidance: Bilingual | null;
}

const pass = (id: FaceCheckId, detail: string): FaceCheck => ({ id, state: 'pass', guidance: null, detail });
const fail = (id: FaceCheckId, advice: Bilingual, detail: string): FaceCheck => ({
  id,
  state: 'fail',
  guidance: advice,
  detail,
});
const unchecked = (id: FaceCheckId): FaceCheck => ({ id, state: 'unchecked', guidance: null, detail: '' });
const round = (value: number) => Math.round(value * 10) / 10;

/** The middle of the face box: skin, not hair or the background beside the cheeks. */
function innerFace(box: Rect): Rect {
  return {
    x: box.x + 0.2 * box.width,
    y: box.y + 0.15 * box.height,
    width: 0.6 * box.width,
    height: 0.7 * box.height,
  };
}

/** The crop's top strip and its sides above the ears: what the background is judged on. */
export function borderOf(crop: Rect): Rect[] {
  const side = 0.08 * crop.width;
  const sideHeight = 0.4 * crop.height;
  return [
    { x: crop.x, y: crop.y, width: crop.width, height: 0.08 * crop.height },
    { x: crop.x, y: crop.y, width: side, height: sideHeight },
    { x: crop.x + crop.width - side, y: crop.y, width: side, height: sideHeight },
  ];
}

function exposureCheck(image: Pixels, face: DetectedFace | null, crop: Rect | null): FaceCheck {
  const whole = { x: 0, y: 0, width: image.width, height: image.height };
  const scene = brightness(image, [crop ?? whole]);
  const skin = face ? brightness(image, [innerFace(face.box)]) : null;
  const detail = `brightest ${Math.round(scene.p95)}` + (skin ? `, face ${Math.round(skin.mean)}` : '');
  if (scene.p95 < limits.exposure.minP95 || (skin && skin.mean < limits.exposure.minFaceMean))
    return fail('exposure', guidance.tooDark, detail);
  if (skin && skin.mean > limits.exposure.maxFaceMean) return fail('exposure', guidance.tooBright, detail);
  return pass('exposure', detail);
}

function framingCheck(crop: PassportCrop): FaceCheck {
  const detail = `head ${Math.round(crop.headShare * 100)}% of the photo's height`;
  const advice = {
    ok: null,
    'move-closer': guidance.moveCloser,
    'move-back': guidance.moveBack,
    'move-to-centre': guidance.moveToCentre,
  }[crop.fit];
  return advice ? fail('framing', advice, detail) : pass('framing', detail);
}

function frontalCheck(face: DetectedFace): FaceCheck {
  const detail = `yaw ${round(face.yaw)}°, pitch ${round(face.pitch)}°, roll ${round(face.roll)}°`;
  const beyond = (angle: number) => Math.abs(angle) > limits.maxAngle;
  if (beyond(face.yaw) || beyond(face.pitch)) return fail('frontal', guidance.lookStraight, detail);
  if (beyond(face.roll)) return fail('frontal', guidance.headLevel, detail);
  return pass('frontal', detail);
}

function eyesCheck(face: DetectedFace): FaceCheck {
  const { left, right } = face.eyeOpening;
  const detail = `eyelids open ${round(left * 100)}% / ${round(right * 100)}%`;
  return Math.min(left, right) < limits.minEyeOpening
    ? fail('eyesOpen', guidance.openEyes, detail)
    : pass('eyesOpen', detail);
}

function backgroundCheck(image: Pixels, crop: Rect): FaceCheck {
  const border = brightness(image, borderOf(crop));
  const detail = `border brightness ${Math.round(border.mean)}, spread ${Math.round(border.spread)}`;
  const plainAndLight =
    border.mean >= limits.background.minMean && border.spread <= limits.background.maxSpread;
  return plainAndLight ? pass('background', detail) : fail('background', guidance.background, detail);
}

function sharpnessCheck(image: Pixels, face: DetectedFace): FaceCheck {
  const score = sharpness(image, innerFace(face.box));
  const detail = `Laplacian variance ${round(score)}`;
  return score < limits.minSharpness
    ? fail('sharpness', guidance.blurred, detail)
    : pass('sharpness', detail);
}

/**
 * The passport photo checks of one frame: exactly one face, framed for a 35 × 45 crop, facing
 * straight within ±5°, eyes open, a plain light background, neither too dark nor too bright, and
 * sharp. Without exactly one face, only the light is judged (on the whole frame).
 */
export function assessPhoto(image: Pixels, faces: DetectedFace[]): PhotoAssessment {
  const face = faces.length === 1 ? (faces[0] as DetectedFace) : null;
  const crop = face ? passportCrop(face.box, image) : null;
  const found: Record<FaceCheckId, FaceCheck> = {
    exposure: exposureCheck(image, face, crop?.rect ?? null),
    oneFace: face
      ? pass('oneFace', '1 face')
      : fail('oneFace', faces.length === 0 ? guidance.noFace : guidance.manyFaces, `${faces.length} faces`),
    framing: crop ? framingCheck(crop) : unchecked('framing'),
    frontal: face ? frontalCheck(face) : unchecked('frontal'),
    eyesOpen: face ? eyesCheck(face) : unchecked('eyesOpen'),
    background: crop ? backgroundCheck(image, crop.rect) : unchecked('background'),
    sharpness: face ? sharpnessCheck(image, face) : unchecked('sharpness'),
  };
  const checks = order.map((id) => found[id]);
  return { checks, crop, guidance: checks.find((c) => c.guidance)?.guidance ?? null };
}

/** Every check passed: the photo needs no officer's reason. */
export const allPassed = (checks: FaceCheck[]): boolean => checks.every((c) => c.state === 'pass');
