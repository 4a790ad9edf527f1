/**
 * The fingers as the SBI protocol names them (`bioSubType`), the three platens of a slap scanner
 * (`deviceSubId`), and each finger's position code in an ISO/IEC 19794-4:2011 record.
 */
export const fingerNames = [
  'Right Thumb',
  'Right IndexFinger',
  'Right MiddleFinger',
  'Right RingFinger',
  'Right LittleFinger',
  'Left Thumb',
  'Left IndexFinger',
  'Left MiddleFinger',
  'Left RingFinger',
  'Left LittleFinger',
] as const;
export type FingerName = (typeof fingerNames)[number];

export function isFingerName(value: unknown): value is FingerName {
  return typeof value === 'string' && (fingerNames as readonly string[]).includes(value);
}

/** ISO/IEC 19794-4:2011 table 6: right thumb 1 … right little 5, left thumb 6 … left little 10. */
export function isoPosition(finger: FingerName): number {
  return fingerNames.indexOf(finger) + 1;
}

export function fingerAtIsoPosition(position: number): FingerName | null {
  return fingerNames[position - 1] ?? null;
}

/**
 * A slap scanner's platens, by the spec's `deviceSubId`: 1 the left four fingers, 2 the right
 * four, 3 the two thumbs. A single-finger scanner has the one sub id 0 ("not specific").
 */
export type SlapName = 'left' | 'right' | 'thumbs';

export const slaps: Record<SlapName, { deviceSubId: 1 | 2 | 3; fingers: readonly FingerName[] }> = {
  left: {
    deviceSubId: 1,
    fingers: ['Left IndexFinger', 'Left MiddleFinger', 'Left RingFinger', 'Left LittleFinger'],
  },
  right: {
    deviceSubId: 2,
    fingers: ['Right IndexFinger', 'Right MiddleFinger', 'Right RingFinger', 'Right LittleFinger'],
  },
  thumbs: { deviceSubId: 3, fingers: ['Left Thumb', 'Right Thumb'] },
};
