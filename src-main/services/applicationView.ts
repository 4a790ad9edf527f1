import type { ApplicationView } from '../api/applicationViews.ts';
import { documentsFor, expectsOldPassport } from '../domain/interview.ts';
import { isoInstant } from '../domain/localTime.ts';
import type { ApplicationRecord } from '../store/applications.ts';
import { bookingOf } from './applications.ts';
import { bookingViewOf } from './counterViews.ts';
import type { ServiceContext } from './context.ts';
import { fingerprintView } from './fingerprints.ts';
import { pickupViewOf } from './pickup.ts';

/** An application as the counter shows it: the interview, the captures, approvals and the pickup date. */
export function applicationViewOf(ctx: ServiceContext, application: ApplicationRecord): ApplicationView {
  const office = ctx.store.office.get();
  const booking = bookingOf(ctx, application);
  const ticket = ctx.store.tickets.find(application.ticketId);
  const names = new Map(documentsFor(application.applicationKind).map((d) => [d.id, d.name]));
  const when = (at: number) => isoInstant(at, office.timeZone);
  return {
    id: application.id,
    number: application.number,
    status: application.status,
    applicationKind: application.applicationKind,
    passportType: application.passportType,
    ticketNumber: ticket?.number ?? '',
    booking: bookingViewOf(booking),
    documents: application.interview.documents.map((d) => ({
      ...d,
      name: names.get(d.id) ?? { id: d.id, en: d.id },
    })),
    nikOnKtp: application.interview.nikOnKtp,
    nikWarnings: application.interview.nikWarnings,
    expectsOldPassport: expectsOldPassport(application.applicationKind),
    oldPassport: application.interview.oldPassport,
    notes: application.interview.notes,
    fingerprints: fingerprintView(ctx, application),
    face: application.face
      ? {
          imageId: application.face.imageId,
          checks: application.face.checks,
          override: application.face.override,
        }
      : null,
    approvals: application.approvals.map((a) => ({
      subject: a.subject,
      supervisorName: a.supervisorName,
      at: when(a.at),
    })),
    pickup: pickupViewOf(ctx, application),
    outcomeReason: application.outcomeReason,
    finishedAt: application.finishedAt === null ? null : when(application.finishedAt),
    receiptPrints: application.receiptPrints,
  };
}
