import { z } from 'zod';
import { stationModes, type StationMode } from '../domain/roles.ts';
import { officeConfigSchema, priorityLaneIds } from '../domain/office.ts';
import { maxScanLength } from '../domain/scan.ts';
import type { UserRole } from '../domain/roles.ts';
import { breakReasons, claimDecisions, counterStates } from '../domain/states.ts';
import { updateStates } from '../domain/updates.ts';
import {
  applicationView,
  approvalInput,
  captureFingerprintInput,
  facePhotoInput,
  fingerExceptionInput,
  fingerprintCaptureInput,
  fingerprintRequestView,
  finishInput,
  interviewInput,
  oldPassportInput,
  pickupStatusView,
  receiptPrintView,
  receiptView,
} from './applicationViews.ts';
import { auditVerdictView } from './auditViews.ts';
import {
  addOfficerInput,
  changeOfficerInput,
  officerAccountView,
  officerAccountsView,
  resetOfficerPinInput,
} from './officerViews.ts';
import {
  boardView,
  claimsAndBreaksView,
  counterView,
  entryView,
  floorView,
  officerView,
} from './counterViews.ts';
import {
  floorDevicesView,
  reportedDeviceState,
  simulatedPrinterCondition,
  stationDevicesView,
} from './deviceViews.ts';
import {
  leaseRequest,
  leasesView,
  offlineCheckInInput,
  offlineCheckInView,
  offlineConflictsView,
  stuckCommandInput,
  replicaSnapshotView,
} from './offlineViews.ts';
import {
  helpDeskCheckInInput,
  helpDeskCheckInView,
  helpDeskPrintInput,
  helpDeskSearchInput,
  helpDeskSearchView,
} from './helpDeskViews.ts';
import { calendarReloadView, calendarYearInput, calendarYearView } from './calendarViews.ts';
import { addCalendarDayInput, removeCalendarDayInput } from '../domain/calendar.ts';
import { applicationKinds } from '../domain/applicationKinds.ts';
import { isValidLocalDate, localDatePattern } from '../domain/localTime.ts';
import { pickupPromiseSchema } from '../domain/pickupPromise.ts';
import {
  adjudicationListView,
  bookletStockView,
  confirmBookletsInput,
  decisionInput,
  handoverCaseView,
  handoverInput,
  jobInput,
  jobScanInput,
  printJobView,
  printQueueView,
  printResultView as passportPrintResultView,
  qualityCheckView,
  receiveBookletsInput,
  reconciliationView,
  sendBackInput,
  spoilInput,
  uncollectedView,
  smsProblemsView,
} from './printViews.ts';
import {
  exportReportInput,
  exportReportView,
  importIssuanceInput,
  importIssuanceView,
  issuanceReportInput,
  issuanceReportView,
  kpiReportInput,
  kpiReportView,
  officersReportView,
  promisesReportView,
  publicFiguresInput,
  publicFiguresView,
  reportRangeInput,
} from './reportViews.ts';
import {
  feedStatusView,
  centralLinkView,
  floorStationsView,
  importSummaryView,
  officeView,
  pairingCodeView,
  printProblems,
  printResultView,
  quotaView,
  stationView,
  ticketView,
} from './views.ts';
import {
  answerComplaintInput,
  answerComplaintView,
  exportSurveyInput,
  startSurveyInput,
  startSurveyView,
  submitSurveyInput,
  submitSurveyView,
  surveyReportInput,
  surveyReportView,
} from './surveyViews.ts';
import {
  appliedQuotaView,
  applyQuotaInput,
  quotaPlanRunView,
  simulationChoicesView,
  simulationRunInput,
  startQuotaPlanInput,
  simulationRunView,
  startSimulationInput,
} from './simulationViews.ts';

/**
 * The one contract: every operation a station may call, declared once with its input schema, its
 * output schema and the station modes allowed to call it. The hub's `POST /api/<operation>`, the
 * Electron bridge and the renderer's typed client all derive from this object.
 */
export interface OperationSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string;
  input: I;
  output: O;
  roles: readonly StationMode[];
  /** When set: an officer of one of these roles must be signed in (and not idle-locked) at the station. */
  officer?: readonly UserRole[];
  /** A read a screen repeats by itself: it does not count as the officer's activity for the idle lock. */
  passive?: true;
  /** A station may send it from its outbox with a command id: the hub applies each id once. */
  outbox?: true;
}

const operation = <I extends z.ZodType, O extends z.ZodType>(spec: OperationSpec<I, O>) => spec;
const everyone = stationModes;
const noInput = z.object({}).strict();
const counterOfficers: readonly UserRole[] = ['officer', 'supervisor'];
const secret = z.string().min(1).max(128);
const supervisors: readonly UserRole[] = ['supervisor', 'admin'];
const admins: readonly UserRole[] = ['admin'];
const printOperators: readonly UserRole[] = ['print_operator', 'supervisor'];
const stockOfficers: readonly UserRole[] = ['print_operator', 'supervisor', 'admin'];
const handoverOfficers: readonly UserRole[] = ['officer', 'print_operator', 'supervisor'];

export const contract = {
  checkIn: operation({
    summary:
      'Turn the text a scanner or keyboard produced (booking QR, booking code or NIK) into a queue ticket.',
    input: z
      .object({
        text: z.string().max(maxScanLength),
        priority: z.enum(priorityLaneIds).optional(),
        /** Made by the kiosk: a retried check-in, or one finished offline, is the same ticket. */
        ticketId: z.uuid().optional(),
      })
      .strict(),
    output: ticketView,
    roles: ['kiosk', 'counter', 'supervisor'],
  }),
  leaseNumbers: operation({
    summary:
      'Lease the kiosk blocks of queue numbers for every lane and window of the day, for check-ins while the hub is out of reach; answers all its blocks.',
    input: leaseRequest,
    output: leasesView,
    roles: ['kiosk'],
  }),
  checkInOffline: operation({
    summary:
      'A ticket the kiosk issued from its leased numbers while apart, from its outbox: accepted, or a conflict with another ticket of the same booking.',
    input: offlineCheckInInput,
    output: offlineCheckInView,
    roles: ['kiosk'],
    outbox: true,
  }),
  replicaSnapshot: operation({
    summary: "Where a kiosk's replica starts: the office, the day's bookings and tickets, as of an event.",
    input: noInput,
    output: replicaSnapshotView,
    roles: ['kiosk'],
  }),
  reportStuckCommand: operation({
    summary:
      "A station's outbox has been failing on the same command for minutes: the station, the command and the hub's answer go to the supervisor's offline view.",
    input: stuckCommandInput,
    output: z.object({ reported: z.literal(true) }),
    roles: ['kiosk', 'counter', 'supervisor'],
  }),
  offlineConflicts: operation({
    summary: 'Bookings checked in at two kiosks while apart today: the ticket kept and the one voided.',
    input: noInput,
    output: offlineConflictsView,
    roles: ['supervisor'],
    officer: ['supervisor', 'admin'],
    passive: true,
  }),
  printTicket: operation({
    summary:
      "Print a committed ticket on the calling station's ticket printer (a reprint after the first; a kiosk may reprint twice).",
    input: z.object({ ticketId: z.uuid() }).strict(),
    output: printResultView,
    roles: ['kiosk', 'supervisor'],
  }),
  getTicket: operation({
    summary: 'A ticket by id, as printed and shown.',
    input: z.object({ id: z.uuid() }).strict(),
    output: ticketView,
    roles: everyone,
  }),
  showOffice: operation({
    summary: "The office's configuration and today's local date.",
    input: noInput,
    output: officeView,
    roles: everyone,
  }),
  changeOffice: operation({
    summary: 'Change settings of the office configuration by dotted path; all or nothing.',
    input: z
      .object({
        changes: z
          .array(z.object({ path: z.string().min(1).max(200), value: z.unknown() }).strict())
          .min(1)
          .max(50),
      })
      .strict(),
    output: officeConfigSchema,
    roles: ['supervisor'],
    officer: supervisors,
  }),
  importAppointments: operation({
    summary: "Import the day's M-Paspor bookings from CSV or JSON text.",
    input: z.object({ format: z.enum(['csv', 'json']), content: z.string().max(4_000_000) }).strict(),
    output: importSummaryView,
    roles: ['supervisor'],
    officer: supervisors,
  }),
  appointmentFeedStatus: operation({
    summary:
      'The M-Paspor appointment feed: its host (never its token), last synced, last attempt, last error, what the last pull found, whether the endpoint answered.',
    input: noInput,
    output: feedStatusView,
    roles: ['supervisor'],
    officer: supervisors,
    passive: true,
  }),
  centralLinkStatus: operation({
    summary:
      "The hub's link to the central store: where it sends and as which office (never the key), events shipped, the lag in events and minutes, the last answer and the last error.",
    input: noInput,
    output: centralLinkView,
    roles: ['supervisor'],
    officer: supervisors,
    passive: true,
  }),
  syncAppointments: operation({
    summary:
      "Pull the day's bookings from the appointment feed now (as the file import, all or nothing); answers the feed's status.",
    input: noInput,
    output: feedStatusView,
    roles: ['supervisor'],
    officer: ['supervisor', 'admin'],
  }),
  todaysQuota: operation({
    summary: "Today's arrival windows with tickets issued and quota per lane.",
    input: noInput,
    output: quotaView,
    roles: everyone,
  }),
  whoAmI: operation({
    summary:
      'The calling station (id, name, mode), the officer signed in there, if any, and whether the floor is a training floor.',
    input: noInput,
    output: stationView.extend({
      officer: officerView.nullable(),
      locked: z.boolean(),
      training: z.boolean(),
      /** The desk a counter station is fixed at, or a feedback station stands at (null: none set). */
      counter: z.number().int().nullable(),
    }),
    roles: everyone,
  }),
  signIn: operation({
    summary:
      'An officer signs in at this station with username and PIN; a counter serves the desk the hub fixed for it (a `counter` naming another desk is refused).',
    input: z
      .object({
        username: z.string().min(1).max(40),
        secret,
        counter: z.number().int().min(1).max(30).optional(),
      })
      .strict(),
    output: officerView,
    roles: ['counter', 'print', 'supervisor', 'helpdesk'],
  }),
  unlock: operation({
    summary: 'The signed-in officer unlocks the station after the idle lock, with their PIN.',
    input: z.object({ secret }).strict(),
    output: officerView,
    roles: ['counter', 'print', 'supervisor', 'helpdesk'],
  }),
  signOut: operation({
    summary: 'The officer signs out; a counter closes (not while it serves a ticket).',
    input: noInput,
    output: z.object({ signedOut: z.literal(true) }),
    roles: ['counter', 'print', 'supervisor', 'helpdesk'],
  }),
  helpDeskSearch: operation({
    summary:
      "The help desk finds bookings by booking code (dashes, spaces and case ignored), NIK or name, each with the citizen's day: ticket, call, application, pickup date (personal data: the help desk only; every look-up logged).",
    input: helpDeskSearchInput,
    output: helpDeskSearchView,
    roles: ['helpdesk'],
    officer: counterOfficers,
  }),
  helpDeskCheckIn: operation({
    summary:
      "The help desk checks a citizen in on their behalf by booking code, by the kiosk's rules (an unknown code gets an unverified ticket while the appointment list is unreachable); the officer is named.",
    input: helpDeskCheckInInput,
    output: helpDeskCheckInView,
    roles: ['helpdesk'],
    officer: counterOfficers,
  }),
  helpDeskPrintTicket: operation({
    summary:
      "Prints a ticket on the help desk's own printer: within the reprint limit by the officer, past it only with a supervisor's username and PIN (logged).",
    input: helpDeskPrintInput,
    output: printResultView,
    roles: ['helpdesk'],
    officer: counterOfficers,
  }),
  counterView: operation({
    summary:
      "The counter's screen: its ticket with the booking, held tickets, waiting counts, the officer's figures.",
    input: noInput,
    output: counterView,
    roles: ['counter'],
    officer: counterOfficers,
    passive: true,
  }),
  callNext: operation({
    summary:
      'Call the next ticket in the calling order for this counter; null when no one may be called. On a break it is refused unless `endBreak` says the officer ended it.',
    input: z.object({ endBreak: z.boolean().optional() }).strict(),
    output: z.object({ called: entryView.nullable() }),
    roles: ['counter'],
    officer: counterOfficers,
  }),
  callTicket: operation({
    summary: "Call one waiting ticket out of order, with a reason code from the office's list (audited).",
    input: z
      .object({
        number: z.string().min(3).max(12),
        reason: z.string().min(1).max(40),
        endBreak: z.boolean().optional(),
      })
      .strict(),
    output: entryView,
    roles: ['counter'],
    officer: counterOfficers,
  }),
  recall: operation({
    summary: 'Announce the called ticket again.',
    input: noInput,
    output: entryView,
    roles: ['counter'],
    officer: counterOfficers,
  }),
  startService: operation({
    summary: 'The called citizen is at the desk: service starts.',
    input: noInput,
    output: entryView,
    roles: ['counter'],
    officer: counterOfficers,
  }),
  completeService: operation({
    summary: "The stage is done; the visit moves to the next stage's queue, keeping its place.",
    input: noInput,
    output: entryView,
    roles: ['counter'],
    officer: counterOfficers,
    outbox: true,
  }),
  markNoShow: operation({
    summary: 'The called citizen did not come after the configured number of recalls.',
    input: noInput,
    output: entryView,
    roles: ['counter'],
    officer: counterOfficers,
  }),
  holdTicket: operation({
    summary: 'Put the current ticket aside; it keeps its original place.',
    input: noInput,
    output: entryView,
    roles: ['counter'],
    officer: counterOfficers,
  }),
  releaseTicket: operation({
    summary: 'A ticket held at this counter goes back to waiting at its original place.',
    input: z.object({ entryId: z.uuid() }).strict(),
    output: entryView,
    roles: ['counter'],
    officer: counterOfficers,
  }),
  transferTicket: operation({
    summary: 'Send the current ticket to another stage or counter, where it waits at its original place.',
    input: z
      .object({
        toStage: z.string().min(1).max(31).optional(),
        toCounter: z.number().int().min(1).max(30).optional(),
      })
      .strict()
      .refine((t) => t.toStage !== undefined || t.toCounter !== undefined, 'name a stage or a counter'),
    output: entryView,
    roles: ['counter'],
    officer: counterOfficers,
  }),
  setCounterState: operation({
    summary: 'The counter is available, on a break (with its reason), or closed.',
    input: z
      .object({ state: z.enum(['available', 'on_break', 'closed']), reason: z.enum(breakReasons).optional() })
      .strict(),
    output: z.object({ state: z.enum(counterStates) }),
    roles: ['counter'],
    officer: counterOfficers,
  }),
  decidePriorityClaim: operation({
    summary:
      'The officer confirms the priority the called citizen claimed at the kiosk, or refuses it with a reason: the ticket then waits in the regular lane at its original place.',
    input: z.object({ decision: z.enum(claimDecisions), reason: z.string().max(400).optional() }).strict(),
    output: z.object({
      number: z.string(),
      decision: z.enum(claimDecisions),
      /** Refused from a priority lane: the ticket waits again, in the regular lane. */
      requeued: z.boolean(),
    }),
    roles: ['counter'],
    officer: counterOfficers,
  }),
  claimsAndBreaks: operation({
    summary:
      "Today's priority claims per kiosk and the decisions per officer, and each officer's break time by reason.",
    input: noInput,
    output: claimsAndBreaksView,
    roles: ['supervisor'],
    officer: ['supervisor', 'admin'],
    passive: true,
  }),
  openInterview: operation({
    summary:
      'The application of the visit this counter serves at the interview stage, opened on first ask: documents to see, NIK checks, the pickup date it would get.',
    input: noInput,
    output: applicationView,
    roles: ['counter'],
    officer: counterOfficers,
  }),
  recordInterview: operation({
    summary:
      'The documents seen with notes, the NIK read on the KTP (checked against the booking), the notes.',
    input: interviewInput,
    output: applicationView,
    roles: ['counter'],
    officer: counterOfficers,
  }),
  checkOldPassport: operation({
    summary: "A replacement's old passport: its MRZ (scanned or typed) compared with the booking.",
    input: oldPassportInput,
    output: applicationView,
    roles: ['counter'],
    officer: counterOfficers,
  }),
  captureFingerprint: operation({
    summary:
      "One capture at the counter's fingerprint reader: the next finger or slap (or the finger named); the best attempt of each finger is kept.",
    input: captureFingerprintInput,
    output: applicationView,
    roles: ['counter'],
    officer: counterOfficers,
  }),
  fingerprintRequest: operation({
    summary:
      'What a counter with the reader in its own cabinet asks its reader for next: the fingers, the requested score, the timeout, the previous hash.',
    input: captureFingerprintInput,
    output: fingerprintRequestView,
    roles: ['counter'],
    officer: counterOfficers,
  }),
  recordFingerprintCapture: operation({
    summary:
      "What such a counter's reader captured (ISO 19794-4 records, base64): the hub reads each record and continues the hash chain itself.",
    input: fingerprintCaptureInput,
    output: applicationView,
    roles: ['counter'],
    officer: counterOfficers,
  }),
  fingerprintPreview: operation({
    summary:
      "The latest frame of the counter's fingerprint reader's live picture (JPEG, base64), null until the stream has one.",
    input: noInput,
    output: z.object({ jpeg: z.string().nullable(), width: z.number().int(), height: z.number().int() }),
    roles: ['counter'],
    officer: counterOfficers,
    passive: true,
  }),
  recordFingerException: operation({
    summary:
      'A finger that cannot be given: the reason, a note and a photo of the hand (JPEG, base64); a supervisor approves it.',
    input: fingerExceptionInput,
    output: applicationView,
    roles: ['counter'],
    officer: counterOfficers,
  }),
  simulateFingerprint: operation({
    summary:
      "Steers a counter's simulated fingerprint reader (training, tests): the next qualities, delay, busy, an SBI error, unplugged.",
    input: z
      .object({
        stationId: z.uuid(),
        quality: z.number().int().min(0).max(100).optional(),
        delayMs: z.number().int().min(0).max(60_000).optional(),
        busy: z.boolean().optional(),
        errorCode: z.number().int().min(100).max(999).nullable().optional(),
        unplugged: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ simulated: z.literal(true) }),
    roles: ['supervisor'],
    officer: ['supervisor', 'admin'],
  }),
  saveFacePhoto: operation({
    summary:
      'The face photo cropped to 35×45 (JPEG, base64) with the checks it passed; a failed check needs the reason the officer takes it anyway.',
    input: facePhotoInput,
    output: applicationView,
    roles: ['counter'],
    officer: counterOfficers,
  }),
  approveAtCounter: operation({
    summary:
      "A supervisor's approval at the counter with their username and PIN: a refusal or the finger exceptions.",
    input: approvalInput,
    output: applicationView,
    roles: ['counter'],
    officer: counterOfficers,
  }),
  finishInterview: operation({
    summary:
      "Ends the interview: continue with the pickup date (or the officer's date with a reason), postpone or refuse with a reason; the visit completes.",
    input: finishInput,
    output: applicationView,
    roles: ['counter'],
    officer: counterOfficers,
  }),
  printReceipt: operation({
    summary:
      "The receipt (tanda terima) on the counter's thermal printer; a failed print answers with the problem.",
    input: z.object({ applicationId: z.uuid() }).strict(),
    output: receiptPrintView,
    roles: ['counter', 'supervisor'],
    officer: counterOfficers,
  }),
  receiptSlip: operation({
    summary:
      'The receipt a counter with its own printer prints, and which print of it this is; nothing is recorded until the counter says how it went.',
    input: z.object({ applicationId: z.uuid() }).strict(),
    output: z.object({ receipt: receiptView, reprint: z.number().int(), training: z.boolean() }),
    roles: ['counter', 'supervisor'],
    officer: counterOfficers,
  }),
  recordReceiptPrint: operation({
    summary: "How the print of a receipt on a counter's own printer went, recorded and logged.",
    input: z
      .object({
        applicationId: z.uuid(),
        reprint: z.number().int().min(0).max(1000),
        problem: z.enum(printProblems).nullable(),
      })
      .strict(),
    output: receiptPrintView,
    roles: ['counter', 'supervisor'],
    officer: counterOfficers,
  }),
  applicationView: operation({
    summary: 'An application as the counter shows it, by id.',
    input: z.object({ applicationId: z.uuid() }).strict(),
    output: applicationView,
    roles: ['counter', 'supervisor', 'print'],
    officer: ['officer', 'supervisor', 'print_operator', 'admin'],
    passive: true,
  }),
  facePhoto: operation({
    summary:
      "An application's face photo (JPEG, base64), opened with the hub's key: for a supervisor, the counter serving the visit, the print station printing it or the handover; every read is logged.",
    input: z.object({ applicationId: z.uuid() }).strict(),
    output: z.object({ jpeg: z.string(), width: z.number().int(), height: z.number().int() }),
    roles: ['counter', 'supervisor', 'print'],
    officer: ['officer', 'supervisor', 'print_operator', 'admin'],
    passive: true,
  }),
  pickupStatus: operation({
    summary: 'A receipt scanned at the kiosk: the application status and its pickup date (initials only).',
    input: z.object({ text: z.string().max(maxScanLength) }).strict(),
    output: pickupStatusView,
    roles: ['kiosk', 'counter', 'supervisor', 'print'],
  }),
  auditVerify: operation({
    summary:
      "Whether the event log's hash chain is whole, against the hub's anchors: intact with the number of events and the head, or the first broken row (deleted, edited, inserted, reordered, or an anchor it no longer passes through).",
    input: noInput,
    output: auditVerdictView,
    roles: ['supervisor'],
    officer: supervisors,
  }),
  purgeBiometrics: operation({
    summary: 'Purges the biometric images of passports handed over longer ago than the retention days.',
    input: noInput,
    output: z.object({ applications: z.number().int(), images: z.number().int() }),
    roles: ['supervisor'],
    officer: ['supervisor', 'admin'],
  }),
  boardView: operation({
    summary:
      'The now-serving board: latest calls, waiting counts, quota used / total, average wait of the last hour.',
    input: noInput,
    output: boardView,
    roles: ['display', 'supervisor'],
  }),
  floorView: operation({
    summary:
      "The supervisor's floor: counters with state and officer, out-of-order calls per officer, waiting counts.",
    input: noInput,
    output: floorView,
    roles: ['supervisor'],
    officer: ['supervisor', 'admin'],
    passive: true,
  }),
  stationDevices: operation({
    summary:
      "The calling station's devices that the hub drives (ticket printer, scanner) and their state: ready, busy, error or disconnected.",
    input: noInput,
    output: stationDevicesView,
    roles: everyone,
    passive: true,
  }),
  reportDevices: operation({
    summary:
      'A desktop station that drives its own printer and scanner (its hub is on another PC) says how they are.',
    input: z.object({ devices: z.array(reportedDeviceState).max(2) }).strict(),
    output: z.object({ recorded: z.number().int() }),
    roles: everyone,
    passive: true,
  }),
  reportUpdate: operation({
    summary:
      "A station says how its own update goes (the version it runs; available, downloading, downloaded, installed, failed, up to date): the supervisor's Stations panel and `loket updates status` show it.",
    input: z
      .object({
        version: z.string().min(1).max(64),
        state: z.enum(updateStates),
        target: z.string().min(1).max(64).optional(),
        error: z.string().max(500).optional(),
        stagingId: z
          .string()
          .regex(/^[A-Za-z0-9-]{1,64}$/)
          .optional(),
      })
      .strict(),
    output: z.object({ recorded: z.literal(true) }),
    roles: everyone,
    passive: true,
  }),
  ticketSlip: operation({
    summary:
      'The ticket as a station with its own printer prints it, and which print of it this is; a kiosk’s third reprint is refused.',
    input: z.object({ ticketId: z.uuid() }).strict(),
    output: z.object({ ticket: ticketView, reprint: z.number().int(), training: z.boolean() }),
    roles: ['kiosk', 'supervisor'],
  }),
  recordTicketPrint: operation({
    summary: "How a station's own printer printed a ticket: recorded and logged like a print the hub drove.",
    input: z
      .object({
        ticketId: z.uuid(),
        reprint: z.number().int().min(0).max(100),
        problem: z.enum(printProblems).nullable(),
      })
      .strict(),
    output: printResultView,
    roles: ['kiosk', 'supervisor'],
    outbox: true,
  }),
  floorDevices: operation({
    summary: 'Every station whose devices the hub drives, with each device and its state.',
    input: noInput,
    output: floorDevicesView,
    roles: ['supervisor'],
    officer: ['supervisor', 'admin'],
    passive: true,
  }),
  simulateScan: operation({
    summary:
      "Hand a code to a station's simulated scanner (training, tests); it reaches the page like a scan.",
    input: z.object({ stationId: z.uuid(), text: z.string().min(1).max(maxScanLength) }).strict(),
    output: z.object({ scanned: z.boolean() }),
    roles: ['supervisor'],
    officer: ['supervisor', 'admin'],
  }),
  trainingAdvanceClock: operation({
    summary:
      "Moves a training floor's clock forward, to the pickup hours of the first ready passport (`pickup`) or to an ISO instant, so a trainee reaches the pickup call; refused on a real floor and backwards; logged naming the officer.",
    input: z.object({ to: z.union([z.literal('pickup'), z.iso.datetime({ offset: true })]) }).strict(),
    output: z.object({ from: z.string(), to: z.string(), date: z.string().regex(localDatePattern) }),
    roles: ['supervisor'],
    officer: supervisors,
  }),
  officerAccounts: operation({
    summary:
      "Officers' accounts: username, name, role, enabled, last sign-in (never a PIN); whether the officer asking may change them (an admin).",
    input: noInput,
    output: officerAccountsView,
    roles: ['supervisor'],
    officer: supervisors,
    passive: true,
  }),
  addOfficer: operation({
    summary:
      "An admin adds an officer's account with its first PIN, typed by the officer (6–12 digits, or a password of 8–128 characters); logged naming the admin.",
    input: addOfficerInput,
    output: officerAccountView,
    roles: ['supervisor'],
    officer: admins,
  }),
  changeOfficer: operation({
    summary:
      "An admin changes an officer's name or role, or disables or enables the account (disabling and a new role end their sessions); never their own role or account, never the last active admin.",
    input: changeOfficerInput,
    output: officerAccountView,
    roles: ['supervisor'],
    officer: admins,
  }),
  resetOfficerPin: operation({
    summary:
      "An admin resets an officer's PIN: the officer types the new one on the console. Their sessions end, a lockout lifts; the PIN is never answered or logged.",
    input: resetOfficerPinInput,
    output: officerAccountView,
    roles: ['supervisor'],
    officer: admins,
  }),
  simulatePrinter: operation({
    summary:
      "Make a station's simulated printer run out of paper, open its cover, fail or stop answering, or repair it.",
    input: z.object({ stationId: z.uuid(), condition: simulatedPrinterCondition }).strict(),
    output: z.object({
      condition: z.object({
        paper: z.enum(['ok', 'near_end', 'out']),
        coverOpen: z.boolean(),
        offline: z.boolean(),
        error: z.enum(['autocutter', 'unrecoverable', 'auto_recoverable']).nullable(),
        feedButton: z.boolean(),
        answering: z.boolean(),
      }),
      printed: z.number().int(),
    }),
    roles: ['supervisor'],
    officer: ['supervisor', 'admin'],
  }),
  floorStations: operation({
    summary:
      "Every station paired with the floor (active or revoked) and the hub's certificate fingerprint, for the supervisor's Stations panel.",
    input: noInput,
    output: floorStationsView,
    roles: ['supervisor'],
    officer: ['supervisor', 'admin'],
    passive: true,
  }),
  addStation: operation({
    summary:
      'Add a station to the floor and issue its one-time pairing code (its set-up screen trades it for a token).',
    input: z
      .object({
        name: z.string().min(1).max(80),
        mode: z.enum(stationModes),
        /** A counter station's desk number (required for a counter): the board sends citizens to it. */
        counter: z.number().int().min(1).max(30).optional(),
      })
      .strict(),
    output: pairingCodeView,
    roles: ['supervisor'],
    officer: ['supervisor', 'admin'],
  }),
  pairStation: operation({
    summary:
      'A fresh one-time pairing code for an existing station (a new PC, or a hub with a new certificate).',
    input: z.object({ stationId: z.uuid() }).strict(),
    output: pairingCodeView,
    roles: ['supervisor'],
    officer: ['supervisor', 'admin'],
  }),
  setStationCounter: operation({
    summary:
      "Fix a counter station's desk number (not while an officer is signed in there); officers who sign in there serve that desk.",
    input: z.object({ stationId: z.uuid(), counter: z.number().int().min(1).max(30) }).strict(),
    output: z.object({ stationId: z.string(), counter: z.number().int() }),
    roles: ['supervisor'],
    officer: ['supervisor', 'admin'],
  }),
  revokeStation: operation({
    summary: 'Revoke a station: its token and browser sessions stop working and its event stream is cut.',
    input: z.object({ stationId: z.uuid() }).strict(),
    output: z.object({ revoked: z.boolean() }),
    roles: ['supervisor'],
    officer: ['supervisor', 'admin'],
  }),
  calendar: operation({
    summary:
      "A year of the holiday calendar: national holidays and cuti bersama (shipped, and the office's edits; removed days with who and why), the shipped file's state, and the office's own closures.",
    input: z.object({ year: calendarYearInput }).strict(),
    output: calendarYearView,
    roles: everyone,
  }),
  changeCalendar: operation({
    summary:
      "Add a closed day, remove one with a reason, or reload a year's shipped file keeping the office's edits; answers the year.",
    input: z.discriminatedUnion('action', [
      addCalendarDayInput.extend({ action: z.literal('add') }),
      removeCalendarDayInput.extend({ action: z.literal('remove') }),
      z.object({ action: z.literal('reload'), year: calendarYearInput }).strict(),
    ]),
    output: z.object({ calendar: calendarYearView, reload: calendarReloadView.nullable() }),
    roles: ['supervisor'],
    officer: ['supervisor', 'admin'],
  }),
  previewPickupPromise: operation({
    summary:
      'The pickup promise a citizen interviewed on a date would get for an application kind, with each day that moved it.',
    input: z
      .object({
        date: z.string().regex(localDatePattern).refine(isValidLocalDate, 'not a calendar date'),
        kind: z.enum(applicationKinds),
      })
      .strict(),
    output: pickupPromiseSchema,
    roles: ['counter', 'supervisor'],
  }),

  adjudicationList: operation({
    summary:
      'Interviewed applications waiting for the supervisor’s decision, oldest interview first; those sent back say why.',
    input: noInput,
    output: adjudicationListView,
    roles: ['supervisor'],
    officer: supervisors,
  }),
  approveApplication: operation({
    summary:
      'Approves an interviewed application: its print job joins the queue with the promised pickup date.',
    input: decisionInput,
    output: printJobView,
    roles: ['supervisor'],
    officer: supervisors,
  }),
  sendBackApplication: operation({
    summary: 'Sends an interviewed application back with a reason; it stays out of the print queue.',
    input: sendBackInput,
    output: z.object({ applicationId: z.string(), reason: z.string() }),
    roles: ['supervisor'],
    officer: supervisors,
  }),
  printQueue: operation({
    summary:
      "The print queue, earliest promise first, with each job's projected finish at the printer's measured pace and the promises at risk; the station's printer state.",
    input: noInput,
    output: printQueueView,
    roles: ['print', 'supervisor'],
    passive: true,
  }),
  pausePrinter: operation({
    summary: 'Pauses (no job is sent) or resumes the print station’s passport printer.',
    input: z.object({ paused: z.boolean() }).strict(),
    output: z.object({ paused: z.boolean() }),
    roles: ['print'],
    officer: printOperators,
  }),
  scanBooklet: operation({
    summary:
      "The blank booklet scanned for a queued job: in stock for the job's passport type, never used; its serial becomes the passport number.",
    input: jobScanInput,
    output: printJobView,
    roles: ['print'],
    officer: printOperators,
  }),
  printPassport: operation({
    summary:
      'Renders the data page (photo, fields, OCR-B MRZ) and prints it on the scanned booklet; a failure puts the job back in the queue with its reason.',
    input: jobInput,
    output: passportPrintResultView,
    roles: ['print'],
    officer: printOperators,
  }),
  readPrintedPage: operation({
    summary:
      "Lays a printed passport on the print station's simulated document reader (training, tests): the MRZ read off the data page the simulated printer kept reaches the station's page as a scan.",
    input: jobInput,
    output: z.object({ scanned: z.boolean() }),
    roles: ['print'],
    officer: printOperators,
  }),
  checkPrintedPassport: operation({
    summary:
      'The quality check: the printed MRZ as the document reader read it, against the application; a match makes the passport ready, a mismatch spoils the booklet.',
    input: jobScanInput,
    output: qualityCheckView,
    roles: ['print'],
    officer: printOperators,
  }),
  spoilBooklet: operation({
    summary:
      "Records the job's booklet as spoiled with a reason and a supervisor's username and PIN; the job goes back to the queue for a new booklet.",
    input: spoilInput,
    output: printJobView,
    roles: ['print'],
    officer: printOperators,
  }),
  receiveBooklets: operation({
    summary:
      'Records a range of blank booklets received for a passport type; it is stock once a second officer confirms it.',
    input: receiveBookletsInput,
    output: z.object({ rangeId: z.string(), first: z.string(), last: z.string(), count: z.number().int() }),
    roles: ['print', 'supervisor'],
    officer: stockOfficers,
  }),
  confirmBooklets: operation({
    summary:
      'The second officer of the dual control confirms a received range with their username and PIN; never the officer who received it.',
    input: confirmBookletsInput,
    output: z.object({ rangeId: z.string(), first: z.string(), last: z.string(), count: z.number().int() }),
    roles: ['print', 'supervisor'],
    officer: stockOfficers,
  }),
  bookletStock: operation({
    summary:
      'Blank booklet stock: each range with what is used, spoiled and left, and spoils awaiting sign-off.',
    input: noInput,
    output: bookletStockView,
    roles: ['print', 'supervisor'],
    officer: stockOfficers,
  }),
  signOffSpoil: operation({
    summary: 'A supervisor signs off a booklet spoiled by the quality check or a printer error.',
    input: z.object({ serial: z.string().trim().min(1).max(12) }).strict(),
    output: z.object({ serial: z.string(), reason: z.string().nullable() }),
    roles: ['supervisor', 'print'],
    officer: supervisors,
  }),
  bookletReconciliation: operation({
    summary:
      "A day's booklet reconciliation per passport type: opening + received − used − spoiled = closing, with the serials behind every figure.",
    input: z
      .object({ date: z.string().regex(localDatePattern).refine(isValidLocalDate, 'not a calendar date') })
      .strict(),
    output: reconciliationView,
    roles: ['print', 'supervisor'],
    officer: stockOfficers,
  }),
  handoverCase: operation({
    summary:
      'The passport a scanned receipt (or typed application number) stands for, for the handover: name, birth date, state, whether a photo exists.',
    input: z.object({ text: z.string().min(1).max(200) }).strict(),
    output: handoverCaseView,
    roles: ['counter', 'print', 'supervisor'],
    officer: handoverOfficers,
  }),
  recordHandover: operation({
    summary:
      "Hands a ready passport over after the officer checked the applicant's NIK on the KTP: to the applicant, or to a representative with a letter of authority.",
    input: handoverInput,
    output: z.object({
      jobId: z.string(),
      receiver: z.enum(['applicant', 'representative']),
      at: z.string(),
    }),
    roles: ['counter', 'print', 'supervisor'],
    officer: handoverOfficers,
  }),
  takePickupTicket: operation({
    summary:
      'The citizen scans the receipt of a ready passport at the kiosk: a pickup number for the handover counter (the same one if scanned again that day).',
    input: z.object({ text: z.string().min(1).max(200) }).strict(),
    output: z.object({
      number: z.string(),
      applicationNumber: z.string(),
      initials: z.string(),
      repeated: z.boolean(),
    }),
    roles: ['kiosk'],
  }),
  smsProblems: operation({
    summary:
      'The "passport ready" text messages that failed or are waiting for another try, with the last error (numbers masked).',
    input: noInput,
    output: smsProblemsView,
    roles: ['supervisor'],
    officer: supervisors,
  }),
  uncollectedPassports: operation({
    summary: 'Passports ready for more than 30 days and not collected: the list for cancellation.',
    input: noInput,
    output: uncollectedView,
    roles: ['print', 'supervisor'],
    officer: stockOfficers,
  }),
  reportKpi: operation({
    summary:
      'The KPIs of a range of office days from the period rows: arrived, served, no-shows, walk-outs, waits, walk-up and service times (p50/p90/max/mean, with and without outliers), calls inside the window, per day, stage, counter, officer, hour and arrival window.',
    input: kpiReportInput,
    output: kpiReportView,
    roles: ['supervisor'],
    officer: supervisors,
    passive: true,
  }),
  reportOfficers: operation({
    summary:
      "Each officer's busy, idle and break time (by reason), calls, out-of-order calls by reason code and priority claims decided, over a range of office days.",
    input: reportRangeInput,
    output: officersReportView,
    roles: ['supervisor'],
    officer: supervisors,
    passive: true,
  }),
  myFigures: operation({
    summary: "The signed-in officer's own row of the officers' report: no one else's.",
    input: reportRangeInput,
    output: officersReportView,
    roles: ['counter', 'print', 'helpdesk'],
    officer: ['officer', 'print_operator', 'supervisor', 'admin'],
    passive: true,
  }),
  reportIssuance: operation({
    summary:
      "A year's passports issued per month in the study's format (biasa and elektronik, baru and penggantian, JUMLAH), from the floor's print jobs and handovers, with imported months marked.",
    input: issuanceReportInput,
    output: issuanceReportView,
    roles: ['supervisor'],
    officer: supervisors,
    passive: true,
  }),
  importIssuanceHistory: operation({
    summary:
      'Imports, once, the issuance of months the floor did not run from a CSV in the format of the office report; a bad row refuses the whole file with its line.',
    input: importIssuanceInput,
    output: importIssuanceView,
    roles: ['supervisor'],
    officer: supervisors,
  }),
  reportPromises: operation({
    summary:
      'Pickup promises due in a range of days: printed on or before the date, late with the cause (printer backlog, spoils, paused printer, adjudication), collected, uncollected after 30 days.',
    input: reportRangeInput,
    output: promisesReportView,
    roles: ['supervisor'],
    officer: supervisors,
    passive: true,
  }),
  publicFigures: operation({
    summary:
      "Each recent day's average and p90 wait, share called inside the window and passports ready on time: aggregates only, for the board and anyone.",
    input: publicFiguresInput,
    output: publicFiguresView,
    roles: everyone,
    passive: true,
  }),
  exportReport: operation({
    summary: 'A report as a file to download: CSV, XLSX or PDF (with its charts).',
    input: exportReportInput,
    output: exportReportView,
    roles: ['supervisor'],
    officer: supervisors,
    passive: true,
  }),
  startSurvey: operation({
    summary:
      "Opens the satisfaction survey for a visit finished on this floor today, found by the ticket or receipt QR the citizen scans (or the visit just finished at the feedback station's counter): answers a sealed token, never the citizen.",
    input: startSurveyInput,
    output: startSurveyView,
    roles: ['feedback', 'kiosk'],
  }),
  submitSurvey: operation({
    summary:
      "A citizen's answers to the nine elements of the Survei Kepuasan Masyarakat for the visit the token names: stored with the stage, counter, day and hour only; one visit answers once.",
    input: submitSurveyInput,
    output: submitSurveyView,
    roles: ['feedback', 'kiosk'],
  }),
  surveyReport: operation({
    summary:
      'The IKM of a month, quarter, semester or year (PermenPANRB 14/2017): the nine NRR, the index and grade, per stage and counter, the responses against the sample needed, the profile tables, complaints with their follow-up and refused bursts.',
    input: surveyReportInput,
    output: surveyReportView,
    roles: ['supervisor'],
    officer: supervisors,
    passive: true,
  }),
  mySurveyFigures: operation({
    summary:
      "The IKM of the signed-in officer's counter over a period's days that are over (never today's), as aggregates: no single answer and no complaint.",
    input: surveyReportInput,
    output: surveyReportView,
    roles: ['counter'],
    officer: counterOfficers,
    passive: true,
  }),
  answerSurveyComplaint: operation({
    summary:
      "The supervisor's follow-up to a complaint or suggestion from the survey, logged with the officer.",
    input: answerComplaintInput,
    output: answerComplaintView,
    roles: ['supervisor'],
    officer: supervisors,
  }),
  exportSurvey: operation({
    summary: "The period's IKM in the layout offices publish, as PDF or XLSX.",
    input: exportSurveyInput,
    output: exportReportView,
    roles: ['supervisor'],
    officer: supervisors,
    passive: true,
  }),
  simulationChoices: operation({
    summary:
      "What the Simulator's form starts from: the next working day, the officers per stage the floor configuration has, the Denpasar demand per window and lane, the policies with their names, the seeds' default and bound.",
    input: noInput,
    output: simulationChoicesView,
    roles: ['supervisor'],
    officer: supervisors,
    passive: true,
  }),
  startSimulation: operation({
    summary:
      "Starts a simulated day on the hub (worker threads, beside the floor): the policies side by side over 1–200 seeds, from the office's configuration, calendar and bookings, read only; one run per officer (a new start stops the officer's earlier one). Answers the run to poll.",
    input: startSimulationInput,
    output: simulationRunView,
    roles: ['supervisor'],
    officer: supervisors,
    passive: true,
  }),
  simulationRun: operation({
    summary:
      "The officer's run as it stands: seeds done of the total, then the summary per policy (or why it stopped). A finished run is dropped 10 minutes after it ends.",
    input: simulationRunInput,
    output: simulationRunView,
    roles: ['supervisor'],
    officer: supervisors,
    passive: true,
  }),
  cancelSimulation: operation({
    summary: "Stops the officer's running simulation between two seeds.",
    input: simulationRunInput,
    output: simulationRunView,
    roles: ['supervisor'],
    officer: supervisors,
    passive: true,
  }),
  startQuotaPlan: operation({
    summary:
      "Starts the quota planner on the hub (worker threads, beside the floor): the largest quota per window that meets a target (p90 wait, share called inside the window, every pickup promise, overtime) over 2–200 seeds, from the office's configuration and calendar, read only; one run per officer, whichever kind. Answers the run to poll.",
    input: startQuotaPlanInput,
    output: quotaPlanRunView,
    roles: ['supervisor'],
    officer: supervisors,
    passive: true,
  }),
  quotaPlanRun: operation({
    summary:
      "The officer's quota plan as it stands: candidates judged so far, then the plan (the lanes now and planned, the figures, the binding constraint, whether it meets the target). Dropped 10 minutes after it ends.",
    input: simulationRunInput,
    output: quotaPlanRunView,
    roles: ['supervisor'],
    officer: supervisors,
    passive: true,
  }),
  cancelQuotaPlan: operation({
    summary: "Stops the officer's running quota plan between two seeds.",
    input: simulationRunInput,
    output: quotaPlanRunView,
    roles: ['supervisor'],
    officer: supervisors,
    passive: true,
  }),
  applyQuota: operation({
    summary:
      "Apply a quota plan: each named lane's quota per window (whole numbers 0–10,000, each lane once), validated with the whole office configuration and audited (office.updated naming the officer); answers each lane before and after.",
    input: applyQuotaInput,
    output: appliedQuotaView,
    roles: ['supervisor'],
    officer: supervisors,
  }),
} as const satisfies Record<string, OperationSpec>;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export type InputOf<N extends OperationName> = z.infer<Contract[N]['input']>;
export type OutputOf<N extends OperationName> = z.infer<Contract[N]['output']>;

export const operationNames = Object.keys(contract) as OperationName[];

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(contract, name);
}
