import { LoketError } from '../domain/errors.ts';
import { checkIn, ticketView } from '../services/checkIn.ts';
import type { Caller, ServiceContext } from '../services/context.ts';
import {
  acceptOfflineTicket,
  leaseNumbers,
  offlineConflicts,
  replicaSnapshot,
  reportStuckCommand,
} from '../services/offline.ts';
import { importAppointments } from '../services/importAppointments.ts';
import { feedNotConfigured, feedStatus } from '../services/appointmentFeed.ts';
import { centralLinkStatus } from '../services/centralLink.ts';
import { applyQuota, changeOffice, showOffice } from '../services/office.ts';
import { todaysQuota } from '../services/quota.ts';
import { printTicket, recordTicketPrint, ticketSlip } from '../services/printTicket.ts';
import {
  floorDevices,
  reportDevices,
  simulatePrinter,
  simulateScan,
  readPrintedPage,
  stationDevices,
} from '../services/devices.ts';
import type { Station } from '../store/stations.ts';
import { reportKpi } from '../services/reports/kpi.ts';
import { myFigures, reportOfficers } from '../services/reports/officers.ts';
import { importIssuanceHistory, reportIssuance } from '../services/reports/issuance.ts';
import { reportPromises } from '../services/reports/promises.ts';
import { publicDaysDefault, publicFigures } from '../services/reports/publicFigures.ts';
import { keepDays } from '../services/reports/dayVisits.ts';
import { exportReport } from '../services/reports/export.ts';
import {
  answerSurveyComplaint,
  mySurveyFigures,
  startSurvey,
  submitSurvey,
  surveyReport,
} from '../services/survey/survey.ts';
import { exportSurvey } from '../services/survey/export.ts';
import {
  consoleRuns,
  simulationChoices,
  startConsolePlan,
  startConsoleSimulation,
} from '../services/simulation/console.ts';
import {
  addStationWithCode,
  floorStations,
  issuePairingCode,
  revokeStation,
  setStationCounter,
} from '../services/stations.ts';
import {
  callNext,
  callTicket,
  completeService,
  holdTicket,
  markNoShow,
  recall,
  releaseTicket,
  setCounterState,
  startService,
  transferTicket,
  type CounterCaller,
} from '../services/counters.ts';
import {
  boardView,
  claimsAndBreaks,
  counterView,
  entryView,
  floorView,
  officerView,
} from '../services/counterViews.ts';
import { decidePriorityClaim } from '../services/priorityClaims.ts';
import {
  addUser,
  changeUser,
  officerAccounts,
  sessionOf,
  signIn,
  signOut,
  unlock,
  type Officer,
  type OfficerAccount,
} from '../services/officers.ts';
import { advanceTrainingClock } from '../services/training.ts';
import type { QueueEntry } from '../store/queue.ts';
import {
  addCalendarDay,
  calendarYear,
  promiseFor,
  reloadCalendarYear,
  removeCalendarDay,
} from '../services/calendar.ts';
import type { InputOf, OperationName, OutputOf } from './contract.ts';
import { checkOldPassport, notFound, openInterview, recordInterview } from '../services/applications.ts';
import { applicationViewOf } from '../services/applicationView.ts';
import { approveAtCounter } from '../services/approvals.ts';
import { purgeBiometrics } from '../services/biometrics.ts';
import { auditVerify } from '../services/audit.ts';
import { openFacePhoto, saveFacePhoto } from '../services/facePhoto.ts';
import { finishInterview } from '../services/finishInterview.ts';
import {
  captureFingerprint,
  fingerprintAsk,
  fingerprintDeviceError,
  recordFingerprintCapture,
  recordFingerException,
} from '../services/fingerprints.ts';
import { pickupStatus, printReceipt, receiptSlip, recordReceiptPrint } from '../services/receipts.ts';
import { bookedFrom } from '../services/pickup.ts';
import { decodeJpeg } from '../services/jpegImage.ts';
import { approveApplication, awaitingAdjudication, sendBackApplication } from '../services/adjudication.ts';
import { bookingOf } from '../services/applications.ts';
import { isoInstant, localDateOf, plusDays } from '../domain/localTime.ts';
import { bookletStock, confirmBooklets, receiveBooklets, signOffSpoil } from '../services/booklets.ts';
import {
  assignBooklet,
  checkPrintedPassport,
  printPassport,
  setPrinterPaused,
  spoilBooklet,
} from '../services/passportPrinting.ts';
import { printJobViewOf, printQueueView, reconciliationOf } from '../services/printViews.ts';
import { handoverCase, recordHandover, takePickupTicket, uncollected } from '../services/handover.ts';
import { maskedPhone, smsProblems } from '../services/sms.ts';
import { serialAt, rangeSize } from '../domain/booklets.ts';
import type { BookletRangeRecord } from '../store/booklets.ts';
import { checkInOnBehalf, printAtHelpDesk, searchCitizens } from '../services/helpDesk.ts';
import { reportUpdate } from '../services/updates.ts';

export interface StationCaller extends Caller {
  station: Station;
  /** Which client of the station calls (a browser's session, a desktop program), null for none named. */
  client: string | null;
  /** The signed-in officer, for operations the contract marks as acting for one. */
  officer?: Officer;
}

const stationViewOf = ({ id, name, mode }: Station) => ({ id, name, mode });

const rangeViewOf = (r: BookletRangeRecord) => ({
  rangeId: r.id,
  first: serialAt(r, r.first),
  last: serialAt(r, r.last),
  count: rangeSize(r),
});

const officeInstant = (ctx: ServiceContext, at: number) => isoInstant(at, ctx.store.office.get().timeZone);
const officeToday = (ctx: ServiceContext) => localDateOf(ctx.clock.now(), ctx.store.office.get().timeZone);

/** An officer's account as the console sees it (never the PIN): the last sign-in in office time. */
const accountViewOf = (ctx: ServiceContext, account: OfficerAccount) => ({
  ...account,
  lastSignInAt: account.lastSignInAt === null ? null : officeInstant(ctx, account.lastSignInAt),
});

const accountOf = (ctx: ServiceContext, username: string) => {
  const account = officerAccounts(ctx).find((a) => a.username === username);
  if (!account) throw new Error(`account ${username} vanished`);
  return accountViewOf(ctx, account);
};

/** The caller of an operation that requires an officer (invoke has checked the session). */
const atCounter = (caller: StationCaller): CounterCaller => caller as CounterCaller;

type Handlers = {
  [N in OperationName]: (
    ctx: ServiceContext,
    caller: StationCaller,
    input: InputOf<N>,
  ) => OutputOf<N> | Promise<OutputOf<N>>;
};

/** Each operation of the contract bound to its use case. */
export const handlers: Handlers = {
  helpDeskSearch: (ctx, caller, input) => searchCitizens(ctx, atCounter(caller), input),
  helpDeskCheckIn: (ctx, caller, input) => checkInOnBehalf(ctx, atCounter(caller), input),
  helpDeskPrintTicket: (ctx, caller, input) => printAtHelpDesk(ctx, atCounter(caller), input),
  adjudicationList: (ctx) =>
    awaitingAdjudication(ctx).map(({ application, sentBack }) => ({
      applicationId: application.id,
      number: application.number,
      fullName: bookingOf(ctx, application).fullName,
      applicationKind: application.applicationKind,
      passportType: application.passportType,
      pickupDate: application.pickupDate,
      interviewedAt: officeInstant(ctx, application.finishedAt ?? application.startedAt),
      sentBack: sentBack
        ? { reason: sentBack.reason ?? '', at: officeInstant(ctx, sentBack.decidedAt) }
        : null,
    })),
  approveApplication: (ctx, caller, input) =>
    printJobViewOf(ctx, approveApplication(ctx, atCounter(caller), input)),
  sendBackApplication: (ctx, caller, input) => {
    const decision = sendBackApplication(ctx, atCounter(caller), input);
    return { applicationId: decision.applicationId, reason: decision.reason ?? '' };
  },
  printQueue: (ctx, caller) => printQueueView(ctx, caller.station.id),
  pausePrinter: (ctx, caller, input) => {
    setPrinterPaused(ctx, atCounter(caller), input.paused);
    return { paused: input.paused };
  },
  scanBooklet: (ctx, caller, input) => printJobViewOf(ctx, assignBooklet(ctx, atCounter(caller), input)),
  printPassport: async (ctx, caller, input) => {
    const result = await printPassport(ctx, atCounter(caller), input);
    return { ...result, job: printJobViewOf(ctx, result.job) };
  },
  readPrintedPage: (ctx, caller, input) => readPrintedPage(ctx, atCounter(caller), input),
  checkPrintedPassport: (ctx, caller, input) => {
    const result = checkPrintedPassport(ctx, atCounter(caller), input);
    return { ...result, job: printJobViewOf(ctx, result.job) };
  },
  spoilBooklet: (ctx, caller, input) => printJobViewOf(ctx, spoilBooklet(ctx, atCounter(caller), input)),
  receiveBooklets: (ctx, caller, input) => rangeViewOf(receiveBooklets(ctx, atCounter(caller), input)),
  confirmBooklets: (ctx, caller, input) => rangeViewOf(confirmBooklets(ctx, atCounter(caller), input)),
  bookletStock: (ctx) => {
    const stock = bookletStock(ctx);
    return {
      ...stock,
      awaitingSignOff: stock.awaitingSignOff.map((u) => ({
        serial: u.serial,
        reason: u.reason,
        jobId: u.jobId,
      })),
    };
  },
  signOffSpoil: (ctx, caller, input) => {
    const use = signOffSpoil(ctx, atCounter(caller), input);
    return { serial: use.serial, reason: use.reason };
  },
  bookletReconciliation: (ctx, _caller, input) => reconciliationOf(ctx, input.date),
  handoverCase: (ctx, _caller, input) => {
    const found = handoverCase(ctx, input);
    return {
      jobId: found.job.id,
      applicationId: found.application.id,
      applicationNumber: found.application.number,
      fullName: found.fullName,
      birthDate: found.birthDate,
      state: found.job.state,
      passportNumber: found.job.bookletSerial,
      hasPhoto: found.application.face !== null,
      handover: found.handover
        ? {
            receiver: found.handover.receiver,
            representativeName: found.handover.representativeName,
            at: officeInstant(ctx, found.handover.at),
          }
        : null,
    };
  },
  recordHandover: (ctx, caller, input) => {
    const record = recordHandover(ctx, atCounter(caller), input);
    return { jobId: record.jobId, receiver: record.receiver, at: officeInstant(ctx, record.at) };
  },
  takePickupTicket: (ctx, _caller, input) => takePickupTicket(ctx, input),
  smsProblems: (ctx) =>
    smsProblems(ctx).map((problem) => {
      const job = problem.jobId ? ctx.store.printJobs.find(problem.jobId) : null;
      return {
        id: problem.id,
        applicationNumber: job ? (ctx.store.applications.find(job.applicationId)?.number ?? null) : null,
        phone: maskedPhone(problem.phone),
        state: problem.state,
        attempts: problem.attempts,
        lastError: problem.lastError,
        nextAttemptAt: problem.nextAttemptAt === null ? null : officeInstant(ctx, problem.nextAttemptAt),
        updatedAt: officeInstant(ctx, problem.updatedAt),
      };
    }),
  uncollectedPassports: (ctx) =>
    uncollected(ctx).map(({ job, number, days }) => ({
      jobId: job.id,
      applicationNumber: number,
      readyAt: officeInstant(ctx, job.readyAt ?? 0),
      days,
    })),
  checkIn: (ctx, caller, input) => checkIn(ctx, caller, input),
  leaseNumbers: (ctx, caller, input) => leaseNumbers(ctx, { ...caller, stationId: caller.station.id }, input),
  checkInOffline: (ctx, caller, input) =>
    acceptOfflineTicket(ctx, { ...caller, stationId: caller.station.id }, input),
  replicaSnapshot: (ctx) => replicaSnapshot(ctx),
  reportStuckCommand: (ctx, caller, input) =>
    reportStuckCommand(ctx, { ...caller, stationId: caller.station.id }, input),
  offlineConflicts: (ctx) => offlineConflicts(ctx),
  printTicket: (ctx, caller, input) => printTicket(ctx, { ...caller, mode: caller.station.mode }, input),
  getTicket: (ctx, _caller, input) => {
    const ticket = ctx.store.tickets.find(input.id);
    const booking = ticket ? ctx.store.checkInBookings.find(ticket.bookingCode) : null;
    if (!ticket || !booking) {
      throw new LoketError('NOT_FOUND', { id: 'Tiket tidak ditemukan.', en: 'Ticket not found.' });
    }
    return ticketView(ctx.store.office.get(), ticket, booking, true);
  },
  showOffice: (ctx) => showOffice(ctx),
  changeOffice: (ctx, caller, input) => changeOffice(ctx, caller, input.changes),
  importAppointments: (ctx, caller, input) => importAppointments(ctx, caller, input),
  appointmentFeedStatus: (ctx) => feedStatus(ctx),
  centralLinkStatus: (ctx) => {
    const status = centralLinkStatus(ctx.store, ctx.clock.now());
    const local = (at: number | null) => (at === null ? null : officeInstant(ctx, at));
    return {
      linked: status.linked,
      url: status.url,
      office: status.office,
      shipped: status.cursor,
      hubSeq: status.hubSeq,
      lagEvents: status.lagEvents,
      lagMinutes: status.lagMinutes,
      lastOkAt: local(status.lastOkAt),
      lastError: status.lastError,
      lastErrorAt: local(status.lastErrorAt),
      failures: status.failures,
    };
  },
  syncAppointments: async (ctx, caller) => {
    if (!ctx.store.appointmentFeed.get() || !ctx.appointmentFeed) throw feedNotConfigured();
    return ctx.appointmentFeed.syncNow(caller);
  },
  todaysQuota: (ctx) => todaysQuota(ctx),
  whoAmI: (ctx, caller) => {
    const session = sessionOf(ctx, caller.station, caller.client);
    const user = session ? ctx.store.officers.user(session.userId) : null;
    const idleMs = ctx.store.office.get().floor.idleLockMinutes * 60_000;
    return {
      id: caller.station.id,
      name: caller.station.name,
      mode: caller.station.mode,
      officer: session && user ? officerView({ user, session }) : null,
      locked: session !== null && ctx.clock.now() - session.lastActiveAt > idleMs,
      training: ctx.training ?? false,
      counter: ctx.store.stations.find(caller.station.id)?.counter ?? null,
    };
  },
  signIn: (ctx, caller, input) => officerView(signIn(ctx, caller.station, input, caller.client)),
  unlock: (ctx, caller, input) => officerView(unlock(ctx, caller.station, input.secret, caller.client)),
  signOut: (ctx, caller) => {
    signOut(ctx, caller.station, caller.client);
    return { signedOut: true as const };
  },
  counterView: (ctx, caller) => counterView(ctx, atCounter(caller)),
  callNext: (ctx, caller, input) => {
    const called = callNext(ctx, atCounter(caller), input);
    return { called: called ? view(ctx, called) : null };
  },
  callTicket: (ctx, caller, input) => view(ctx, callTicket(ctx, atCounter(caller), input)),
  recall: (ctx, caller) => view(ctx, recall(ctx, atCounter(caller))),
  startService: (ctx, caller) => view(ctx, startService(ctx, atCounter(caller))),
  completeService: (ctx, caller) => view(ctx, completeService(ctx, atCounter(caller))),
  markNoShow: (ctx, caller) => view(ctx, markNoShow(ctx, atCounter(caller))),
  holdTicket: (ctx, caller) => view(ctx, holdTicket(ctx, atCounter(caller))),
  releaseTicket: (ctx, caller, input) => view(ctx, releaseTicket(ctx, atCounter(caller), input.entryId)),
  transferTicket: (ctx, caller, input) => view(ctx, transferTicket(ctx, atCounter(caller), input)),
  setCounterState: (ctx, caller, input) => ({ state: setCounterState(ctx, atCounter(caller), input) }),
  decidePriorityClaim: (ctx, caller, input) => {
    const { entry, claim, requeued } = decidePriorityClaim(ctx, atCounter(caller), input);
    return { number: entry.number, decision: claim.decision ?? input.decision, requeued };
  },
  claimsAndBreaks: (ctx) => claimsAndBreaks(ctx),
  // A range's closed days are read a day at a time first, so a year's first report never holds the floor.
  reportKpi: async (ctx, _caller, input) => {
    await keepDays(ctx, input.from, input.to);
    return reportKpi(ctx, input);
  },
  reportOfficers: (ctx, _caller, input) => reportOfficers(ctx, input),
  myFigures: (ctx, caller, input) => myFigures(ctx, atCounter(caller).officer.user.id, input),
  reportIssuance: (ctx, _caller, input) => reportIssuance(ctx, input),
  importIssuanceHistory: (ctx, caller, input) => importIssuanceHistory(ctx, caller, input),
  reportPromises: (ctx, _caller, input) => reportPromises(ctx, input),
  publicFigures: async (ctx, _caller, input) => {
    await keepDays(ctx, plusDays(officeToday(ctx), -(input.days ?? publicDaysDefault)), officeToday(ctx));
    return publicFigures(ctx, input);
  },
  exportReport: async (ctx, _caller, input) => {
    if (input.report === 'kpi' || input.report === 'public')
      await keepDays(
        ctx,
        input.from ?? plusDays(officeToday(ctx), -publicDaysDefault),
        input.to ?? officeToday(ctx),
      );
    return exportReport(ctx, input);
  },
  startSurvey: (ctx, caller, input) => startSurvey(ctx, caller, input),
  submitSurvey: (ctx, caller, input) => submitSurvey(ctx, caller, input),
  surveyReport: (ctx, _caller, input) => surveyReport(ctx, input),
  simulationChoices: (ctx) => simulationChoices(ctx),
  startSimulation: (ctx, caller, input) =>
    startConsoleSimulation(ctx, atCounter(caller).officer.user.id, input),
  simulationRun: (ctx, caller, input) =>
    consoleRuns(ctx).view(atCounter(caller).officer.user.id, input.runId),
  cancelSimulation: (ctx, caller, input) =>
    consoleRuns(ctx).cancel(atCounter(caller).officer.user.id, input.runId),
  startQuotaPlan: (ctx, caller, { targetP90Minutes, insideWindowShare, overtimeMinutes, ...input }) =>
    startConsolePlan(ctx, atCounter(caller).officer.user.id, {
      ...input,
      target: {
        p90WaitMinutes: targetP90Minutes,
        insideWindowShare,
        ...(overtimeMinutes !== undefined ? { overtimeMinutes } : {}),
      },
    }),
  quotaPlanRun: (ctx, caller, input) =>
    consoleRuns(ctx).planView(atCounter(caller).officer.user.id, input.runId),
  cancelQuotaPlan: (ctx, caller, input) =>
    consoleRuns(ctx).cancelPlan(atCounter(caller).officer.user.id, input.runId),
  applyQuota: (ctx, caller, input) => {
    const officer = atCounter(caller);
    const applied = applyQuota(ctx, officer, input.lanes);
    return {
      lanes: applied.lanes,
      changed: applied.changed,
      by: { username: officer.officer.user.username, name: officer.officer.user.name },
    };
  },
  mySurveyFigures: (ctx, caller, input) => mySurveyFigures(ctx, caller, input),
  answerSurveyComplaint: (ctx, caller, input) => answerSurveyComplaint(ctx, caller, input),
  exportSurvey: (ctx, _caller, input) => exportSurvey(ctx, input),
  boardView: (ctx) => boardView(ctx),
  floorView: (ctx) => floorView(ctx),
  stationDevices: (ctx, caller) => stationDevices(ctx, caller),
  reportDevices: (ctx, caller, input) => reportDevices(ctx, caller, input),
  reportUpdate: (ctx, caller, input) => reportUpdate(ctx, caller, input),
  ticketSlip: (ctx, caller, input) => {
    const { view, reprint, training } = ticketSlip(ctx, { ...caller, mode: caller.station.mode }, input);
    return { ticket: view, reprint, training };
  },
  recordTicketPrint: (ctx, caller, input) => recordTicketPrint(ctx, caller, input),
  floorDevices: (ctx) => floorDevices(ctx),
  simulateScan: (ctx, caller, input) => simulateScan(ctx, caller, input),
  trainingAdvanceClock: (ctx, caller, input) => advanceTrainingClock(ctx, caller, input),
  floorStations: (ctx) => {
    const { fingerprint, stations } = floorStations(ctx);
    return {
      fingerprint,
      stations: stations.map(({ id, name, mode, createdAt, revokedAt, counter }) => {
        const update = ctx.store.updates.report(id);
        return {
          id,
          name,
          mode,
          createdAt,
          revokedAt,
          counter: counter ?? null,
          update: update && {
            version: update.version,
            target: update.targetVersion,
            state: update.state,
            error: update.error,
            at: officeInstant(ctx, update.at),
          },
        };
      }),
    };
  },
  addStation: (ctx, caller, input) => {
    const { station, code, expiresAt, fingerprint } = addStationWithCode(ctx, caller, input);
    return { station: stationViewOf(station), code, expiresAt, fingerprint };
  },
  pairStation: (ctx, caller, input) => {
    const station = ctx.store.stations.find(input.stationId);
    const { code, expiresAt } = issuePairingCode(ctx, caller, input.stationId);
    return {
      station: stationViewOf(station as Station),
      code,
      expiresAt,
      fingerprint: ctx.hubFingerprint ?? null,
    };
  },
  setStationCounter: (ctx, caller, input) => {
    const station = setStationCounter(ctx, caller, input);
    return { stationId: station.id, counter: station.counter as number };
  },
  revokeStation: (ctx, caller, input) => {
    if (input.stationId === caller.station.id) {
      throw new LoketError('CONFLICT', {
        id: 'Stasiun ini tidak dapat mencabut dirinya sendiri.',
        en: 'A station cannot revoke itself.',
      });
    }
    return { revoked: revokeStation(ctx, caller, input.stationId) };
  },
  officerAccounts: (ctx, caller) => ({
    officers: officerAccounts(ctx).map((account) => accountViewOf(ctx, account)),
    you: caller.officer?.user.username ?? '',
    mayChange: caller.officer?.user.role === 'admin',
  }),
  addOfficer: (ctx, caller, input) => accountOf(ctx, addUser(ctx, caller, input).username),
  changeOfficer: (ctx, caller, { username, ...changes }) => {
    if (changes.name === undefined && changes.role === undefined && changes.enabled === undefined)
      throw new LoketError('INVALID_INPUT', { id: 'Tidak ada yang diubah.', en: 'Nothing to change.' });
    return accountOf(ctx, changeUser(ctx, caller, username, changes).username);
  },
  resetOfficerPin: (ctx, caller, input) =>
    accountOf(ctx, changeUser(ctx, caller, input.username, { secret: input.secret }).username),
  simulatePrinter: (ctx, caller, input) => simulatePrinter(ctx, caller, input),
  calendar: (ctx, _caller, input) => calendarYear(ctx, input.year),
  changeCalendar: (ctx, caller, input) => {
    if (input.action === 'reload') return reloadCalendarYear(ctx, caller, input.year);
    if (input.action === 'add') {
      const { action: _add, ...day } = input;
      return { calendar: addCalendarDay(ctx, caller, day), reload: null };
    }
    const { action: _remove, ...removal } = input;
    return { calendar: removeCalendarDay(ctx, caller, removal), reload: null };
  },
  // The print station's booked work counts, as at the counter: the same date for the same day.
  previewPickupPromise: (ctx, _caller, input) =>
    promiseFor(ctx, {
      interviewDate: input.date,
      applicationKind: input.kind,
      bookedByDate: bookedFrom(ctx, input.date),
    }),
  openInterview: (ctx, caller) => applicationViewOf(ctx, openInterview(ctx, atCounter(caller))),
  recordInterview: (ctx, caller, input) =>
    applicationViewOf(ctx, recordInterview(ctx, atCounter(caller), input)),
  checkOldPassport: (ctx, caller, input) =>
    applicationViewOf(ctx, checkOldPassport(ctx, atCounter(caller), input)),
  saveFacePhoto: (ctx, caller, input) => {
    // The schema has checked it is a JPEG; its size comes from its own header.
    const photo = decodeJpeg(input.jpeg);
    if (!photo) throw notFound();
    return applicationViewOf(ctx, saveFacePhoto(ctx, atCounter(caller), { ...input, photo }));
  },
  captureFingerprint: async (ctx, caller, input) =>
    applicationViewOf(ctx, await captureFingerprint(ctx, atCounter(caller), input)),
  simulateFingerprint: async (ctx, caller, input) => {
    const simulator = await ctx.fingerprints?.simulatorOf(input.stationId);
    if (!simulator)
      throw new LoketError('CONFLICT', {
        id: 'Pemindai sidik jari stasiun ini bukan simulator.',
        en: "This station's fingerprint reader is not a simulator.",
      });
    simulator.set({
      ...(input.quality !== undefined ? { defaultQuality: input.quality, qualities: {} } : {}),
      ...(input.delayMs !== undefined ? { captureDelayMs: input.delayMs } : {}),
      ...(input.busy !== undefined ? { status: input.busy ? 'Busy' : 'Ready' } : {}),
      ...(input.errorCode !== undefined
        ? { error: input.errorCode === null ? null : { code: input.errorCode } }
        : {}),
    });
    if (input.unplugged === true) simulator.unplug('close');
    if (input.unplugged === false) simulator.plug();
    ctx.store.transaction(() =>
      ctx.store.events.emit({
        type: 'fingerprint.simulated',
        at: ctx.clock.now(),
        actor: caller.officer?.user.id ?? caller.actor,
        station: caller.stationId,
        payload: input,
      }),
    );
    return { simulated: true as const };
  },
  fingerprintRequest: (ctx, caller, input) => {
    const { wanted, requestedScore, timeoutMs, previousHash } = fingerprintAsk(ctx, atCounter(caller), input);
    return { fingers: wanted, requestedScore, timeoutMs, previousHash };
  },
  recordFingerprintCapture: (ctx, caller, input) =>
    applicationViewOf(
      ctx,
      recordFingerprintCapture(ctx, atCounter(caller), {
        ...input,
        captures: input.captures.map((c) => ({ finger: c.finger, iso: Buffer.from(c.iso, 'base64') })),
      }),
    ),
  fingerprintPreview: async (ctx, caller) => {
    try {
      const frame = ctx.fingerprints ? await ctx.fingerprints.previewFrame(caller.station.id) : null;
      return frame
        ? { jpeg: frame.jpeg.toString('base64'), width: frame.width, height: frame.height }
        : { jpeg: null, width: 0, height: 0 };
    } catch (error) {
      throw fingerprintDeviceError(error);
    }
  },
  recordFingerException: (ctx, caller, input) => {
    const photo = decodeJpeg(input.photo);
    if (!photo) throw notFound();
    return applicationViewOf(ctx, recordFingerException(ctx, atCounter(caller), { ...input, photo }));
  },
  approveAtCounter: (ctx, caller, input) =>
    applicationViewOf(ctx, approveAtCounter(ctx, atCounter(caller), input)),
  finishInterview: (ctx, caller, input) =>
    applicationViewOf(ctx, finishInterview(ctx, atCounter(caller), input)),
  printReceipt: (ctx, caller, input) => printReceipt(ctx, caller, input),
  receiptSlip: (ctx, _caller, input) => receiptSlip(ctx, input),
  recordReceiptPrint: (ctx, caller, input) => recordReceiptPrint(ctx, caller, input),
  applicationView: (ctx, _caller, input) => {
    const application = ctx.store.applications.find(input.applicationId);
    if (!application) throw notFound();
    return applicationViewOf(ctx, application);
  },
  facePhoto: (ctx, caller, input) => {
    const { jpeg, width, height } = openFacePhoto(ctx, atCounter(caller), input.applicationId);
    return { jpeg: jpeg.toString('base64'), width, height };
  },
  pickupStatus: (ctx, _caller, input) => pickupStatus(ctx, input),
  purgeBiometrics: (ctx, caller) => purgeBiometrics(ctx, caller),
  auditVerify: async (ctx) => {
    const { unreadableAnchors: _unreadable, checkedAt, ...verdict } = await auditVerify(ctx);
    return { ...verdict, checkedAt: officeInstant(ctx, checkedAt) };
  },
};

function view(ctx: ServiceContext, entry: QueueEntry) {
  return entryView(ctx, ctx.store.office.get(), entry);
}
