import { randomUUID } from 'node:crypto';
import { encodeGrayJpeg } from '../../drivers/fingerprint/jpeg.ts';
import type { Appointment } from '../../src-main/domain/appointment.ts';
import { storeImage } from '../../src-main/services/biometrics.ts';
import type { ServiceContext } from '../../src-main/services/context.ts';
import type { ApplicationRecord } from '../../src-main/store/applications.ts';

/**
 * An application at adjudication made straight in the store for booking `index` (MPDPS-0000<n>,
 * already checked in as `ticketId`): interviewed at counter 3 on Monday 30 November 2026, with a
 * gray face photo sealed with the context's biometric key.
 */
export function interviewedApplication(
  ctx: ServiceContext,
  options: {
    index: number;
    ticketId: string;
    passportType?: Appointment['passportType'];
    applicationKind?: Appointment['applicationKind'];
    pickupDate?: string | null;
  },
): ApplicationRecord {
  const {
    index,
    ticketId,
    passportType = 'elektronik',
    applicationKind = 'baru',
    pickupDate = '2026-12-04',
  } = options;
  const now = ctx.clock.now();
  const id = randomUUID();
  const width = 350;
  const height = 450;
  const pixels = new Uint8Array(width * height).map((_, i) => 120 + ((i % width) * 100) / width);
  const application: ApplicationRecord = {
    id,
    number: `DPS-261130-${String(index).padStart(4, '0')}`,
    officeDate: '2026-11-30',
    ticketId,
    bookingCode: `MPDPS-${String(index).padStart(5, '0')}`,
    applicationKind,
    passportType,
    status: 'adjudication',
    counter: 3,
    officerId: null,
    startedAt: now,
    interview: { documents: [], nikOnKtp: null, nikWarnings: [], oldPassport: null, notes: '' },
    fingerprints: null,
    face: null,
    outcomeReason: null,
    approvals: [],
    pickupDate,
    // What finishInterview stores beside the date: the summary the receipt and the kiosk show.
    pickupBasis: pickupDate
      ? {
          summary: {
            id: `Paspor dapat diambil mulai ${pickupDate}.`,
            en: `The passport can be collected from ${pickupDate}.`,
          },
        }
      : null,
    pickupOverride: null,
    finishedAt: now,
    receiptPrints: 0,
    handedOverAt: null,
    updatedAt: now,
  };
  ctx.store.applications.add(application);
  const face = storeImage(
    ctx,
    {
      applicationId: id,
      kind: 'face',
      position: 'face',
      format: 'jpeg',
      quality: null,
      meta: { width, height },
      capturedAt: now,
      capturedBy: null,
    },
    encodeGrayJpeg({ width, height, pixels }),
  );
  const withFace = { ...application, face: { imageId: face.id, checks: [], override: null, width, height } };
  ctx.store.applications.save(withFace);
  return withFace;
}
