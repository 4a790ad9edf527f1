import type { Migration } from './index.ts';

/**
 * A counter station's desk number, fixed by the hub (sign-in no longer chooses it); the priority a
 * citizen claimed at the kiosk and the officer's decision on it; the reason of a counter's break.
 * A station paired before takes the desk of its latest officer session, so a floor that upgrades
 * keeps its desks (two that shared one: the newer keeps it).
 */
export const counterDetails: Migration = {
  version: 20,
  name: 'counter_details',
  up(db) {
    db.exec(`
      ALTER TABLE stations ADD COLUMN counter INTEGER CHECK (counter BETWEEN 1 AND 30);
      UPDATE stations SET counter = (
        SELECT o.counter FROM officer_sessions AS o
        WHERE o.station_id = stations.id AND o.counter IS NOT NULL
        ORDER BY o.started_at DESC LIMIT 1)
      WHERE mode = 'counter' AND revoked_at IS NULL;
      -- Two stations whose last officers sat at the same desk: the newer station keeps it.
      UPDATE stations SET counter = NULL WHERE counter IS NOT NULL AND EXISTS (
        SELECT 1 FROM stations AS s WHERE s.counter = stations.counter AND s.revoked_at IS NULL
          AND (s.created_at > stations.created_at OR (s.created_at = stations.created_at AND s.id > stations.id)));
      CREATE UNIQUE INDEX stations_by_counter ON stations (counter)
        WHERE counter IS NOT NULL AND revoked_at IS NULL;

      CREATE TABLE priority_claims (
        ticket_id TEXT PRIMARY KEY REFERENCES tickets (id),
        office_date TEXT NOT NULL,
        number TEXT NOT NULL,
        claimed_lane TEXT NOT NULL CHECK (claimed_lane IN ('lansia', 'disabilitas', 'hamil', 'balita')),
        kiosk_id TEXT,
        claimed_at INTEGER NOT NULL,
        late INTEGER NOT NULL DEFAULT 0,
        decision TEXT CHECK (decision IN ('confirmed', 'refused')),
        reason TEXT,
        officer_id TEXT,
        counter INTEGER,
        decided_at INTEGER
      );
      CREATE INDEX priority_claims_by_day ON priority_claims (office_date);

      ALTER TABLE counter_periods ADD COLUMN reason TEXT;
    `);
  },
};
