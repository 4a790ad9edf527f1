import type { LaneId } from '../domain/laneIds.ts';
import type { Db } from './db.ts';

/** A block of queue numbers of one lane and window, leased to one kiosk for check-ins while apart. */
export interface NumberLease {
  id: string;
  stationId: string;
  officeDate: string;
  lane: LaneId;
  windowNumber: number;
  firstSeq: number;
  lastSeq: number;
  grantedAt: number;
  /** On the station: the last sequence it issued from the block (null: none yet). */
  usedUpTo: number | null;
}

const fromRow = (row: Record<string, unknown>): NumberLease => ({
  id: row.id as string,
  stationId: row.station_id as string,
  officeDate: row.office_date as string,
  lane: row.lane as LaneId,
  windowNumber: row.window_number as number,
  firstSeq: row.first_seq as number,
  lastSeq: row.last_seq as number,
  grantedAt: row.granted_at as number,
  usedUpTo: (row.used_up_to as number | null) ?? null,
});

/** Leased number blocks: granted on the hub, used up on the kiosk that holds them. */
export class LeaseRepository {
  private readonly insert;
  private readonly forStationStmt;
  private readonly coveringStmt;
  private readonly highestStmt;
  private readonly nextFreeStmt;
  private readonly useStmt;

  constructor(db: Db) {
    // A lease the station already holds keeps what it used of it.
    this.insert = db.prepare(`INSERT INTO number_leases (id, station_id, office_date, lane, window_number,
        first_seq, last_seq, granted_at, used_up_to)
      VALUES (@id, @stationId, @officeDate, @lane, @windowNumber, @firstSeq, @lastSeq, @grantedAt, @usedUpTo)
      ON CONFLICT (id) DO NOTHING`);
    this.forStationStmt = db.prepare(
      'SELECT * FROM number_leases WHERE station_id = ? AND office_date = ? ORDER BY lane, window_number, first_seq',
    );
    this.coveringStmt = db.prepare(`SELECT * FROM number_leases WHERE office_date = ? AND lane = ?
      AND window_number = ? AND first_seq <= ? AND last_seq >= ? LIMIT 1`);
    this.highestStmt = db
      .prepare(
        'SELECT COALESCE(MAX(last_seq), 0) FROM number_leases WHERE office_date = ? AND lane = ? AND window_number = ?',
      )
      .pluck();
    this.nextFreeStmt = db.prepare(`SELECT * FROM number_leases WHERE office_date = ? AND lane = ?
      AND window_number = ? AND COALESCE(used_up_to, first_seq - 1) < last_seq ORDER BY first_seq LIMIT 1`);
    this.useStmt = db.prepare('UPDATE number_leases SET used_up_to = ? WHERE id = ?');
  }

  add(lease: NumberLease): void {
    this.insert.run(lease);
  }

  forStation(stationId: string, officeDate: string): NumberLease[] {
    return (this.forStationStmt.all(stationId, officeDate) as Record<string, unknown>[]).map(fromRow);
  }

  /** The lease a sequence of a lane and window falls in, if any. */
  covering(officeDate: string, lane: LaneId, windowNumber: number, sequence: number): NumberLease | null {
    const row = this.coveringStmt.get(officeDate, lane, windowNumber, sequence, sequence) as
      Record<string, unknown> | undefined;
    return row ? fromRow(row) : null;
  }

  /** The last sequence leased so far in a lane and window (0: none). */
  highestLeased(officeDate: string, lane: LaneId, windowNumber: number): number {
    return this.highestStmt.get(officeDate, lane, windowNumber) as number;
  }

  /** On the station: the next unused sequence of its leases for a lane and window, now used. */
  take(officeDate: string, lane: LaneId, windowNumber: number): number | null {
    const row = this.nextFreeStmt.get(officeDate, lane, windowNumber) as Record<string, unknown> | undefined;
    if (!row) return null;
    const lease = fromRow(row);
    const sequence = (lease.usedUpTo ?? lease.firstSeq - 1) + 1;
    this.useStmt.run(sequence, lease.id);
    return sequence;
  }
}
