import { z } from 'zod';
import { appointmentSchema, type KioskBooking } from './appointment.ts';
import { bilingualSchema } from './errors.ts';
import { officeConfigSchema } from './office.ts';
import { stationModes, type StationMode, type UserRole } from './roles.ts';
import { breakReasons } from './states.ts';
import { ticketRecordSchema } from './ticket.ts';
import { surveyElements } from './survey/elements.ts';
import { updateStates } from './updates.ts';

/**
 * The events catalogue: every event the floor's log may hold, declared once with its payload, its
 * audience and its meaning, beside the operations contract. `EventLog.emit` validates a payload
 * against it before the row is written; the hub streams an event only to the stations its audience
 * names; docs/api.md lists them (kept in step by a test).
 *
 * Audiences are allow-lists (UU 27/2022): kiosks and boards stand in the hall, so nothing that
 * names a citizen or an officer reaches them; counters see how many wait, not who (DESIGN §3).
 */
export interface Audience {
  /** Station modes that receive the event as logged. */
  readonly modes: readonly StationMode[];
  /**
   * On a counter, print or supervisor station: only while an officer of one of these roles is
   * signed in there. Absent: whoever is (or is not) signed in.
   */
  readonly roles?: readonly UserRole[];
  /** The station the event is about (its `station`) receives it too: its own devices. */
  readonly ownStation?: true;
  /**
   * A desktop kiosk's replica (the one that checks in while the hub is out of reach) receives this
   * event: as logged (`full`), or (`booking`) reduced to `kioskBookingSchema`: booking code, a keyed
   * hash of the NIK, window, lane and initials. A kiosk in a browser keeps no replica and receives
   * neither.
   */
  readonly kioskReplica?: 'full' | 'booking';
}

export interface EventSpec<P extends z.ZodType = z.ZodType> {
  /** One line: what happened. */
  meaning: string;
  payload: P;
  audience: Audience;
}

const spec = <P extends z.ZodType>(s: EventSpec<P>) => s;

const id = z.string().min(1).max(100);
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const text = (max = 500) => z.string().max(max);
const counterNumber = z.number().int().min(1);

/** Every mode: the office's configuration and nothing personal. */
const everyone: Audience = { modes: ['kiosk', 'counter', 'print', 'display', 'supervisor'] };
const supervisorsOnly: Audience = { modes: ['supervisor'], roles: ['supervisor', 'admin'] };
/** Queue movements: numbers and counters only, which the board shows and speaks anyway. */
const queueMoves: Audience = { modes: ['counter', 'display', 'supervisor'] };
const printing: Audience = { modes: ['print', 'supervisor'] };
/** A passport's way to the citizen's hand: the board lists ready numbers, counters hand over. */
const passportFlow: Audience = { modes: ['print', 'supervisor', 'display', 'counter'] };
const devices: Audience = { modes: ['supervisor'], ownStation: true };

const stationRef = z.object({
  id,
  name: text(100),
  mode: z.enum(stationModes),
});
const deviceAddress = z.looseObject({ transport: z.string().max(40) });
const applicationRef = { applicationId: id, number: text(40) };
const jobRef = { ...applicationRef, jobId: id };
const queueMove = {
  entryId: z.union([z.number().int(), id]),
  ticketId: id,
  number: text(20),
  stage: text(40),
  counter: counterNumber,
};
/** A priority claim decided at a counter: no citizen's name, only the ticket and who decided. */
const priorityDecision = {
  ...queueMove,
  claimedLane: z.enum(['lansia', 'disabilitas', 'hamil', 'balita']),
  /** The kiosk the claim was made at; null for a check-in no kiosk made. */
  kiosk: id.nullable(),
  officer: id,
  late: z.boolean(),
};
const officerRef = z.object({
  id,
  name: text(100),
  role: z.enum(['officer', 'supervisor', 'print_operator', 'admin']),
});
const bookletRange = {
  rangeId: id,
  passportType: text(20),
  first: text(20),
  last: text(20),
  count: z.number().int().min(1),
};

export const events = {
  // — Check-in and tickets
  'ticket.issued': spec({
    meaning:
      'A citizen checked in and holds a queue ticket (at a kiosk, or from its leased numbers while apart).',
    payload: z.object({
      ticket: ticketRecordSchema,
      /** A priority lane chosen at the kiosk, on the citizen's word; staff verify it. */
      priorityClaimed: z.enum(['lansia', 'disabilitas', 'hamil', 'balita']).optional(),
    }),
    audience: { modes: ['counter', 'display', 'supervisor'], kioskReplica: 'full' },
  }),
  'ticket.voided': spec({
    meaning:
      'A ticket no longer counts (two kiosks apart checked the same booking in; the later one is voided).',
    payload: z.object({ ticketId: id, number: text(20), reason: z.enum(['offline_conflict']) }),
    audience: { modes: ['counter', 'display', 'supervisor'], kioskReplica: 'full' },
  }),
  'ticket.renumbered': spec({
    meaning: "An offline ticket's printed number was taken by the hub under another number.",
    payload: z.object({ ticketId: id, from: text(20), number: text(20), lane: text(20) }),
    audience: { modes: ['counter', 'display', 'supervisor'], kioskReplica: 'full' },
  }),
  'ticket.conflict': spec({
    meaning:
      'Two kiosks apart issued tickets for one booking: one kept, one voided, for the supervisor to see.',
    payload: z.object({
      id,
      officeDate: localDate,
      bookingCode: text(40),
      keptTicketId: id,
      voidedTicketId: id,
      foundAt: z.number().int(),
    }),
    audience: { modes: ['supervisor'] },
  }),
  'ticket.verified': spec({
    meaning: 'An unverified ticket found its booking in the list imported since.',
    payload: z.object({ ticketId: id, number: text(20), bookingCode: text(40) }),
    audience: { modes: ['counter', 'supervisor'] },
  }),
  'ticket.printed': spec({
    meaning: "A ticket came out of the kiosk's printer (or a reprint did).",
    payload: z.object({
      ticketId: id,
      number: text(20),
      reprint: z.number().int().min(0),
      problem: z.null(),
    }),
    audience: { modes: ['supervisor'], ownStation: true },
  }),
  'ticket.printFailed': spec({
    meaning: 'A ticket could not be printed; the kiosk shows the number on screen.',
    payload: z.object({
      ticketId: id,
      number: text(20),
      reprint: z.number().int().min(0),
      problem: text(100),
    }),
    audience: { modes: ['supervisor'], ownStation: true },
  }),
  'ticket.reprintApproved': spec({
    meaning:
      'A supervisor approved a reprint past the limit at the help desk with their username and PIN (the officer at the desk is the actor).',
    payload: z.object({
      ticketId: id,
      number: text(20),
      reprint: z.number().int().min(0),
      officerId: id,
      supervisorId: id,
    }),
    audience: { modes: ['supervisor'], ownStation: true },
  }),

  // — The help desk
  'helpdesk.checkedIn': spec({
    meaning:
      "An officer at the help desk checked a citizen in on their behalf, by the kiosk's rules (the ticket's own `ticket.issued` names the officer too).",
    payload: z.object({
      ticketId: id,
      number: text(20),
      bookingCode: text(40),
      officerId: id,
      unverified: z.boolean(),
    }),
    audience: { modes: ['supervisor'], roles: ['supervisor', 'admin'], ownStation: true },
  }),
  'helpdesk.searched': spec({
    meaning:
      'An officer at the help desk looked citizens up (by booking code, NIK or name): who looked, how, and the bookings shown — never the NIK or name typed.',
    payload: z.object({
      officerId: id,
      kind: z.enum(['code', 'nik', 'name']),
      bookingCodes: z.array(text(40)).max(20),
    }),
    audience: supervisorsOnly,
  }),

  // — The queue at the counters
  'ticket.called': spec({
    meaning: 'A counter called a ticket (next in order, or a specific one with a reason code).',
    payload: z.object({
      ...queueMove,
      kind: z.enum(['next', 'specific']),
      reason: text(100).optional(),
    }),
    audience: queueMoves,
  }),
  'ticket.recalled': spec({
    meaning: 'A counter called its ticket again.',
    payload: z.object({ ...queueMove, kind: z.literal('recall') }),
    audience: queueMoves,
  }),
  'ticket.serving': spec({
    meaning: 'The citizen reached the counter; service began.',
    payload: z.object(queueMove),
    audience: queueMoves,
  }),
  'ticket.completed': spec({
    meaning: "The counter finished the visit's stage.",
    payload: z.object(queueMove),
    audience: queueMoves,
  }),
  'ticket.noShow': spec({
    meaning: 'A called citizen did not come to the counter.',
    payload: z.object(queueMove),
    audience: queueMoves,
  }),
  'ticket.held': spec({
    meaning: 'A counter put its ticket on hold (it keeps its place).',
    payload: z.object(queueMove),
    audience: queueMoves,
  }),
  'ticket.released': spec({
    meaning: 'A held ticket went back to the queue at its place.',
    payload: z.object(queueMove),
    audience: queueMoves,
  }),
  'ticket.transferred': spec({
    meaning: 'A ticket moved to another stage or counter, keeping its place.',
    payload: z.object({ ...queueMove, toStage: text(40), toCounter: counterNumber.nullable() }),
    audience: queueMoves,
  }),
  'ticket.cancelled': spec({
    meaning:
      'A pickup number left the queue uncalled: its passport was handed over at another desk, or a new day’s number replaced it.',
    payload: z.object({
      entryId: queueMove.entryId,
      ticketId: id,
      number: text(20),
      stage: text(40),
      reason: z.enum(['handed_over', 'new_number']),
    }),
    audience: queueMoves,
  }),
  'counter.state': spec({
    meaning: 'A counter became available, serving, on a break (with its reason) or closed.',
    payload: z.object({
      counter: counterNumber,
      state: text(20),
      reason: z.enum(breakReasons).optional(),
    }),
    audience: { modes: ['counter', 'display', 'supervisor'] },
  }),
  'ticket.priorityConfirmed': spec({
    meaning:
      'An officer confirmed the priority a citizen claimed at the kiosk (the officer, the kiosk and the counter named).',
    payload: z.object({ ...priorityDecision }),
    audience: { modes: ['counter', 'supervisor'] },
  }),
  'ticket.priorityRefused': spec({
    meaning:
      'An officer refused the priority a citizen claimed at the kiosk, with a reason; the ticket waits in the regular lane at its original place.',
    payload: z.object({ ...priorityDecision, reason: text(200), requeued: z.boolean() }),
    audience: { modes: ['counter', 'display', 'supervisor'] },
  }),

  // — Bookings and the appointment list
  'booking.imported': spec({
    meaning: 'A booking arrived from the appointment list or feed.',
    payload: z.object({ booking: appointmentSchema }),
    audience: { ...supervisorsOnly, kioskReplica: 'booking' },
  }),
  'booking.updated': spec({
    meaning: 'A booking already known was imported again with changes (or a placeholder was verified).',
    payload: z.object({ booking: appointmentSchema }),
    audience: { ...supervisorsOnly, kioskReplica: 'booking' },
  }),
  'booking.feedConfigured': spec({
    meaning: 'The supervisor pointed the floor at an appointment feed.',
    payload: z.object({
      host: text(300),
      intervalMinutes: z.number().int(),
      timeoutSeconds: z.number().int(),
      token: z.boolean(),
    }),
    audience: { modes: ['supervisor'] },
  }),
  'booking.feedTurnedOff': spec({
    meaning: 'The appointment feed was turned off.',
    payload: z.object({ host: text(300).nullable() }),
    audience: { modes: ['supervisor'] },
  }),
  'booking.feedSynced': spec({
    meaning: 'A pull of the appointment feed was imported.',
    payload: z
      .object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() })
      .loose(),
    audience: { modes: ['supervisor'] },
  }),
  'booking.feedFailed': spec({
    meaning: 'A pull of the appointment feed failed; unknown codes may get unverified tickets.',
    payload: z.object({ code: text(60), message: bilingualSchema }),
    audience: { modes: ['supervisor'] },
  }),

  // — The office, its calendar and its stations
  'office.updated': spec({
    meaning: "The office's configuration changed (hours, windows, quotas, the floor).",
    payload: z.object({ changes: z.array(text(200)), config: officeConfigSchema }),
    audience: everyone,
  }),
  'calendar.dayAdded': spec({
    meaning: 'A holiday, cuti bersama or office closure was added to the calendar.',
    payload: z.object({
      date: localDate,
      kind: text(40),
      name: bilingualSchema,
      reason: text(500).nullable(),
    }),
    audience: { modes: ['supervisor'] },
  }),
  'calendar.dayRemoved': spec({
    meaning: 'A closed day was removed from the calendar (the office works that day).',
    payload: z.object({
      date: localDate,
      kind: text(40),
      name: bilingualSchema,
      origin: text(40),
      reason: text(500),
    }),
    audience: { modes: ['supervisor'] },
  }),
  'calendar.loaded': spec({
    meaning: "A year's shipped calendar was loaded, keeping the office's edits.",
    payload: z.object({
      year: z.number().int(),
      added: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      dropped: z.number().int(),
      keptEdits: z.array(localDate),
      source: text(2000),
      provisional: z.boolean(),
    }),
    audience: { modes: ['supervisor'] },
  }),
  'station.paired': spec({
    meaning: 'A station was added to the floor.',
    payload: z.object({ station: stationRef }),
    audience: { modes: ['supervisor'] },
  }),
  'station.counterSet': spec({
    meaning:
      "A counter station's desk number was fixed by the hub (officers signing in there serve that desk).",
    payload: z.object({ station: stationRef, counter: counterNumber }),
    audience: { modes: ['supervisor'] },
  }),
  'station.pairingIssued': spec({
    meaning: 'A pairing code was issued for a station to join.',
    payload: z.object({ station: stationRef, expiresAt: z.number().int() }),
    audience: { modes: ['supervisor'] },
  }),
  'station.joined': spec({
    meaning: 'A station joined the floor with its pairing code.',
    payload: z.object({ station: stationRef }),
    audience: { modes: ['supervisor'] },
  }),
  'station.signedIn': spec({
    meaning: "A browser opened a station's session with its token.",
    payload: z.object({ station: stationRef, via: z.literal('browser') }),
    audience: { modes: ['supervisor'] },
  }),
  'station.revoked': spec({
    meaning: "A station's token was revoked; its open stream is cut.",
    payload: z.object({ id }),
    audience: { modes: ['supervisor'] },
  }),
  'station.printerSet': spec({
    meaning: "A station's ticket printer was configured.",
    payload: z.object({ id, printer: deviceAddress.nullable() }),
    audience: { modes: ['supervisor'] },
  }),
  'station.scannerSet': spec({
    meaning: "A station's scanner was configured.",
    payload: z.object({ id, scanner: deviceAddress.nullable() }),
    audience: { modes: ['supervisor'] },
  }),
  'station.fingerprintReaderSet': spec({
    meaning: "An interview counter's fingerprint reader was configured.",
    payload: z.object({ id, fingerprintReader: deviceAddress.nullable() }),
    audience: { modes: ['supervisor'] },
  }),
  'station.passportPrinterSet': spec({
    meaning: "The print station's passport printer was configured.",
    payload: z.object({ id, passportPrinter: text(500).nullable() }),
    audience: { modes: ['supervisor'] },
  }),
  // — Updates from the office's own hub (docs/updates.md)
  'update.published': spec({
    meaning:
      'A release was published on an update channel (every file checked against its sha512), staged to a share of the stations.',
    payload: z.object({
      channel: text(40),
      version: text(64),
      platforms: z.array(z.enum(['linux', 'windows'])),
      files: z.array(z.object({ name: text(200), size: z.number().int(), sha512: text(100).nullable() })),
      stagingPercent: z.number().int().min(0).max(100),
      rollback: z.boolean(),
    }),
    audience: supervisorsOnly,
  }),
  'update.staged': spec({
    meaning: "An update channel's staged version goes to another share of the stations.",
    payload: z.object({
      channel: text(40),
      version: text(64),
      from: z.number().int().min(0).max(100),
      to: z.number().int().min(0).max(100),
    }),
    audience: supervisorsOnly,
  }),
  'update.paused': spec({
    meaning: 'An update channel was paused: no station is offered its staged version.',
    payload: z.object({ channel: text(40), version: text(64) }),
    audience: supervisorsOnly,
  }),
  'update.resumed': spec({
    meaning: 'A paused update channel offers its staged version again.',
    payload: z.object({ channel: text(40), version: text(64) }),
    audience: supervisorsOnly,
  }),
  'update.pilotAdded': spec({
    meaning: 'A station was named a pilot of an update channel: it gets a staged version first.',
    payload: z.object({ channel: text(40), station: stationRef }),
    audience: supervisorsOnly,
  }),
  'update.pilotRemoved': spec({
    meaning: 'A station is no longer a pilot of an update channel.',
    payload: z.object({ channel: text(40), station: stationRef }),
    audience: supervisorsOnly,
  }),
  'update.rolledBack': spec({
    meaning:
      'An update channel offers an older published version to every station, marked as a rollback so they accept the downgrade.',
    payload: z.object({ channel: text(40), version: text(64), from: text(64) }),
    audience: supervisorsOnly,
  }),
  'update.reported': spec({
    meaning:
      'A station said how its update went (available, downloading, downloaded, installed, failed, up to date).',
    payload: z.object({
      /** The version the station runs, and the one it found, downloads or failed on. */
      version: text(64).nullable(),
      target: text(64).nullable(),
      state: z.enum(updateStates),
      error: text(500).nullable(),
    }),
    audience: supervisorsOnly,
  }),
  'device.state': spec({
    meaning: "A station's device changed state (ready, busy, error, disconnected).",
    payload: z.object({
      slot: text(40),
      transport: text(40),
      address: text(500),
      state: text(40),
      problem: bilingualSchema.nullable(),
      warning: bilingualSchema.nullable(),
      since: z.number(),
    }),
    audience: devices,
  }),
  'device.simulatedScan': spec({
    meaning:
      "A scan handed to a station's simulated scanner (training): typed by the supervisor, or a printed data page laid on the print station's simulated document reader.",
    payload: z.object({ scanned: z.boolean(), length: z.number().int() }),
    audience: devices,
  }),
  'device.simulatedPrinter': spec({
    meaning: "The supervisor changed a station's simulated printer (out of paper, cover open…).",
    payload: z.object({
      condition: z
        .object({
          paper: z.enum(['ok', 'near_end', 'out']),
          coverOpen: z.boolean(),
          offline: z.boolean(),
          error: text(40).nullable(),
          feedButton: z.boolean(),
        })
        .partial(),
    }),
    audience: devices,
  }),
  'training.floorSetUp': spec({
    meaning: 'A training floor was seeded with its sample day, stations and officers.',
    payload: z.object({ date: localDate, bookings: z.number().int(), stations: z.number().int() }),
    audience: { modes: ['supervisor'] },
  }),
  'training.clockAdvanced': spec({
    meaning:
      "A supervisor moved a training floor's clock forward (to a ready passport's pickup hours, or to a time they named): from and to in office time, and who moved it. Never on a real floor.",
    payload: z.object({
      from: text(40),
      to: text(40),
      target: z.enum(['pickup', 'instant']),
      officer: officerRef.nullable(),
    }),
    audience: supervisorsOnly,
  }),
  'command.refused': spec({
    meaning: 'A command a station sent from its outbox was refused by the hub; the supervisor sees it.',
    payload: z.object({ commandId: id, operation: text(60), code: text(60), message: bilingualSchema }),
    audience: { modes: ['supervisor'] },
  }),
  'command.stuck': spec({
    meaning:
      "A station's outbox has been failing on the same command for minutes (the hub answers it with an error); the supervisor sees the station, the command and the hub's answer.",
    payload: z.object({
      commandId: id,
      operation: text(60),
      since: z.number().int(),
      attempts: z.number().int().min(1),
      status: z.number().int(),
      code: text(60),
      message: bilingualSchema,
    }),
    audience: { modes: ['supervisor'] },
  }),

  // — Officers
  'user.added': spec({
    meaning: "An officer's account was added.",
    payload: z.object({
      user: z.object({ id, username: text(60), name: text(100), role: officerRef.shape.role }),
      /** The admin who added it on the supervisor console; null from the command line. */
      by: officerRef.nullable().optional(),
    }),
    audience: supervisorsOnly,
  }),
  'user.changed': spec({
    meaning: "An officer's name, role or PIN changed, or the account was disabled or enabled.",
    payload: z.object({
      user: z.object({ id, username: text(60), name: text(100), role: officerRef.shape.role }),
      disabled: z.boolean(),
      /** A new PIN was set (never the PIN or its hash). */
      pinChanged: z.boolean(),
      previousRole: officerRef.shape.role.optional(),
      /** The admin who changed it on the supervisor console; null from the command line. */
      by: officerRef.nullable().optional(),
    }),
    audience: supervisorsOnly,
  }),
  'officer.signedIn': spec({
    meaning: 'An officer signed in at a station (a counter names its desk).',
    payload: z.object({ officer: officerRef, counter: counterNumber.nullable() }),
    audience: { modes: ['counter', 'supervisor'] },
  }),
  'officer.signedOut': spec({
    meaning: 'An officer signed out; a counter closed.',
    payload: z.object({ officer: z.object({ id }), counter: counterNumber.nullable() }),
    audience: { modes: ['counter', 'supervisor'] },
  }),

  // — The interview
  'application.opened': spec({
    meaning: 'An interview counter opened the application of the visit it serves.',
    payload: z.object({ ...applicationRef, ticketId: id, counter: counterNumber.nullable() }),
    audience: { modes: ['supervisor'] },
  }),
  'application.interviewed': spec({
    meaning: 'The interview checklist was recorded (documents seen, NIK warnings).',
    payload: z.object({ ...applicationRef, documentsSeen: z.array(text(60)), warnings: z.array(text(60)) }),
    audience: { modes: ['supervisor'] },
  }),
  'application.oldPassportChecked': spec({
    meaning: 'The old passport was read and compared with the booking.',
    payload: z.object({ ...applicationRef, warnings: z.array(text(60)) }),
    audience: { modes: ['supervisor'] },
  }),
  'fingerprint.captured': spec({
    meaning: 'Fingerprints were captured at the counter (qualities only; images stay sealed).',
    payload: z.object({
      ...applicationRef,
      fingers: z.array(z.object({ finger: text(40), quality: z.number() })),
      failed: z.array(text(40)).or(z.number().int()).or(z.array(z.unknown())),
      requestedScore: z.number(),
    }),
    audience: { modes: ['supervisor'] },
  }),
  'fingerprint.exception': spec({
    meaning: 'A missing or damaged finger was recorded with its reason.',
    payload: z.object({ ...applicationRef, finger: text(40), reason: text(200) }),
    audience: { modes: ['supervisor'] },
  }),
  'fingerprint.simulated': spec({
    meaning: "The supervisor set what a counter's simulated fingerprint reader answers (training).",
    payload: z.record(z.string(), z.unknown()),
    audience: { modes: ['supervisor'] },
  }),
  'application.facePhoto': spec({
    meaning: "The face photo was taken (with the checks it failed and the officer's reason, if any).",
    payload: z.object({
      ...applicationRef,
      imageId: id,
      failed: z.array(text(60)),
      override: text(500).optional(),
    }),
    audience: { modes: ['supervisor'] },
  }),
  'application.approved': spec({
    meaning:
      'A supervisor approved, at the counter, what needs a second officer (a finger exception, a refusal).',
    payload: z.object({ ...applicationRef, subject: text(60), supervisorId: id }),
    audience: { modes: ['supervisor'] },
  }),
  'application.finished': spec({
    meaning: 'The interview ended: continue with a pickup date, postponed or refused.',
    payload: z.object({
      ...applicationRef,
      outcome: text(40),
      pickupDate: localDate.nullable(),
      pickupOverride: z
        .object({ computed: localDate.nullable(), date: localDate, reason: text(500) })
        .optional(),
      reason: text(500).optional(),
    }),
    audience: { modes: ['supervisor'] },
  }),
  'receipt.printed': spec({
    meaning: "The application's receipt came out of the counter's printer.",
    payload: z.object({ ...applicationRef, reprint: z.number().int().min(0), problem: z.null() }),
    audience: { modes: ['supervisor'], ownStation: true },
  }),
  'receipt.printFailed': spec({
    meaning: 'The receipt could not be printed.',
    payload: z.object({ ...applicationRef, reprint: z.number().int().min(0), problem: text(100) }),
    audience: { modes: ['supervisor'], ownStation: true },
  }),
  'biometrics.read': spec({
    meaning: "An officer opened an application's face photo, fingerprint image or exception photo.",
    payload: z.object({
      ...applicationRef,
      kind: z.enum(['face', 'fingerprint', 'exceptionPhoto']),
      finger: text(40).optional(),
    }),
    audience: supervisorsOnly,
  }),
  'biometrics.purged': spec({
    meaning: "An application's biometric images were purged after the retention period.",
    payload: z.object({
      applicationId: id,
      number: text(40).nullable(),
      images: z.number().int(),
      retentionDays: z.number().int(),
    }),
    audience: { modes: ['supervisor'] },
  }),

  // — The print station
  'application.adjudicated': spec({
    meaning: 'A supervisor approved an interviewed application for print, or sent it back with a reason.',
    payload: z.object({
      ...applicationRef,
      decision: z.enum(['approved', 'sent_back']),
      jobId: id.optional(),
      promisedDate: localDate.optional(),
    }),
    audience: printing,
  }),
  'printer.paused': spec({
    meaning: 'The print operator paused the passport printer.',
    payload: z.object({}),
    audience: printing,
  }),
  'printer.resumed': spec({
    meaning: 'The print operator resumed the passport printer.',
    payload: z.object({}),
    audience: printing,
  }),
  'booklets.received': spec({
    meaning: 'A range of blank booklets was received (stock once a second officer confirms it).',
    payload: z.object(bookletRange),
    audience: printing,
  }),
  'booklets.confirmed': spec({
    meaning: 'A second officer confirmed a received range of booklets: it is stock.',
    payload: z.object({ ...bookletRange, confirmedBy: id }),
    audience: printing,
  }),
  'booklet.scanned': spec({
    meaning: 'A blank booklet was scanned for a print job and held for it.',
    payload: z.object({ ...jobRef, rangeId: id, serial: text(20) }),
    audience: printing,
  }),
  'booklet.spoiled': spec({
    meaning: 'A booklet was spoiled, with the supervisor who signed it off.',
    payload: z.object({ ...jobRef, serial: text(20), signedOffBy: id }),
    audience: printing,
  }),
  'booklet.signedOff': spec({
    meaning: 'A supervisor signed off a booklet spoiled by the quality check or a printer error.',
    payload: z.object({ serial: text(20) }),
    audience: printing,
  }),
  'passport.printing': spec({
    meaning: 'A data page went to the passport printer.',
    payload: z.object({ ...jobRef, serial: text(20).nullable() }),
    audience: printing,
  }),
  'passport.printed': spec({
    meaning:
      'The printer printed the data page; the quality check follows (with the passport type and application kind the issuance table counts it under).',
    payload: z.object({
      ...jobRef,
      serial: text(20),
      passportType: text(20).optional(),
      applicationKind: text(40).optional(),
    }),
    audience: printing,
  }),
  'passport.printFailed': spec({
    meaning: "A print failed with the printer's reason; the job is back in the queue.",
    payload: z.object({ ...jobRef, serial: text(20), reason: text(500), bookletSpoiled: z.boolean() }),
    audience: printing,
  }),
  'passport.printInterrupted': spec({
    meaning: 'A print the hub stopped in the middle of went back to the queue at start.',
    payload: z.object({ jobId: id, serial: text(20).nullable() }),
    audience: printing,
  }),
  'passport.qcFailed': spec({
    meaning: 'The printed MRZ did not match the application: the booklet is spoiled, the job requeued.',
    payload: z.object({ ...jobRef, serial: text(20).nullable(), fields: z.array(text(60)) }),
    audience: printing,
  }),
  'passport.ready': spec({
    meaning: 'A passport passed its quality check and is ready for pickup (the board lists its number).',
    payload: z.object({ ...jobRef, serial: text(20).nullable(), promisedDate: localDate }),
    audience: passportFlow,
  }),
  'passport.pickupTicket': spec({
    meaning: 'A citizen took a pickup number with the receipt of a ready passport.',
    payload: z.object({ ...applicationRef, pickupNumber: text(20) }),
    audience: passportFlow,
  }),
  'passport.collected': spec({
    meaning: 'A passport was handed over (to the applicant, or a representative with a letter).',
    payload: z.object({ ...jobRef, receiver: z.enum(['applicant', 'representative']) }),
    audience: passportFlow,
  }),
  'sms.sent': spec({
    meaning: 'The "passport ready" SMS was sent (the number masked).',
    payload: z.object({
      id,
      jobId: id.nullable(),
      phone: text(40),
      attempts: z.number().int(),
      reference: text(100).nullable(),
    }),
    audience: supervisorsOnly,
  }),
  'sms.failed': spec({
    meaning: 'The "passport ready" SMS failed (it is retried, or given up).',
    payload: z.object({
      id,
      jobId: id.nullable(),
      phone: text(40),
      attempts: z.number().int(),
      error: text(500).nullable(),
    }),
    audience: supervisorsOnly,
  }),

  // — Reports
  'issuance.imported': spec({
    meaning:
      "Months the floor did not run were imported once from the office's issuance report (by the event's actor).",
    payload: z.object({
      months: z
        .array(
          z.object({
            year: z.number().int(),
            month: z.number().int().min(1).max(12),
            total: z.number().int().min(0),
            // The month's columns as the office reported them (events before issue 25 carry the total only).
            biasaBaru: z.number().int().min(0).optional(),
            biasaPenggantian: z.number().int().min(0).optional(),
            elektronikBaru: z.number().int().min(0).optional(),
            elektronikPenggantian: z.number().int().min(0).optional(),
          }),
        )
        .min(1)
        .max(1200),
      total: z.number().int().min(0),
    }),
    audience: supervisorsOnly,
  }),
  // — The national view (issue 25)
  'central.linked': spec({
    meaning:
      "The hub was linked to the central store: the address it sends to and the office it sends as (never the office's key).",
    payload: z.object({ url: text(300), office: text(10), relinked: z.boolean() }),
    audience: supervisorsOnly,
  }),
  // — The satisfaction survey (issue 22): aggregates and officers only; never the ticket or the words
  'survey.answered': spec({
    meaning:
      "A citizen answered the satisfaction survey about a visit: where and when, which elements, whether they wrote a comment (never the comment's words, nor the visit).",
    payload: z.object({
      stage: text(40),
      counter: counterNumber.nullable(),
      officeDate: localDate,
      hour: z.number().int().min(0).max(23),
      elements: z.array(z.enum(surveyElements)).min(1).max(9),
      /** The answer (1–4) to each element answered: anonymous, and what the central IKM adds up. */
      scores: z.partialRecord(z.enum(surveyElements), z.number().int().min(1).max(4)).optional(),
      hasComment: z.boolean(),
    }),
    audience: supervisorsOnly,
  }),
  'survey.complaintAnswered': spec({
    meaning: "A supervisor wrote a follow-up note to a survey's complaint or suggestion (the event's actor).",
    payload: z.object({
      complaintId: z.number().int().min(1),
      officer: id,
      followUps: z.number().int().min(1),
    }),
    audience: supervisorsOnly,
  }),
  'survey.burstRefused': spec({
    meaning:
      'A station scanned too many codes that named no visit just finished: its survey is refused until the time given.',
    payload: z.object({
      station: stationRef,
      refused: z.number().int().min(1),
      blockedUntil: z.number().int(),
    }),
    audience: supervisorsOnly,
  }),
} satisfies Record<string, EventSpec>;

export type EventCatalogue = typeof events;
export type EventType = keyof EventCatalogue;
export const eventTypes = Object.keys(events) as EventType[];

export type EventPayload<T extends EventType> = z.infer<EventCatalogue[T]['payload']>;

/** An event as the log holds it and a station receives it: `payload` typed by `type`. */
export type FloorEvent = {
  [T in EventType]: {
    seq: number;
    id: string;
    type: T;
    at: number;
    actor: string | null;
    station: string | null;
    payload: EventPayload<T>;
  };
}[EventType];

/** What a desktop kiosk's replica receives: the booking events reduced to what check-in uses. */
export type KioskBookingPayload = { booking: KioskBooking };
export type ReplicaEvent =
  | Exclude<FloorEvent, { type: 'booking.imported' | 'booking.updated' }>
  | (Omit<Extract<FloorEvent, { type: 'booking.imported' | 'booking.updated' }>, 'payload'> & {
      payload: KioskBookingPayload;
    });

/** What a station may receive on its stream: an event as logged, or reduced for a kiosk's replica. */
export type StreamedEvent = FloorEvent | ReplicaEvent;

export const isEventType = (type: string): type is EventType => Object.hasOwn(events, type);

/** Who is listening on a stream: a station, how it connected, and who is signed in there. */
export interface Listener {
  stationId: string;
  mode: StationMode;
  /** `replica`: a desktop app or `loket station run` with its bearer token; `browser`: a page's session. */
  client: 'replica' | 'browser';
  /** The signed-in officer's role, asked only for events whose audience names roles. */
  role: () => UserRole | null;
}

/**
 * Whether (and how) an event reaches a listener: `full` as logged, `kioskBooking` reduced for a
 * desktop kiosk's replica, or `no`.
 */
export function reach(
  event: { type: EventType; station: string | null },
  listener: Listener,
): 'full' | 'kioskBooking' | 'no' {
  const audience: Audience = events[event.type].audience;
  if (audience.ownStation && event.station === listener.stationId) return 'full';
  if (audience.modes.includes(listener.mode)) {
    if (!audience.roles) return 'full';
    const role = listener.role();
    return role && audience.roles.includes(role) ? 'full' : 'no';
  }
  if (audience.kioskReplica && listener.mode === 'kiosk' && listener.client === 'replica')
    return audience.kioskReplica === 'booking' ? 'kioskBooking' : 'full';
  return 'no';
}
