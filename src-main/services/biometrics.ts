import { newId } from '../domain/ids.ts';
import { LoketError } from '../domain/errors.ts';
import type { BiometricImageRecord } from '../store/biometricImages.ts';
import { keyUnavailable, openImage, sealImage } from './biometricVault.ts';
import { notFound } from './applications.ts';
import type { Caller, ServiceContext } from './context.ts';
import type { CounterCaller } from './counters.ts';

/**
 * Biometric images in and out of the database: sealed on the way in (call inside the use case's
 * transaction), opened only for the counter and print stations, purged after handover. No image
 * and no key ever reaches a log or an event: events name the image by id with its quality.
 */

export type NewImage = Omit<BiometricImageRecord, 'id' | 'byteLength' | 'purgedAt'>;

export function storeImage(ctx: ServiceContext, image: NewImage, bytes: Uint8Array): BiometricImageRecord {
  if (!ctx.biometricKey) throw keyUnavailable();
  const id = newId();
  const record = { ...image, id, byteLength: bytes.byteLength };
  ctx.store.biometricImages.add(record, sealImage(ctx.biometricKey, id, bytes));
  return { ...record, purgedAt: null };
}

/** An image's bytes, opened with the hub's key; a purged image is gone. */
export function imageBytes(
  ctx: ServiceContext,
  imageId: string,
): { record: BiometricImageRecord; bytes: Buffer } {
  const found = ctx.store.biometricImages.find(imageId);
  if (!found) throw notFound();
  if (!found.sealed)
    throw new LoketError('NOT_FOUND', {
      id: 'Gambar biometrik ini sudah dihapus sesuai masa simpan.',
      en: 'This biometric image was purged after its retention period.',
    });
  return { record: found.record, bytes: openImage(ctx.biometricKey, imageId, found.sealed) };
}

/** What was read: the face photo, a fingerprint (its domain finger id) or an exception's photo. */
export type BiometricRead =
  { kind: 'face' } | { kind: 'fingerprint'; finger: string } | { kind: 'exceptionPhoto'; finger?: string };

/** Print jobs at the print station: from the queue to the quality check. */
const atPrintStation = new Set(['queued', 'printing', 'printed']);

/**
 * Whether this officer, at this station, may see an application's biometric images (UU 27/2022:
 * only those who need them): a supervisor or admin; the counter serving its visit now (its
 * current ticket is the application's); the print station while its passport is queued, printing
 * or awaiting the quality check; a counter or print station handing the ready passport over.
 * Anyone else is refused, and nothing is read or logged.
 */
export function mayReadBiometrics(
  ctx: ServiceContext,
  caller: CounterCaller,
  application: { id: string; ticketId: string },
): boolean {
  if (caller.officer.user.role === 'supervisor' || caller.officer.user.role === 'admin') return true;
  const mode = caller.stationId ? ctx.store.stations.find(caller.stationId)?.mode : undefined;
  const counter = caller.officer.session.counter;
  if (
    mode === 'counter' &&
    counter !== null &&
    ctx.store.queue.atCounter(counter)?.ticketId === application.ticketId
  )
    return true;
  const job = ctx.store.printJobs.findByApplication(application.id);
  if (!job) return false;
  if (mode === 'print' && atPrintStation.has(job.state)) return true;
  return job.state === 'ready' && (mode === 'counter' || mode === 'print');
}

export function biometricsForbidden(): LoketError {
  return new LoketError('FORBIDDEN', {
    id: 'Foto dan sidik jari pemohon hanya untuk loket yang melayaninya, stasiun cetak, serah terima, dan supervisor.',
    en: "An applicant's photo and fingerprints are only for the counter serving them, the print station, the handover and supervisors.",
  });
}

/**
 * Opens a stored image for an officer and leaves a `biometrics.read` event naming them, in the
 * same transaction: no image of a citizen leaves the hub without a trace of who saw it, from
 * which station.
 */
export function readBiometricImage(
  ctx: ServiceContext,
  caller: CounterCaller,
  application: { id: string; number: string; ticketId: string },
  imageId: string,
  read: BiometricRead,
): Buffer {
  return ctx.store.transaction(() => {
    if (!mayReadBiometrics(ctx, caller, application)) throw biometricsForbidden();
    const { bytes } = imageBytes(ctx, imageId);
    ctx.store.events.emit({
      type: 'biometrics.read',
      at: ctx.clock.now(),
      actor: caller.officer.user.id,
      station: caller.stationId,
      payload: { applicationId: application.id, number: application.number, ...read },
    });
    return bytes;
  });
}

/**
 * Purges the images of passports handed over longer ago than the office's retention: the sealed
 * bytes go, the rows (what was captured, when, its quality) and the events stay as the audit trail.
 */
export function purgeBiometrics(
  ctx: ServiceContext,
  caller: Caller,
): { applications: number; images: number } {
  return ctx.store.transaction(() => {
    const at = ctx.clock.now();
    const days = ctx.store.office.get().interview.biometricRetentionDays;
    let applications = 0;
    let images = 0;
    for (const applicationId of ctx.store.applications.handedOverBefore(at - days * 86_400_000)) {
      const purged = ctx.store.biometricImages.purge(applicationId, at);
      if (purged === 0) continue;
      applications += 1;
      images += purged;
      const application = ctx.store.applications.find(applicationId);
      ctx.store.events.emit({
        type: 'biometrics.purged',
        at,
        actor: caller.actor,
        station: caller.stationId,
        payload: { applicationId, number: application?.number ?? null, images: purged, retentionDays: days },
      });
    }
    return { applications, images };
  });
}
