import type { AttemptLimiter } from '../domain/attempts.ts';
import type { Clock, MovableClock } from '../domain/clock.ts';
import type { Store } from '../store/store.ts';
import type { ImageBlock } from '../../drivers/ticket-printer/document.ts';
import type { FeedStatusView } from '../api/views.ts';
import type { BiometricKey } from './biometricVault.ts';
import type { DevicesPort, FingerprintReadersPort, PassportPrintersPort } from './ports.ts';

/** What every use case is given: the store, the clock, and who is acting. */
export interface ServiceContext {
  store: Store;
  clock: Clock;
  /** The logo printed at the top of tickets (resources/logo), where the runtime has one. */
  ticketLogo?: ImageBlock;
  /** The devices (ticket printers, scanners) of the stations this runtime drives, where it drives any. */
  devices?: DevicesPort;
  /** Wrong sign-in PINs per username, where a long-running hub keeps count. */
  signInAttempts?: AttemptLimiter;
  /** The hub's appointment feed schedule, where a hub runs one: pulls the day's bookings now. */
  appointmentFeed?: { syncNow(caller: Caller): Promise<FeedStatusView> };
  /** A training floor (`loket hub --training`): every screen and ticket says so. */
  training?: boolean;
  /** A training floor's clock (the same as `clock`), which a supervisor may move forward; never on a real floor. */
  trainingClock?: MovableClock;
  /** The SHA-256 fingerprint of the hub's TLS certificate, where it serves TLS. */
  hubFingerprint?: string;
  /** Seals biometric images at rest; without it nothing biometric is stored or opened. */
  biometricKey?: BiometricKey;
  /** The fingerprint readers of the counters this runtime serves (SBI on loopback, or simulators). */
  fingerprints?: FingerprintReadersPort;
  /** The passport printers of the print stations this runtime drives. */
  passportPrinters?: PassportPrintersPort;
  /** The OCR-B font of the data page's MRZ; default resources/fonts/OCRB.otf of the source tree. */
  ocrbFont?: string;
  /** Where the hub anchors the event chain's head (DIR/anchors.jsonl), where it does. */
  anchorsFile?: string;
  /** The shipped holiday calendars (`<year>.json`); default resources/calendars of the source tree. */
  calendarDir?: string;
  /**
   * The console's simulator runs, in the hub's memory, where a hub keeps them: a
   * `ConsoleSimulations` (`simulation/console.ts`), named here only by what the hub's teardown
   * needs, so the context imports no use case (no import loop).
   */
  simulations?: { close(): void };
}

/** The station (or the local command line) on whose behalf an operation runs. */
export interface Caller {
  stationId: string | null;
  /** For the audit trail: a station's id, or `cli` for the command line on the hub's machine. */
  actor: string;
}

export const commandLine: Caller = { stationId: null, actor: 'cli' };
