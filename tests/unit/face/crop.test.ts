import { describe, expect, it } from 'vitest';
import {
  centreCrop,
  headShare,
  headSpan,
  passportCrop,
  photoAspect,
  type Rect,
} from '../../../src-renderer/counter/face/crop.ts';

const camera = { width: 1280, height: 720 };
/** A face box (forehead to chin) of `height` px centred at (x, y). */
const faceAt = (x: number, y: number, height: number): Rect => ({
  x: x - 0.4 * height,
  y: y - height / 2,
  width: 0.8 * height,
  height,
});

function expectInside(rect: Rect, frame: { width: number; height: number }) {
  expect(rect.x).toBeGreaterThanOrEqual(0);
  expect(rect.y).toBeGreaterThanOrEqual(0);
  expect(rect.x + rect.width).toBeLessThanOrEqual(frame.width + 1e-6);
  expect(rect.y + rect.height).toBeLessThanOrEqual(frame.height + 1e-6);
}

describe('the 35 × 45 crop around the citizen’s head', () => {
  it('a citizen seated well in front of the camera gets a 7:9 photo with the head 75 % of its height, centred', () => {
    const face = faceAt(640, 380, 320);
    const crop = passportCrop(face, camera);
    expect(crop.fit).toBe('ok');
    expect(crop.rect.width / crop.rect.height).toBeCloseTo(photoAspect, 6);
    expect(crop.headShare).toBeCloseTo(headShare.target, 6);
    const head = headSpan(face);
    // Centred: the same room left and right of the face, above the crown and under the chin.
    expect(face.x - crop.rect.x).toBeCloseTo(crop.rect.x + crop.rect.width - (face.x + face.width), 6);
    expect(head.top - crop.rect.y).toBeCloseTo(crop.rect.y + crop.rect.height - head.bottom, 6);
    expectInside(crop.rect, camera);
  });

  it('the top of the head is estimated a third of the face above the forehead, hair included', () => {
    const head = headSpan({ x: 0, y: 200, width: 200, height: 240 });
    expect(head.bottom).toBe(440);
    expect(head.top).toBeCloseTo(120, 6);
  });

  it('a head a little too tall for 75 % in the frame is cropped tighter, still within 80 %', () => {
    const face = faceAt(640, 430, 410);
    const crop = passportCrop(face, camera);
    expect(crop.fit).toBe('ok');
    expect(crop.headShare).toBeGreaterThan(headShare.target);
    expect(crop.headShare).toBeLessThanOrEqual(headShare.max + 1e-9);
    expectInside(crop.rect, camera);
  });

  it('a citizen leaning into the camera is asked to move back, and the crop stays inside the frame', () => {
    const crop = passportCrop(faceAt(640, 360, 520), camera);
    expect(crop.fit).toBe('move-back');
    expect(crop.headShare).toBeGreaterThan(headShare.max);
    expectInside(crop.rect, camera);
  });

  it('a citizen sitting far back is asked to move closer', () => {
    const crop = passportCrop(faceAt(640, 360, 180), camera);
    expect(crop.fit).toBe('move-closer');
    expect(crop.rect.height).toBeLessThan(camera.height / 2);
  });

  it('a citizen at the edge of the picture is asked to move to the centre', () => {
    const crop = passportCrop(faceAt(150, 380, 320), camera);
    expect(crop.fit).toBe('move-to-centre');
    expectInside(crop.rect, camera);
  });

  it('without a face (an officer’s override) the crop is the frame’s centre at full height', () => {
    const rect = centreCrop(camera);
    expect(rect.height).toBe(720);
    expect(rect.width).toBeCloseTo(560, 6);
    expect(rect.x).toBeCloseTo(360, 6);
    expectInside(rect, camera);
  });
});
