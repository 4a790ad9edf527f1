/** A rectangle in a frame's pixels, from its top-left corner. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

/** A 35 × 45 mm passport photo: width : height = 7 : 9. */
export const photoAspect = 7 / 9;
/** The head, chin to crown, fills 70–80 % of the photo's height; 75 % when the frame allows. */
export const headShare = { min: 0.7, target: 0.75, max: 0.8 } as const;
/**
 * The face box runs from the top of the forehead to the chin; the top of the head, hair included
 * as the photo shows it, sits about a third of that height above it.
 */
export const crownAboveFace = 1 / 3;
/** A head whose 35 × 45 crop would be under half the frame's height is too far for a sharp print. */
export const minCropShareOfFrame = 0.5;

/** Whether the head can be cropped as a passport photo, and if not, what the citizen should do. */
export type Fit = 'ok' | 'move-closer' | 'move-back' | 'move-to-centre';

export interface PassportCrop {
  /** Inside the frame, 7 : 9. When `fit` is not ok, the nearest rectangle that the frame allows. */
  rect: Rect;
  /** The head's height over the crop's height, as cropped. */
  headShare: number;
  fit: Fit;
}

/** Crown to chin, estimated from the face box. */
export function headSpan(face: Rect): { top: number; bottom: number } {
  const bottom = face.y + face.height;
  return { top: face.y - crownAboveFace * face.height, bottom };
}

function centredRect(centreX: number, centreY: number, height: number): Rect {
  const width = height * photoAspect;
  return { x: centreX - width / 2, y: centreY - height / 2, width, height };
}

function inside(rect: Rect, frame: Size): boolean {
  const edge = 1e-6;
  return (
    rect.x >= -edge &&
    rect.y >= -edge &&
    rect.x + rect.width <= frame.width + edge &&
    rect.y + rect.height <= frame.height + edge
  );
}

/** The largest 7 : 9 rectangle of at most `rect`'s size, moved the least to lie inside the frame. */
function clampInto(rect: Rect, frame: Size): Rect {
  const height = Math.min(rect.height, frame.height, frame.width / photoAspect);
  const width = height * photoAspect;
  const centreX = rect.x + rect.width / 2;
  const centreY = rect.y + rect.height / 2;
  const x = Math.min(Math.max(centreX - width / 2, 0), frame.width - width);
  const y = Math.min(Math.max(centreY - height / 2, 0), frame.height - height);
  return { x, y, width, height };
}

/**
 * The 35 × 45 crop around a face: the head centred, 75 % of the height, or anything from 70 to
 * 80 % when that is what keeps the crop inside the frame. A head too big for the frame even at
 * 80 % is too close; one whose crop would be under half the frame's height is too far; one whose
 * crop fits in size but not in place is off-centre.
 */
export function passportCrop(face: Rect, frame: Size): PassportCrop {
  const head = headSpan(face);
  const headHeight = head.bottom - head.top;
  const centreX = face.x + face.width / 2;
  const centreY = (head.top + head.bottom) / 2;
  const shares = [headShare.target, 0.7625, 0.775, 0.7875, headShare.max];
  const tries = shares.map((share) => centredRect(centreX, centreY, headHeight / share));
  const fitting = tries.find((rect) => inside(rect, frame));
  const asCropped = (rect: Rect, fit: Fit): PassportCrop => ({
    rect,
    headShare: headHeight / rect.height,
    fit,
  });
  if (fitting) {
    const fit = fitting.height < minCropShareOfFrame * frame.height ? 'move-closer' : 'ok';
    return asCropped(fitting, fit);
  }
  const smallest = tries[tries.length - 1] as Rect;
  const tooBig = smallest.height > frame.height || smallest.width > frame.width;
  return asCropped(clampInto(smallest, frame), tooBig ? 'move-back' : 'move-to-centre');
}

/** The crop when no single face was found (an officer's override): the frame's centre, 7 : 9. */
export function centreCrop(frame: Size): Rect {
  return clampInto(centredRect(frame.width / 2, frame.height / 2, frame.height), frame);
}
