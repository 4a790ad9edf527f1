import type { PassportPrinterState, PassportPrintOutcome } from '../../drivers/passport-printer/printer.ts';
import { LoketError, type Bilingual } from '../domain/errors.ts';
import { localDateOf } from '../domain/localTime.ts';
import type { passportPrinterStates } from '../domain/states.ts';
import { compareMrz, passportData, type MrzDifference, type PassportData } from '../domain/passportData.ts';
import { readPayload } from '../domain/payload.ts';
import { qcFailureReason, qcFindings, qcHeadline } from '../domain/qcFindings.ts';
import type { PrintJobRecord } from '../store/printJobs.ts';
import type { BookletUseRecord } from '../store/booklets.ts';
import { renderDataPage } from '../documents/dataPage.ts';
import { bookingOf } from './applications.ts';
import { checkBooklet, supervisorSignOff } from './booklets.ts';
import { readBiometricImage } from './biometrics.ts';
import { eventOf, type EventTypeWith, type PayloadBeyond } from '../store/events.ts';
import type { ServiceContext } from './context.ts';
import type { PassportPrinterPort } from './ports.ts';
import type { CounterCaller } from './counters.ts';
import { queueReadySms } from './sms.ts';

/**
 * Printing a passport at the print station (DESIGN §5): the operator scans a blank booklet for the
 * job at the head of the queue, Loket renders the data page (photo, fields, OCR-B MRZ) and sends it
 * to the printer; the printed MRZ is scanned back for the quality check. A print that fails goes
 * back to the queue with its reason; a booklet the printer touched is spoiled, awaiting a
 * supervisor's sign-off, and the job reprints on a new one.
 */

export { passportPrinterStates as printerStates } from '../../drivers/passport-printer/printer.ts';
export type PrinterState = PassportPrinterState;
// The contract's copy of the list (domain/states.ts) and the drivers' are the same states.
true satisfies PassportPrinterState extends (typeof passportPrinterStates)[number]
  ? (typeof passportPrinterStates)[number] extends PassportPrinterState
    ? true
    : false
  : false;

const conflict = (id: string, en: string, details: Record<string, unknown> = {}) =>
  new LoketError('CONFLICT', { id, en }, details);

const jobNotFound = () =>
  new LoketError('NOT_FOUND', { id: 'Pekerjaan cetak tidak ditemukan.', en: 'Print job not found.' });

export function jobOf(ctx: ServiceContext, jobId: string): PrintJobRecord {
  const job = ctx.store.printJobs.find(jobId);
  if (!job) throw jobNotFound();
  return job;
}

function printerOf(ctx: ServiceContext, stationId: string | null): PassportPrinterPort {
  const printer = stationId ? ctx.passportPrinters?.printerFor(stationId) : null;
  if (!printer)
    throw new LoketError('DEVICE_ERROR', {
      id: 'Stasiun ini belum punya printer paspor (loket station passport-printer).',
      en: 'This station has no passport printer set (loket station passport-printer).',
    });
  return printer;
}

export interface PrinterStatusView {
  state: PrinterState;
  reason: string | null;
  /** The job on the printer, as Loket knows it. */
  currentJobId: string | null;
  paused: boolean;
  address: string | null;
}

/** The printer's state: the operator's pause first, then a job Loket is printing, then what the printer says. */
export async function printerStatus(ctx: ServiceContext, stationId: string): Promise<PrinterStatusView> {
  const { address, paused } = ctx.store.stations.passportPrinter(stationId);
  const printing = ctx.store.printJobs.inState('printing')[0] ?? null;
  const printer = ctx.passportPrinters?.printerFor(stationId) ?? null;
  const reported = printer
    ? await printer.status().catch((e: Error) => ({ state: 'offline' as const, reason: e.message }))
    : { state: 'offline' as const, reason: 'no passport printer set' };
  const state: PrinterState = paused
    ? 'paused'
    : reported.state === 'offline' || reported.state === 'error'
      ? reported.state
      : printing
        ? 'busy'
        : reported.state;
  return {
    state,
    reason: reported.reason ?? null,
    currentJobId: printing?.id ?? null,
    paused,
    address,
  };
}

/** The operator pauses the printer (no job is sent) or resumes it. */
export function setPrinterPaused(ctx: ServiceContext, caller: CounterCaller, paused: boolean): void {
  ctx.store.transaction(() => {
    ctx.store.stations.setPassportPrinterPaused(caller.stationId as string, paused);
    ctx.store.events.emit({
      type: paused ? 'printer.paused' : 'printer.resumed',
      at: ctx.clock.now(),
      actor: caller.officer.user.id,
      station: caller.stationId,
      payload: {},
    });
  });
}

/** The operator scans a blank booklet for a queued job: checked against stock, then held for it. */
export function assignBooklet(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: { jobId: string; text: string },
): PrintJobRecord {
  return ctx.store.transaction(() => {
    const job = jobOf(ctx, input.jobId);
    if (job.state !== 'queued')
      throw conflict('Pekerjaan ini tidak sedang menunggu cetak.', 'This job is not waiting to be printed.', {
        state: job.state,
      });
    const { range, serial } = checkBooklet(ctx, job, input.text);
    const next = { ...job, bookletSerial: serial, updatedAt: ctx.clock.now() };
    ctx.store.printJobs.save(next);
    appendJobEvent(ctx, caller, 'booklet.scanned', next, { rangeId: range.id, serial: next.bookletSerial });
    return next;
  });
}

type JobRef = { applicationId: string; number: string; jobId: string };

function appendJobEvent<T extends EventTypeWith<JobRef>>(
  ctx: ServiceContext,
  caller: CounterCaller,
  type: T,
  job: PrintJobRecord,
  extra: PayloadBeyond<T, JobRef>,
): void {
  const application = ctx.store.applications.find(job.applicationId);
  if (application)
    ctx.store.events.emit(
      eventOf(
        type,
        { at: ctx.clock.now(), actor: caller.officer.user.id, station: caller.stationId },
        { applicationId: application.id, number: application.number, jobId: job.id, ...extra },
      ),
    );
}

/** The application kind a printed passport counts under in the issuance table (the central one too). */
function kindOf(ctx: ServiceContext, job: PrintJobRecord): { applicationKind?: string } {
  const application = ctx.store.applications.find(job.applicationId);
  return application ? { applicationKind: application.applicationKind } : {};
}

/** What the data page of a job says, on its booklet, issued on the office's day. */
export function dataOf(ctx: ServiceContext, job: PrintJobRecord, issuedAt: number): PassportData {
  const application = ctx.store.applications.find(job.applicationId);
  if (!application || !job.bookletSerial) throw jobNotFound();
  const booking = bookingOf(ctx, application);
  return passportData(booking, job.bookletSerial, localDateOf(issuedAt, ctx.store.office.get().timeZone));
}

/** The data page as PDF: the application's photo, its fields and the MRZ in OCR-B. */
export async function dataPagePdf(
  ctx: ServiceContext,
  job: PrintJobRecord,
  data: PassportData,
  /** The print operator printing it: the photo read is logged in their name. */
  operator: CounterCaller,
): Promise<Buffer> {
  const application = ctx.store.applications.find(job.applicationId);
  if (!application) throw jobNotFound();
  const booking = bookingOf(ctx, application);
  const office = ctx.store.office.get();
  const photo = application.face
    ? {
        bytes: readBiometricImage(ctx, operator, application, application.face.imageId, { kind: 'face' }),
        format: 'jpeg' as const,
      }
    : null;
  return renderDataPage(
    {
      typeCode: 'P',
      title:
        application.passportType === 'elektronik' ? 'PASPOR ELEKTRONIK / E-PASSPORT' : 'PASPOR / PASSPORT',
      countryCode: 'IDN',
      passportNumber: data.passportNumber,
      surname: data.surname,
      givenNames: data.givenNames,
      nationality: 'INDONESIA',
      birthDate: data.birthDate,
      birthPlace: booking.birthPlace ?? '',
      sex: data.sex,
      issueDate: data.issueDate,
      expiryDate: data.expiryDate,
      issuingOffice: issuingOfficeOf(office.name),
      registrationNumber: application.number,
      photo,
      mrz: data.mrz,
      training: ctx.training ?? false,
    },
    ctx.ocrbFont ? { fontPath: ctx.ocrbFont } : {},
  );
}

/** "Kantor Imigrasi Kelas I TPI Denpasar" prints as DENPASAR, the city the office is named for. */
export function issuingOfficeOf(officeName: string): string {
  return (officeName.split(/\s+/).at(-1) ?? officeName).toUpperCase();
}

export interface PrintResult {
  job: PrintJobRecord;
  printed: boolean;
  message: Bilingual | null;
}

/**
 * Prints a job on its scanned booklet. The job is claimed first (one print at a time), the
 * booklet recorded as used; the printer's answer then settles it: printed, or back to the queue
 * with the reason — the booklet back in stock if the printer never took the job, spoiled (awaiting
 * sign-off) if it did.
 */
export async function printPassport(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: { jobId: string },
): Promise<PrintResult> {
  const printer = printerOf(ctx, caller.stationId);
  const claimed = ctx.store.transaction(() => {
    const job = jobOf(ctx, input.jobId);
    if (ctx.store.stations.passportPrinter(caller.stationId as string).paused)
      throw conflict('Printer dijeda. Lanjutkan dulu.', 'The printer is paused. Resume it first.');
    if (job.state !== 'queued')
      throw conflict('Pekerjaan ini tidak sedang menunggu cetak.', 'This job is not waiting to be printed.', {
        state: job.state,
      });
    if (!job.bookletSerial)
      throw conflict('Pindai nomor seri buku paspor kosong dulu.', 'Scan the blank booklet’s serial first.');
    const busy = ctx.store.printJobs.inState('printing')[0];
    if (busy)
      throw conflict('Printer sedang mencetak paspor lain.', 'The printer is printing another passport.', {
        jobId: busy.id,
      });
    const { range } = checkBooklet(ctx, job, job.bookletSerial);
    const at = ctx.clock.now();
    const next: PrintJobRecord = { ...job, state: 'printing', attempts: job.attempts + 1, updatedAt: at };
    ctx.store.printJobs.save(next);
    ctx.store.booklets.addUse({
      serial: job.bookletSerial,
      rangeId: range.id,
      jobId: job.id,
      outcome: 'used',
      reason: null,
      signedOffBy: null,
      startedAt: at,
      finishedAt: null,
      officeDate: localDateOf(at, ctx.store.office.get().timeZone),
      recordedBy: caller.officer.user.id,
    });
    appendJobEvent(ctx, caller, 'passport.printing', next, { serial: job.bookletSerial });
    return next;
  });
  const serial = claimed.bookletSerial as string;
  let outcome: PassportPrintOutcome;
  try {
    const data = dataOf(ctx, claimed, claimed.updatedAt);
    const pdf = await dataPagePdf(ctx, claimed, data, caller);
    outcome = await printer.print({ jobId: claimed.id, title: `Paspor ${serial}`, pdf });
  } catch (error) {
    outcome = { ok: false, reason: (error as Error).message, started: false };
  }
  return ctx.store.transaction(() => {
    const at = ctx.clock.now();
    const current = jobOf(ctx, claimed.id);
    // Settled meanwhile (recovered as interrupted): the printer's late answer changes nothing.
    if (current.state !== 'printing' || current.updatedAt !== claimed.updatedAt)
      return { job: current, printed: false, message: null };
    const use = ctx.store.booklets.use(serial) as BookletUseRecord;
    if (outcome.ok) {
      const printed: PrintJobRecord = {
        ...claimed,
        state: 'printed',
        printedAt: at,
        lastError: null,
        updatedAt: at,
      };
      ctx.store.printJobs.save(printed);
      ctx.store.booklets.saveUse({ ...use, finishedAt: at });
      appendJobEvent(ctx, caller, 'passport.printed', printed, {
        serial,
        passportType: printed.passportType,
        ...kindOf(ctx, printed),
      });
      return { job: printed, printed: true, message: null };
    }
    const failed: PrintJobRecord = {
      ...claimed,
      state: 'queued',
      lastError: outcome.reason,
      bookletSerial: outcome.started ? null : serial,
      updatedAt: at,
    };
    ctx.store.printJobs.save(failed);
    if (outcome.started)
      ctx.store.booklets.saveUse({
        ...use,
        outcome: 'spoiled',
        reason: `Printer error: ${outcome.reason}`,
        finishedAt: at,
      });
    else ctx.store.booklets.removeUse(serial);
    appendJobEvent(ctx, caller, 'passport.printFailed', failed, {
      serial,
      reason: outcome.reason,
      bookletSpoiled: outcome.started,
    });
    return {
      job: failed,
      printed: false,
      message: outcome.started
        ? {
            id: `Printer gagal di tengah cetak (${outcome.reason}). Buku ${serial} dicatat rusak; pekerjaan kembali ke antrean untuk dicetak di buku baru.`,
            en: `The printer failed mid-print (${outcome.reason}). Booklet ${serial} is recorded as spoiled; the job is back in the queue for a new booklet.`,
          }
        : {
            id: `Printer tidak menerima pekerjaan (${outcome.reason}). Buku ${serial} tidak tersentuh; pekerjaan kembali ke antrean.`,
            en: `The printer did not take the job (${outcome.reason}). Booklet ${serial} was not touched; the job is back in the queue.`,
          },
    };
  });
}

/** A job whose booklet was spoiled goes back to the queue for a new booklet, with the reason. */
function backToQueue(ctx: ServiceContext, job: PrintJobRecord, reason: string, at: number): PrintJobRecord {
  const back: PrintJobRecord = {
    ...job,
    state: 'queued',
    bookletSerial: null,
    lastError: reason,
    updatedAt: at,
  };
  ctx.store.printJobs.save(back);
  return back;
}

/**
 * Prints the hub was waiting on when it stopped (a crash, a power cut): nobody knows what reached
 * the booklet, so it is spoiled awaiting a supervisor's sign-off and the job goes back to the queue
 * with the reason. Run at the hub's start; answers how many it found.
 */
export function recoverInterruptedPrints(ctx: ServiceContext): number {
  return ctx.store.transaction(() => {
    const interrupted = ctx.store.printJobs.inState('printing');
    const at = ctx.clock.now();
    const reason = 'Print interrupted: Loket stopped while printing; inspect the booklet';
    for (const job of interrupted) {
      const use = job.bookletSerial ? ctx.store.booklets.use(job.bookletSerial) : null;
      if (use) ctx.store.booklets.saveUse({ ...use, outcome: 'spoiled', reason, finishedAt: at });
      backToQueue(ctx, job, reason, at);
      ctx.store.events.emit({
        type: 'passport.printInterrupted',
        at,
        actor: 'hub',
        station: null,
        payload: { jobId: job.id, serial: job.bookletSerial },
      });
    }
    return interrupted.length;
  });
}

export interface QualityCheckResult {
  job: PrintJobRecord;
  passed: boolean;
  differences: MrzDifference[];
  /** The outcome in words for the operator: passed, or failed and what became of booklet and job. */
  message: Bilingual;
  /** Each differing field named, with the application's value and the value read. */
  findings: Bilingual[];
}

/**
 * The quality check: the printed MRZ, read by the document reader, against the application. A
 * match makes the passport ready for pickup; a mismatch spoils the booklet (awaiting a supervisor's
 * sign-off) and the job goes back to the queue for a new one. A read that fails its own check
 * digits is a bad read, refused by the payload reader: scan again.
 */
export function checkPrintedPassport(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: { jobId: string; text: string },
): QualityCheckResult {
  const scanned = readPayload(input.text, { accept: ['mrz'] });
  if (scanned.kind !== 'mrz')
    throw new LoketError('INVALID_INPUT', { id: 'Ini bukan MRZ paspor.', en: 'This is not a passport MRZ.' });
  return ctx.store.transaction(() => {
    const job = jobOf(ctx, input.jobId);
    if (job.state !== 'printed' || !job.bookletSerial)
      throw conflict(
        'Paspor ini belum dicetak atau sudah diperiksa.',
        'This passport is not printed or is already checked.',
        {
          state: job.state,
        },
      );
    const use = ctx.store.booklets.use(job.bookletSerial) as BookletUseRecord;
    const expected = dataOf(ctx, job, use.startedAt);
    const differences = compareMrz(expected.mrz, scanned);
    const findings = qcFindings(differences, expected);
    const application = ctx.store.applications.find(job.applicationId);
    const message = qcHeadline(!differences.length, job.bookletSerial, application?.number ?? '');
    const at = ctx.clock.now();
    if (!differences.length) {
      const ready: PrintJobRecord = { ...job, state: 'ready', readyAt: at, updatedAt: at };
      ctx.store.printJobs.save(ready);
      appendJobEvent(ctx, caller, 'passport.ready', ready, {
        serial: job.bookletSerial,
        promisedDate: job.promisedDate,
      });
      if (application) {
        const office = ctx.store.office.get();
        queueReadySms(ctx, {
          jobId: job.id,
          phone: bookingOf(ctx, application).phone,
          applicationNumber: application.number,
          officeName: office.name,
          fromDate: localDateOf(at, office.timeZone),
        });
      }
      return { job: ready, passed: true, differences, message, findings };
    }
    const reason = qcFailureReason(differences);
    ctx.store.booklets.saveUse({
      ...use,
      outcome: 'spoiled',
      reason: `${reason}: ${findings.map((f) => f.id).join('; ')}`,
    });
    const back = backToQueue(ctx, job, reason, at);
    appendJobEvent(ctx, caller, 'passport.qcFailed', back, {
      serial: job.bookletSerial,
      fields: differences.map((d) => d.field),
    });
    return { job: back, passed: false, differences, message, findings };
  });
}

/**
 * The operator spoils the booklet in a job's hands (a jam, a smudge the eye caught, a damaged
 * blank) with a supervisor beside them: the supervisor's username and PIN sign it off; the job goes
 * back to the queue for a new booklet.
 */
export function spoilBooklet(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: { jobId: string; reason: string; username: string; secret: string },
): PrintJobRecord {
  const reason = input.reason.trim();
  if (!reason)
    throw new LoketError('INVALID_INPUT', {
      id: 'Tulis alasan buku rusak.',
      en: 'Write why the booklet is spoiled.',
    });
  const supervisor = supervisorSignOff(ctx, input);
  return ctx.store.transaction(() => {
    const job = jobOf(ctx, input.jobId);
    if (!job.bookletSerial || !['queued', 'printed'].includes(job.state))
      throw conflict(
        'Tidak ada buku untuk pekerjaan ini yang dapat dicatat rusak.',
        'This job holds no booklet to spoil.',
      );
    const serial = job.bookletSerial;
    const at = ctx.clock.now();
    const use = ctx.store.booklets.use(serial);
    if (use) ctx.store.booklets.saveUse({ ...use, outcome: 'spoiled', reason, signedOffBy: supervisor.id });
    else {
      const { range } = checkBooklet(ctx, job, serial);
      ctx.store.booklets.addUse({
        serial,
        rangeId: range.id,
        jobId: job.id,
        outcome: 'spoiled',
        reason,
        signedOffBy: supervisor.id,
        startedAt: at,
        finishedAt: at,
        officeDate: localDateOf(at, ctx.store.office.get().timeZone),
        recordedBy: caller.officer.user.id,
      });
    }
    const back = backToQueue(ctx, job, reason, at);
    appendJobEvent(ctx, caller, 'booklet.spoiled', back, { serial, signedOffBy: supervisor.id });
    return back;
  });
}
