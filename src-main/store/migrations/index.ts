import type Database from 'better-sqlite3';
import { floorCore } from './001_floor_core.ts';
import { stationSessions } from './002_station_sessions.ts';
import { ticketPrinting } from './003_ticket_printing.ts';
import { stationPairing } from './004_station_pairing.ts';
import { counters } from './005_counters.ts';
import { stationDevices } from './006_station_devices.ts';
import { offlineFloor } from './007_offline_floor.ts';
import { appointmentFeed } from './008_appointment_feed.ts';
import { calendar } from './009_calendar.ts';
import { applications } from './010_applications.ts';
import { printStation } from './011_print_station.ts';
import { eventChain } from './012_event_chain.ts';
import { kioskReplica } from './013_kiosk_replica.ts';
import { officerAccountability } from './014_officer_accountability.ts';
import { eventsByType } from './016_events_by_type.ts';
import { plainBookingCodes } from './017_plain_booking_codes.ts';
import { helpDeskStations } from './018_help_desk_stations.ts';
import { pickupStage } from './019_pickup_stage.ts';
import { counterDetails } from './020_counter_details.ts';
import { issuanceHistory } from './021_issuance_history.ts';
import { reportIndexes } from './022_report_indexes.ts';
import { sealedBiometrics } from './023_sealed_biometrics.ts';
import { feedbackStations } from './024_feedback_stations.ts';
import { survey } from './025_survey.ts';
import { promiseIndexes } from './026_promise_indexes.ts';
import { updates } from './027_updates.ts';
import { centralLink } from './028_central_link.ts';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
  /**
   * Rebuilds a table others point at: it runs with foreign keys off (they cannot be switched inside
   * a transaction) and `foreign_key_check` must find nothing before it commits.
   */
  foreignKeysOff?: true;
}

/** Every migration, in order. Add a file and a test for each; never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  floorCore,
  stationSessions,
  ticketPrinting,
  stationPairing,
  counters,
  stationDevices,
  offlineFloor,
  // 7 is another branch's (offline number leases); versions are applied by number, not position.
  appointmentFeed,
  calendar,
  applications,
  printStation,
  eventChain,
  kioskReplica,
  officerAccountability,
  // 15 is another branch's; versions are applied by number, not position.
  eventsByType,
  plainBookingCodes,
  helpDeskStations,
  pickupStage,
  counterDetails,
  issuanceHistory,
  reportIndexes,
  sealedBiometrics,
  feedbackStations,
  survey,
  promiseIndexes,
  updates,
  centralLink,
];

export function migrate(db: Database.Database, upTo = Infinity): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
      (r) => r.version,
    ),
  );
  let count = 0;
  for (const migration of migrations) {
    if (migration.version > upTo || applied.has(migration.version)) continue;
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
    const switchOff = migration.foreignKeysOff === true && foreignKeys;
    if (switchOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        migration.up(db);
        if (migration.foreignKeysOff && (db.pragma('foreign_key_check') as unknown[]).length > 0)
          throw new Error(`migration ${migration.version} left rows pointing at nothing`);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
          migration.version,
          migration.name,
          new Date().toISOString(),
        );
      }).immediate();
    } finally {
      if (switchOff) db.pragma('foreign_keys = ON');
    }
    count += 1;
  }
  return count;
}
