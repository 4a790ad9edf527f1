import type Database from 'better-sqlite3';
import type { Db } from './db.ts';
import { EventLog } from './events.ts';
import { OfficeRepository } from './office.ts';
import { StationRepository } from './stations.ts';
import { BookingRepository } from './bookings.ts';
import { TicketRepository } from './tickets.ts';
import { OfficerRepository } from './officers.ts';
import { PriorityClaimRepository } from './priorityClaims.ts';
import { QueueRepository } from './queue.ts';
import { LeaseRepository } from './leases.ts';
import { ConflictRepository } from './conflicts.ts';
import { AppliedCommandRepository, OutboxRepository, ReplicaStateRepository } from './commands.ts';
import { AppointmentFeedRepository } from './appointmentFeed.ts';
import { ApplicationRepository } from './applications.ts';
import { BiometricImageRepository } from './biometricImages.ts';
import { CalendarRepository } from './calendar.ts';
import { PrintJobRepository } from './printJobs.ts';
import { BookletRepository } from './booklets.ts';
import { SmsOutboxRepository } from './sms.ts';
import { SignInFailureRepository } from './signInFailures.ts';
import { IssuanceRepository } from './issuance.ts';
import { PromiseRepository } from './promises.ts';
import { ReportRepository } from './reports.ts';
import { DayChanges } from './dayChanges.ts';
import { SurveyRepository } from './survey.ts';
import { UpdateRepository } from './updates.ts';
import { CentralLinkRepository } from './centralLink.ts';
import {
  FloorSecretRepository,
  hubCheckInBookings,
  KioskBookingRepository,
  type CheckInBookings,
} from './kioskBookings.ts';

/** The one typed door to the floor's database: every SQL statement lives behind it. */
export class Store {
  readonly events: EventLog;
  readonly office: OfficeRepository;
  readonly stations: StationRepository;
  readonly bookings: BookingRepository;
  readonly tickets: TicketRepository;
  readonly officers: OfficerRepository;
  readonly queue: QueueRepository;
  /** Priority lanes claimed at the kiosk, and the counters' decisions on them. */
  readonly priorityClaims: PriorityClaimRepository;
  readonly leases: LeaseRepository;
  readonly conflicts: ConflictRepository;
  /** On the hub: station commands applied once. */
  readonly commands: AppliedCommandRepository;
  /** On a station's replica: its outbox and its place in the hub's stream. */
  readonly outbox: OutboxRepository;
  readonly replica: ReplicaStateRepository;
  readonly appointmentFeed: AppointmentFeedRepository;
  readonly applications: ApplicationRepository;
  /** Sealed biometric images (services/biometricVault.ts seals and opens them). */
  readonly biometricImages: BiometricImageRepository;
  /** The holiday calendar: years loaded from the shipped files and the office's edits. */
  readonly calendar: CalendarRepository;
  /** Print jobs, the supervisor's decisions and the handovers (the print station). */
  readonly printJobs: PrintJobRepository;
  /** Blank passport booklets: ranges received and serials used or spoiled. */
  readonly booklets: BookletRepository;
  /** The "passport ready" SMS outbox (services/sms.ts queues and sends). */
  readonly sms: SmsOutboxRepository;
  /** On a desktop kiosk's replica: the bookings it checks in while apart, reduced (UU 27/2022). */
  readonly kioskBookings: KioskBookingRepository;
  /** Where check-in finds a booking: the full list on the hub, the reduced one on a replica. */
  readonly checkInBookings: CheckInBookings;
  /** On the hub: the key of the NIK hashes kiosks keep. */
  readonly secrets: FloorSecretRepository;
  /** On the hub: the recent wrong PINs per username, so a lockout outlives a restart. */
  readonly signInFailures: SignInFailureRepository;
  /** The issuance report's counts of printed passports, and the months imported from the office's history. */
  readonly issuance: IssuanceRepository;
  /** The promises report's reads: applications by promised pickup date, the printer's pauses. */
  readonly promises: PromiseRepository;
  /** The reports' reads over a range of office days (periods, calls, counter periods, claims). */
  readonly reports: ReportRepository;
  /** The satisfaction survey's answers, the visits that answered (keyed hashes only), follow-ups. */
  readonly survey: SurveyRepository;
  /** The hub's update channels, their releases and pilots, and each station's update report (migration 027). */
  readonly updates: UpdateRepository;
  /** The link to the central store (issue 25). */
  readonly centralLink: CentralLinkRepository;
  /** Which office days' visits this store changed (the reports keep a closed day's visits until then). */
  readonly dayChanges = new DayChanges();

  // One transaction wrapper for the store's life: better-sqlite3 builds a new one per call otherwise.
  private readonly inTransaction: Database.Transaction<(work: () => unknown) => unknown>;

  constructor(
    readonly db: Db,
    options: { replica?: boolean } = {},
  ) {
    this.inTransaction = db.transaction((work: () => unknown) => work());
    this.events = new EventLog(db);
    this.office = new OfficeRepository(db);
    this.stations = new StationRepository(db);
    this.bookings = new BookingRepository(db);
    this.tickets = new TicketRepository(db, this.dayChanges);
    this.officers = new OfficerRepository(db);
    this.queue = new QueueRepository(db, this.dayChanges);
    this.priorityClaims = new PriorityClaimRepository(db, this.dayChanges);
    this.leases = new LeaseRepository(db);
    this.conflicts = new ConflictRepository(db);
    this.commands = new AppliedCommandRepository(db);
    this.outbox = new OutboxRepository(db);
    this.replica = new ReplicaStateRepository(db);
    this.appointmentFeed = new AppointmentFeedRepository(db);
    this.applications = new ApplicationRepository(db);
    this.biometricImages = new BiometricImageRepository(db);
    this.calendar = new CalendarRepository(db);
    this.printJobs = new PrintJobRepository(db);
    this.booklets = new BookletRepository(db);
    this.sms = new SmsOutboxRepository(db);
    this.kioskBookings = new KioskBookingRepository(db, this.replica);
    this.checkInBookings = options.replica ? this.kioskBookings : hubCheckInBookings(this.bookings);
    this.secrets = new FloorSecretRepository(db);
    this.signInFailures = new SignInFailureRepository(db);
    this.issuance = new IssuanceRepository(db);
    this.promises = new PromiseRepository(db);
    this.reports = new ReportRepository(db);
    this.survey = new SurveyRepository(db);
    this.updates = new UpdateRepository(db);
    this.centralLink = new CentralLinkRepository(db);
  }

  /** Runs a use case as one write transaction, taking the write lock up front. */
  transaction<T>(work: () => T): T {
    return this.inTransaction.immediate(work) as T;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
