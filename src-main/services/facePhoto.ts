import { LoketError } from '../domain/errors.ts';
import type { JpegImage } from './jpegImage.ts';
import type { ApplicationRecord } from '../store/applications.ts';
import { appendApplicationEvent, notFound, openApplication } from './applications.ts';
import { readBiometricImage, storeImage } from './biometrics.ts';
import type { ServiceContext } from './context.ts';
import type { CounterCaller } from './counters.ts';

/** 35 × 45 mm: the photo's width to its height. */
const photoAspect = 35 / 45;

export interface FacePhotoInput {
  applicationId: string;
  photo: JpegImage;
  /** The checks the counter's camera ran (one face, frontal, eyes, background, exposure, sharpness). */
  checks: { id: string; passed: boolean }[];
  /** Required when a check failed: the officer takes the photo anyway, with why. */
  override: { reason: string } | null;
}

/**
 * The face photo, cropped at the counter to 35×45, sealed and kept with the checks it passed. A
 * photo that failed a check needs the officer's reason; the reason is on the record and in the
 * event. A retake replaces the photo: the earlier one is purged at once.
 */
export function saveFacePhoto(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: FacePhotoInput,
): ApplicationRecord {
  const { photo, checks } = input;
  const failed = checks.filter((c) => !c.passed).map((c) => c.id);
  const reason = input.override?.reason.trim() ?? '';
  if (failed.length && !reason)
    throw new LoketError(
      'INVALID_INPUT',
      {
        id: `Foto tidak lolos pemeriksaan (${failed.join(', ')}); ambil ulang atau beri alasan.`,
        en: `The photo failed checks (${failed.join(', ')}); retake it or give a reason.`,
      },
      { failed },
    );
  if (Math.abs(photo.width / photo.height - photoAspect) > 0.02)
    throw new LoketError('INVALID_INPUT', {
      id: `Foto harus berukuran 35×45 (lebar:tinggi 7:9), bukan ${photo.width}×${photo.height}.`,
      en: `The photo must be 35×45 (width:height 7:9), not ${photo.width}×${photo.height}.`,
    });
  return ctx.store.transaction(() => {
    const application = openApplication(ctx, caller, input.applicationId);
    const at = ctx.clock.now();
    const image = storeImage(
      ctx,
      {
        applicationId: application.id,
        kind: 'face',
        position: 'face',
        format: 'jpeg',
        quality: null,
        meta: { width: photo.width, height: photo.height, checks, override: reason ? { reason } : null },
        capturedAt: at,
        capturedBy: caller.officer.user.id,
      },
      photo.bytes,
    );
    if (application.face) ctx.store.biometricImages.purgeImage(application.face.imageId, at);
    const next: ApplicationRecord = {
      ...application,
      face: {
        imageId: image.id,
        checks,
        override: reason ? { reason } : null,
        width: photo.width,
        height: photo.height,
      },
      updatedAt: at,
    };
    ctx.store.applications.save(next);
    appendApplicationEvent(ctx, caller, 'application.facePhoto', next, at, {
      imageId: image.id,
      failed,
      ...(reason ? { override: reason } : {}),
    });
    return next;
  });
}

/** An application's face photo for the officer who asked (the counter, the handover), the read logged. */
export function openFacePhoto(
  ctx: ServiceContext,
  caller: CounterCaller,
  applicationId: string,
): { jpeg: Buffer; width: number; height: number } {
  return ctx.store.transaction(() => {
    const application = ctx.store.applications.find(applicationId);
    if (!application?.face) throw notFound();
    const jpeg = readBiometricImage(ctx, caller, application, application.face.imageId, { kind: 'face' });
    return { jpeg, width: application.face.width, height: application.face.height };
  });
}
