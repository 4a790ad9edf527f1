import { createHmac, timingSafeEqual } from 'node:crypto';
import { encodeEscPos } from '../../drivers/ticket-printer/escpos.ts';
import { problemMessages as driverProblemMessages } from '../../drivers/ticket-printer/printer.ts';
import type { PickupStatusView, ReceiptView } from '../api/applicationViews.ts';
import type { PrintProblemCode } from '../api/views.ts';
import { LoketError, type Bilingual } from '../domain/errors.ts';
import { isoInstant } from '../domain/localTime.ts';
import { readPayload } from '../domain/payload.ts';
import { receiptQr } from '../domain/payload.ts';
import { initialsOf } from '../domain/ticket.ts';
import type { ApplicationRecord } from '../store/applications.ts';
import { receiptDocument } from '../documents/receiptLayout.ts';
import { appendApplicationEvent, bookingOf, notFound } from './applications.ts';
import type { Caller, ServiceContext } from './context.ts';
import { managerOf } from './printTicket.ts';
import { pickupHoursOf, pickupSummaryOf, pickupTimingOf } from './pickup.ts';
import { whenToCome } from '../domain/pickupTime.ts';

/**
 * The receipt (tanda terima) and what a scanned receipt says at the kiosk. Both read the pickup
 * date stored when the interview ended — the date the counter showed — so the paper, the counter
 * and the kiosk cannot disagree.
 */

export function receiptOf(ctx: ServiceContext, application: ApplicationRecord): ReceiptView {
  if (application.status !== 'adjudication' || application.finishedAt === null)
    throw new LoketError('CONFLICT', {
      id: 'Tanda terima dicetak setelah wawancara selesai dan permohonan dilanjutkan.',
      en: 'A receipt is printed once the interview has ended and the application goes on.',
    });
  const office = ctx.store.office.get();
  const booking = bookingOf(ctx, application);
  return {
    applicationNumber: application.number,
    office: { code: office.code, name: office.name },
    fullName: booking.fullName,
    passportType: application.passportType,
    applicationKind: application.applicationKind,
    pickupDate: application.pickupDate,
    pickupSummary: pickupSummaryOf(application),
    pickupHours: pickupHoursOf(office),
    interviewedAt: isoInstant(application.finishedAt, office.timeZone).slice(0, 16).replace('T', ' '),
    qr: receiptQr(office.code, application.number, receiptSignature(ctx, office.code, application.number)),
  };
}

/**
 * A receipt QR's signature: the hub's receipt key (`floor_secrets`, never sent to a station) over
 * the office and the application number, so a receipt for another application cannot be made by
 * changing the number. 128 bits, as 32 hex digits.
 */
export function receiptSignature(ctx: ServiceContext, officeCode: string, applicationNumber: string): string {
  return createHmac('sha256', ctx.store.secrets.receiptKey())
    .update(`LOKET:R:${officeCode}:${applicationNumber}`)
    .digest('hex')
    .slice(0, 32);
}

const problemMessages: Record<PrintProblemCode, Bilingual> = {
  ...driverProblemMessages,
  no_printer: { id: 'Loket ini tidak punya printer struk.', en: 'This counter has no receipt printer.' },
};

export interface ReceiptPrintResult {
  receipt: ReceiptView;
  printed: boolean;
  reprint: number;
  problem: PrintProblemCode | null;
  message: Bilingual | null;
}

/** The receipt to print and which print of it this is (0 the first). */
export function receiptSlip(
  ctx: ServiceContext,
  input: { applicationId: string },
): { receipt: ReceiptView; reprint: number; training: boolean } {
  const application = ctx.store.applications.find(input.applicationId);
  if (!application) throw notFound();
  return {
    receipt: receiptOf(ctx, application),
    reprint: application.receiptPrints,
    training: ctx.training ?? false,
  };
}

/** Records one print attempt of a receipt, printed or not and why, with its event. */
export function recordReceiptPrint(
  ctx: ServiceContext,
  caller: Caller,
  input: { applicationId: string; reprint: number; problem: PrintProblemCode | null },
): ReceiptPrintResult {
  const { receipt } = receiptSlip(ctx, input);
  const { problem, reprint } = input;
  ctx.store.transaction(() => {
    const at = ctx.clock.now();
    const current = ctx.store.applications.find(input.applicationId) as ApplicationRecord;
    const next = { ...current, receiptPrints: current.receiptPrints + (problem ? 0 : 1), updatedAt: at };
    ctx.store.applications.save(next);
    appendApplicationEvent(ctx, caller, problem ? 'receipt.printFailed' : 'receipt.printed', next, at, {
      reprint,
      problem,
    });
  });
  return {
    receipt,
    printed: problem === null,
    reprint,
    problem,
    message: problem ? problemMessages[problem] : null,
  };
}

/**
 * Prints the receipt on the calling counter's thermal printer, where the hub drives it. A failed
 * print is an answer with the printer's problem, not an error: the counter shows the receipt on
 * screen and can print again. A counter that drives its own printer prints the slip itself.
 */
export async function printReceipt(
  ctx: ServiceContext,
  caller: Caller,
  input: { applicationId: string },
): Promise<ReceiptPrintResult> {
  const { receipt, reprint, training } = receiptSlip(ctx, input);
  const devices = caller.stationId ? await managerOf(ctx, caller.stationId) : null;
  let problem: PrintProblemCode | null = 'no_printer';
  if (devices?.hasPrinter) {
    const logo = (devices.printsLogo && ctx.ticketLogo) || undefined;
    const result = await devices.print(
      encodeEscPos(receiptDocument(receipt, { training, reprint, logo }), { columns: 48 }),
    );
    problem = result.printed ? null : result.problem;
  }
  return recordReceiptPrint(ctx, caller, { applicationId: input.applicationId, reprint, problem });
}

const statusTexts: Record<Exclude<PickupStatusView['status'], 'ready_later'>, Bilingual> = {
  interview: { id: 'Wawancara sedang berlangsung.', en: 'The interview is in progress.' },
  postponed: {
    id: 'Permohonan ditunda. Silakan ke meja bantuan.',
    en: 'The application was postponed. Please go to the help desk.',
  },
  refused: {
    id: 'Permohonan tidak dapat diproses. Silakan ke meja bantuan.',
    en: 'The application cannot proceed. Please go to the help desk.',
  },
  adjudication: {
    id: 'Paspor Anda sedang diproses.',
    en: 'Your passport is being processed.',
  },
  ready: { id: 'Paspor Anda siap diambil.', en: 'Your passport is ready for pickup.' },
  handed_over: { id: 'Paspor ini sudah diserahkan.', en: 'This passport has been handed over.' },
};

const unsignedReceipt = (why: 'receipt_unsigned' | 'receipt_signature_wrong'): LoketError =>
  new LoketError(
    'INVALID_SCAN',
    {
      id: 'Tanda terima ini tidak dapat diperiksa di kios. Silakan bawa tanda terima dan KTP ke loket pengambilan.',
      en: 'This receipt cannot be checked at the kiosk. Please bring the receipt and your KTP to the pickup counter.',
    },
    { why },
  );

/**
 * The application a scanned receipt (its QR) stands for: this office's, known, and signed by this
 * hub. Shared by the kiosk's status and pickup number (`signature: 'required'`) and the handover,
 * where a receipt printed before receipts were signed still works: the officer checks the NIK
 * there. A signature that does not match is refused everywhere.
 */
export function applicationOfReceipt(
  ctx: ServiceContext,
  text: string,
  signature: 'required' | 'if_present' = 'required',
): ApplicationRecord {
  const payload = readPayload(text, { accept: ['receipt'] });
  if (payload.kind !== 'receipt') throw notFound();
  if (payload.office !== ctx.store.office.get().code)
    throw new LoketError(
      'WRONG_OFFICE',
      {
        id: 'Tanda terima ini dari kantor imigrasi lain.',
        en: 'This receipt is from another immigration office.',
      },
      { office: payload.office },
    );
  if (payload.signature === null) {
    if (signature === 'required') throw unsignedReceipt('receipt_unsigned');
  } else {
    const expected = Buffer.from(receiptSignature(ctx, payload.office, payload.applicationNumber));
    if (!timingSafeEqual(expected, Buffer.from(payload.signature)))
      throw unsignedReceipt('receipt_signature_wrong');
  }
  const application = ctx.store.applications.findByNumber(payload.applicationNumber);
  if (!application)
    throw new LoketError('NOT_FOUND', {
      id: 'Nomor permohonan pada tanda terima ini tidak ditemukan. Silakan ke meja bantuan.',
      en: "This receipt's application number was not found. Please go to the help desk.",
    });
  return application;
}

/**
 * A receipt scanned at the kiosk: the application's status and the same pickup date as on the
 * receipt. The kiosk is a public screen: initials only, never the name or the NIK.
 */
export function pickupStatus(ctx: ServiceContext, input: { text: string }): PickupStatusView {
  const office = ctx.store.office.get();
  const application = applicationOfReceipt(ctx, input.text);
  const job = ctx.store.printJobs.findByApplication(application.id);
  const timing =
    job?.state === 'ready' && application.handedOverAt === null && application.pickupDate
      ? pickupTimingOf(ctx, application.pickupDate)
      : null;
  const status =
    application.handedOverAt !== null
      ? 'handed_over'
      : job?.state === 'ready'
        ? timing?.kind === 'later'
          ? 'ready_later'
          : 'ready'
        : application.status;
  return {
    applicationNumber: application.number,
    initials: initialsOf(bookingOf(ctx, application).fullName),
    status,
    statusText:
      timing?.kind === 'later' ? whenToCome(timing) : statusTexts[status as keyof typeof statusTexts],
    pickupDate: application.pickupDate,
    pickupSummary: pickupSummaryOf(application),
    pickupHours: pickupHoursOf(office),
    comeOn: timing?.kind === 'later' ? { date: timing.date, open: timing.open, close: timing.close } : null,
  };
}
