import { describe, expect, it } from 'vitest';
import { allPassed, assessPhoto, type DetectedFace } from '../../../src-renderer/counter/face/checks.ts';
import type { Rect } from '../../../src-renderer/counter/face/crop.ts';
import type { Pixels } from '../../../src-renderer/counter/face/pixels.ts';

/**
 * A counter camera's frame drawn by hand: a wall, and a face where the detector says it is — skin
 * with fine detail (pores, brows, lashes as a fine check pattern) or, blurred, without.
 */
interface Scene {
  wall?: number;
  /** Shelves behind the citizen: dark and light vertical bands. */
  shelves?: boolean;
  faces?: Rect[];
  skin?: number;
  blurred?: boolean;
  /** The room's light: 1 as it should be. */
  light?: number;
}

const frameSize = { width: 720, height: 576 };
const seated: Rect = { x: 260, y: 200, width: 200, height: 250 };

function frame({
  wall = 220,
  shelves = false,
  faces = [seated],
  skin = 170,
  blurred = false,
  light = 1,
}: Scene): Pixels {
  const { width, height } = frameSize;
  const data = new Uint8ClampedArray(width * height * 4);
  const inFace = (x: number, y: number) =>
    faces.some((f) => x >= f.x && x < f.x + f.width && y >= f.y && y < f.y + f.height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      let value = shelves && Math.floor(x / 12) % 2 === 0 ? 60 : wall + ((x * 31 + y * 17) % 5) - 2;
      if (inFace(x, y))
        value = blurred ? skin : skin + ((Math.floor(x / 4) + Math.floor(y / 4)) % 2 ? 25 : -25);
      const i = (y * width + x) * 4;
      data[i] = value * light;
      data[i + 1] = value * 0.9 * light;
      data[i + 2] = value * 0.8 * light;
      data[i + 3] = 255;
    }
  }
  return { ...frameSize, data };
}

const looking = (box: Rect = seated, change: Partial<DetectedFace> = {}): DetectedFace => ({
  box,
  yaw: 1.5,
  pitch: -2,
  roll: 0.5,
  eyeOpening: { left: 0.3, right: 0.32 },
  ...change,
});

const stateOf = (checks: ReturnType<typeof assessPhoto>['checks']) =>
  Object.fromEntries(checks.map((check) => [check.id, check.state]));

describe('the passport photo checks', () => {
  it('a well-lit citizen looking into the camera before a light wall passes every check', () => {
    const result = assessPhoto(frame({}), [looking()]);
    expect(stateOf(result.checks)).toEqual({
      exposure: 'pass',
      oneFace: 'pass',
      framing: 'pass',
      frontal: 'pass',
      eyesOpen: 'pass',
      background: 'pass',
      sharpness: 'pass',
    });
    expect(allPassed(result.checks)).toBe(true);
    expect(result.guidance).toBeNull();
    expect(result.crop?.fit).toBe('ok');
  });

  it('a citizen turning the head 9° to the side is told to look straight at the camera', () => {
    const result = assessPhoto(frame({}), [looking(seated, { yaw: -9 })]);
    expect(result.guidance?.id).toBe('Lihat lurus ke kamera');
    expect(result.guidance?.en).toBe('Look straight at the camera');
    expect(result.checks.find((c) => c.id === 'frontal')?.detail).toContain('yaw -9°');
  });

  it('a citizen with the chin raised 7° is told to look straight; one tilting the head 8° to keep it level', () => {
    expect(assessPhoto(frame({}), [looking(seated, { pitch: 7 })]).guidance?.en).toBe(
      'Look straight at the camera',
    );
    expect(assessPhoto(frame({}), [looking(seated, { roll: -8 })]).guidance?.id).toBe('Tegakkan kepala');
  });

  it('a face within 5° every way still passes', () => {
    const result = assessPhoto(frame({}), [looking(seated, { yaw: 4.9, pitch: -4.9, roll: 4.9 })]);
    expect(allPassed(result.checks)).toBe(true);
  });

  it('a citizen blinking is told to open the eyes', () => {
    const result = assessPhoto(frame({}), [looking(seated, { eyeOpening: { left: 0.08, right: 0.3 } })]);
    expect(result.guidance).toEqual({ id: 'Buka mata', en: 'Open your eyes' });
  });

  it('nobody in the chair: no face is found, and the face checks are not made', () => {
    const result = assessPhoto(frame({ faces: [] }), []);
    expect(result.guidance?.id).toBe('Wajah tidak terlihat. Lihat ke kamera');
    expect(result.crop).toBeNull();
    expect(stateOf(result.checks)).toMatchObject({
      oneFace: 'fail',
      frontal: 'unchecked',
      background: 'unchecked',
    });
  });

  it('two people in the picture are told only one face', () => {
    const other = { ...seated, x: 40 };
    const result = assessPhoto(frame({ faces: [seated, other] }), [looking(), looking(other)]);
    expect(result.guidance).toEqual({ id: 'Hanya satu wajah', en: 'Only one face' });
    expect(allPassed(result.checks)).toBe(false);
  });

  it('a dim room is too dark, and that is said first, face or no face', () => {
    const dim = assessPhoto(frame({ light: 0.25 }), [looking()]);
    expect(dim.guidance).toEqual({ id: 'Terlalu gelap', en: 'Too dark' });
    const nothingSeen = assessPhoto(frame({ light: 0.25 }), []);
    expect(nothingSeen.guidance?.en).toBe('Too dark');
  });

  it('a face washed out by a lamp is too bright', () => {
    const result = assessPhoto(frame({ skin: 250 }), [looking()]);
    expect(result.guidance?.en).toBe('Too bright');
  });

  it('shelves or a dark wall behind the citizen fail the plain light background', () => {
    for (const scene of [{ shelves: true }, { wall: 110 }]) {
      const result = assessPhoto(frame(scene), [looking()]);
      expect(result.guidance?.id).toBe('Latar belakang harus polos dan terang');
      expect(stateOf(result.checks)).toMatchObject({ background: 'fail', exposure: 'pass' });
    }
  });

  it('a blurred face (a shaken camera, a moving head) is told to hold still', () => {
    const result = assessPhoto(frame({ blurred: true }), [looking()]);
    expect(result.guidance?.en).toBe('The photo is blurred. Hold still');
    expect(stateOf(result.checks)).toMatchObject({ sharpness: 'fail', background: 'pass' });
  });

  it('a citizen sitting far back is told to move closer', () => {
    const far: Rect = { x: 320, y: 220, width: 80, height: 100 };
    const result = assessPhoto(frame({ faces: [far] }), [looking(far)]);
    expect(result.guidance?.id).toBe('Mendekat ke kamera');
  });
});
