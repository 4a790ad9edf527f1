import { z } from 'zod';
import { events, type EventType } from './events.ts';

/**
 * What of each event leaves the office for the central store (issue 25), declared beside the
 * catalogue, event type by event type. UU 27/2022: names, NIKs, phones, birth dates, booking codes,
 * passport serials, free text an officer typed and biometrics never leave; the visit, the
 * application and the officer are linked by a per-office pseudonym (a keyed hash whose key stays in
 * the office), so the national reports can follow a visit without knowing whose it was.
 *
 * A rule names the payload fields shipped: `keep` (as logged), `pseudonym` (replaced by the keyed
 * hash), or a nested rule for an object field. Anything not named is left out. `null`: the event
 * type stays in the office: only its place in the log (seq, type, time, station) is shipped, so the
 * central copy of the office's chain has no gap.
 */
export type FieldRule = 'keep' | 'pseudonym' | { readonly [field: string]: FieldRule };
export type ShippingRule = { readonly [field: string]: FieldRule } | null;

/** A pseudonym as shipped: `p_` and 32 hex digits (128 bits of a keyed SHA-256). */
export const pseudonymPattern = /^p_[0-9a-f]{32}$/;
const pseudonymSchema = z.string().regex(pseudonymPattern);

const queueMove = {
  entryId: 'pseudonym',
  ticketId: 'pseudonym',
  number: 'keep',
  stage: 'keep',
  counter: 'keep',
} as const;
const applicationRef = { applicationId: 'pseudonym', number: 'pseudonym' } as const;
const jobRef = { ...applicationRef, jobId: 'pseudonym' } as const;
const stationRef = { id: 'keep', mode: 'keep' } as const;
const officerRef = { id: 'pseudonym', role: 'keep' } as const;
const bookletRange = { rangeId: 'keep', passportType: 'keep', count: 'keep' } as const;
const priorityDecision = {
  ...queueMove,
  claimedLane: 'keep',
  kiosk: 'keep',
  officer: 'pseudonym',
  late: 'keep',
} as const;
const staysInOffice = null;

export const shipping = {
  'ticket.issued': {
    ticket: {
      id: 'pseudonym',
      officeDate: 'keep',
      number: 'keep',
      lane: 'keep',
      windowNumber: 'keep',
      sequence: 'keep',
      status: 'keep',
      arrival: 'keep',
      windowStart: 'keep',
      windowEnd: 'keep',
      expectedCall: 'keep',
      issuedAt: 'keep',
      issuedBy: 'pseudonym',
      issuedOffline: 'keep',
      unverified: 'keep',
    },
    priorityClaimed: 'keep',
  },
  'ticket.voided': { ticketId: 'pseudonym', number: 'keep', reason: 'keep' },
  'ticket.renumbered': { ticketId: 'pseudonym', from: 'keep', number: 'keep', lane: 'keep' },
  'ticket.conflict': { officeDate: 'keep', keptTicketId: 'pseudonym', voidedTicketId: 'pseudonym' },
  'ticket.verified': { ticketId: 'pseudonym', number: 'keep' },
  'ticket.printed': { ticketId: 'pseudonym', number: 'keep', reprint: 'keep' },
  'ticket.printFailed': { ticketId: 'pseudonym', number: 'keep', reprint: 'keep', problem: 'keep' },
  'ticket.reprintApproved': {
    ticketId: 'pseudonym',
    number: 'keep',
    reprint: 'keep',
    officerId: 'pseudonym',
    supervisorId: 'pseudonym',
  },
  'helpdesk.checkedIn': {
    ticketId: 'pseudonym',
    number: 'keep',
    officerId: 'pseudonym',
    unverified: 'keep',
  },
  'helpdesk.searched': { officerId: 'pseudonym', kind: 'keep' },
  'ticket.called': { ...queueMove, kind: 'keep', reason: 'keep' },
  'ticket.recalled': { ...queueMove, kind: 'keep' },
  'ticket.serving': queueMove,
  'ticket.completed': queueMove,
  'ticket.noShow': queueMove,
  'ticket.held': queueMove,
  'ticket.released': queueMove,
  'ticket.transferred': { ...queueMove, toStage: 'keep', toCounter: 'keep' },
  'ticket.cancelled': {
    entryId: 'pseudonym',
    ticketId: 'pseudonym',
    number: 'keep',
    stage: 'keep',
    reason: 'keep',
  },
  'counter.state': { counter: 'keep', state: 'keep', reason: 'keep' },
  'ticket.priorityConfirmed': priorityDecision,
  'ticket.priorityRefused': { ...priorityDecision, requeued: 'keep' },
  'booking.imported': staysInOffice,
  'booking.updated': staysInOffice,
  'booking.feedConfigured': { intervalMinutes: 'keep', timeoutSeconds: 'keep' },
  'booking.feedTurnedOff': {},
  'booking.feedSynced': { created: 'keep', updated: 'keep', unchanged: 'keep' },
  'booking.feedFailed': { code: 'keep' },
  'office.updated': {
    config: {
      code: 'keep',
      name: 'keep',
      timeZone: 'keep',
      hours: 'keep',
      checkIn: 'keep',
      windowMinutes: 'keep',
    },
  },
  'calendar.dayAdded': { date: 'keep', kind: 'keep', name: 'keep' },
  'calendar.dayRemoved': { date: 'keep', kind: 'keep', name: 'keep', origin: 'keep' },
  'calendar.loaded': { year: 'keep', added: 'keep', updated: 'keep', dropped: 'keep', provisional: 'keep' },
  'station.paired': { station: stationRef },
  'station.counterSet': { station: stationRef, counter: 'keep' },
  'station.pairingIssued': { station: stationRef },
  'station.joined': { station: stationRef },
  'station.signedIn': { station: stationRef },
  'station.revoked': { id: 'keep' },
  'station.printerSet': { id: 'keep' },
  'station.scannerSet': { id: 'keep' },
  'station.fingerprintReaderSet': { id: 'keep' },
  'station.passportPrinterSet': { id: 'keep' },
  'update.published': { channel: 'keep', version: 'keep', stagingPercent: 'keep', rollback: 'keep' },
  'update.staged': { channel: 'keep', version: 'keep', from: 'keep', to: 'keep' },
  'update.paused': { channel: 'keep', version: 'keep' },
  'update.resumed': { channel: 'keep', version: 'keep' },
  'update.pilotAdded': { channel: 'keep', station: stationRef },
  'update.pilotRemoved': { channel: 'keep', station: stationRef },
  'update.rolledBack': { channel: 'keep', version: 'keep', from: 'keep' },
  'update.reported': { version: 'keep', target: 'keep', state: 'keep' },
  'device.state': { slot: 'keep', transport: 'keep', state: 'keep' },
  'device.simulatedScan': staysInOffice,
  'device.simulatedPrinter': staysInOffice,
  'training.floorSetUp': { date: 'keep', bookings: 'keep', stations: 'keep' },
  'training.clockAdvanced': { from: 'keep', to: 'keep', target: 'keep' },
  'command.refused': { operation: 'keep', code: 'keep' },
  'command.stuck': { operation: 'keep', attempts: 'keep', status: 'keep', code: 'keep' },
  'user.added': { user: officerRef },
  'user.changed': { user: officerRef, disabled: 'keep', previousRole: 'keep' },
  'officer.signedIn': { officer: officerRef, counter: 'keep' },
  'officer.signedOut': { officer: { id: 'pseudonym' }, counter: 'keep' },
  'application.opened': { ...applicationRef, ticketId: 'pseudonym', counter: 'keep' },
  'application.interviewed': { ...applicationRef, documentsSeen: 'keep', warnings: 'keep' },
  'application.oldPassportChecked': { ...applicationRef, warnings: 'keep' },
  'fingerprint.captured': { ...applicationRef, requestedScore: 'keep' },
  'fingerprint.exception': { ...applicationRef },
  'fingerprint.simulated': staysInOffice,
  'application.facePhoto': { ...applicationRef, failed: 'keep' },
  'application.approved': { ...applicationRef, subject: 'keep', supervisorId: 'pseudonym' },
  'application.finished': {
    ...applicationRef,
    outcome: 'keep',
    pickupDate: 'keep',
    pickupOverride: { computed: 'keep', date: 'keep' },
  },
  'receipt.printed': { ...applicationRef, reprint: 'keep' },
  'receipt.printFailed': { ...applicationRef, reprint: 'keep', problem: 'keep' },
  'biometrics.read': { ...applicationRef, kind: 'keep' },
  'biometrics.purged': { applicationId: 'pseudonym', images: 'keep', retentionDays: 'keep' },
  'application.adjudicated': {
    ...applicationRef,
    decision: 'keep',
    jobId: 'pseudonym',
    promisedDate: 'keep',
  },
  'printer.paused': {},
  'printer.resumed': {},
  'booklets.received': bookletRange,
  'booklets.confirmed': { ...bookletRange, confirmedBy: 'pseudonym' },
  'booklet.scanned': { ...jobRef, rangeId: 'keep' },
  'booklet.spoiled': { ...jobRef, signedOffBy: 'pseudonym' },
  'booklet.signedOff': {},
  'passport.printing': jobRef,
  'passport.printed': { ...jobRef, passportType: 'keep', applicationKind: 'keep' },
  'passport.printFailed': { ...jobRef, bookletSpoiled: 'keep' },
  'passport.printInterrupted': { jobId: 'pseudonym' },
  'passport.qcFailed': { ...jobRef, fields: 'keep' },
  'passport.ready': { ...jobRef, promisedDate: 'keep' },
  'passport.pickupTicket': { ...applicationRef, pickupNumber: 'keep' },
  'passport.collected': { ...jobRef, receiver: 'keep' },
  'sms.sent': { attempts: 'keep' },
  'sms.failed': { attempts: 'keep' },
  'issuance.imported': { months: 'keep', total: 'keep' },
  'central.linked': { office: 'keep', relinked: 'keep' },
  'survey.answered': {
    stage: 'keep',
    counter: 'keep',
    officeDate: 'keep',
    hour: 'keep',
    elements: 'keep',
    scores: 'keep',
    hasComment: 'keep',
  },
  'survey.complaintAnswered': { complaintId: 'keep', officer: 'pseudonym', followUps: 'keep' },
  'survey.burstRefused': { station: stationRef, refused: 'keep', blockedUntil: 'keep' },
} as const satisfies Record<EventType, ShippingRule>;

/**
 * Fields that never leave the office under any name, whatever a rule says: a test walks every rule
 * and refuses one that keeps them (the rules above pseudonymise ids and drop the rest). `name` is
 * not among them: the office's and a holiday's names are kept; an officer's never is (the tests
 * look for the floor's own names in what is shipped).
 */
export const personalFields = [
  'nik',
  'phone',
  'birthDate',
  'dateOfBirth',
  'bookingCode',
  'bookingCodes',
  'serial',
  'username',
  'address',
  'email',
  'comment',
  'override',
  'image',
  'imageId',
  'template',
  'fingers',
  'message',
] as const;

/** The keyed hash that stands for an id outside the office (the hub supplies it: domain has no crypto). */
export type Pseudonymise = (value: string) => string;

/** An event as it leaves the office: its place and time, who and where as pseudonyms, the shipped payload. */
export interface ShippedEvent {
  seq: number;
  id: string;
  type: string;
  at: number;
  actor: string | null;
  station: string | null;
  /** Null when the type stays in the office. */
  payload: Record<string, unknown> | null;
  /** The floor chain's hash of this row and of the row before it (store/eventChain.ts). */
  floorHash: string;
  floorPrevHash: string;
}

/** The payload an event ships with: only what its rule names, ids replaced by their pseudonyms. */
export function shippedPayload(
  type: EventType,
  payload: unknown,
  pseudonymise: Pseudonymise,
): Record<string, unknown> | null {
  const rule: ShippingRule = shipping[type];
  if (rule === null) return null;
  return project(rule, payload, pseudonymise) as Record<string, unknown>;
}

function project(rule: { readonly [field: string]: FieldRule }, value: unknown, p: Pseudonymise): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return value === undefined ? {} : null;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [field, fieldRule] of Object.entries(rule)) {
    const v = source[field];
    if (v === undefined) continue;
    if (fieldRule === 'keep') out[field] = v;
    else if (fieldRule === 'pseudonym') out[field] = v === null ? null : p(String(v));
    else out[field] = v === null ? null : project(fieldRule, v, p);
  }
  return out;
}

const schemaCache = new Map<EventType, z.ZodType | null>();

/**
 * The shape a shipped payload of `type` must have: the catalogue's own field schemas for what is
 * kept, a pseudonym for what is hashed, nothing else (strict: an unnamed field is refused).
 */
export function shippedSchema(type: EventType): z.ZodType | null {
  if (schemaCache.has(type)) return schemaCache.get(type) as z.ZodType | null;
  const rule: ShippingRule = shipping[type];
  const schema = rule === null ? null : derive(rule, events[type].payload as z.ZodType);
  schemaCache.set(type, schema);
  return schema;
}

/** The object schema inside optional/nullable wrappers, or null when there is none. */
function objectShape(schema: z.ZodType): Record<string, z.ZodType> | null {
  let s: z.ZodType = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
    else break;
  }
  return s instanceof z.ZodObject ? (s.shape as Record<string, z.ZodType>) : null;
}

/** `inner` made as optional / nullable as `original` is. */
function likeOriginal(original: z.ZodType, inner: z.ZodType): z.ZodType {
  let out = inner;
  if (original.safeParse(null).success) out = out.nullable();
  if (original.safeParse(undefined).success) out = out.optional();
  return out;
}

function derive(rule: { readonly [field: string]: FieldRule }, payload: z.ZodType): z.ZodType {
  const shape = objectShape(payload);
  const out: Record<string, z.ZodType> = {};
  for (const [field, fieldRule] of Object.entries(rule)) {
    const original = shape?.[field];
    if (!original) throw new Error(`shipping rule names ${field}, which the payload does not have`);
    if (fieldRule === 'keep') out[field] = original;
    else if (fieldRule === 'pseudonym') out[field] = likeOriginal(original, pseudonymSchema);
    else out[field] = likeOriginal(original, derive(fieldRule, original));
  }
  return z.strictObject(out);
}
