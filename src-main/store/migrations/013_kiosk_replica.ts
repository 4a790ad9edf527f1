import type { Migration } from './index.ts';

/**
 * What a kiosk's replica may keep of a booking (UU 27/2022), and the key that makes it useful.
 *
 * - `kiosk_bookings`: on a desktop kiosk's replica, the bookings it checks in while the hub is out
 *   of reach, reduced to what check-in uses: code, day, window, lane, kind, initials and a keyed
 *   hash of the NIK (HMAC-SHA-256) so a typed NIK still finds its booking. Empty on the hub.
 * - `floor_secrets`: on the hub, the key of that hash, made once; a kiosk receives it with its
 *   replica's snapshot.
 */
export const kioskReplica: Migration = {
  version: 13,
  name: 'kiosk_replica',
  up(db) {
    db.exec(`
      CREATE TABLE kiosk_bookings (
        code TEXT PRIMARY KEY,
        nik_hash TEXT NOT NULL,
        appointment_date TEXT NOT NULL,
        window_start TEXT NOT NULL,
        window_end TEXT NOT NULL,
        lane TEXT NOT NULL,
        application_kind TEXT NOT NULL,
        initials TEXT NOT NULL,
        kept_at INTEGER NOT NULL
      );
      CREATE INDEX kiosk_bookings_by_nik ON kiosk_bookings (nik_hash, appointment_date);
      CREATE INDEX kiosk_bookings_by_date ON kiosk_bookings (appointment_date);

      CREATE TABLE floor_secrets (
        name TEXT PRIMARY KEY,
        value BLOB NOT NULL
      );
    `);
  },
};
