import type { Db } from './db.ts';
import type { StationMode } from '../domain/roles.ts';

/** A station's devices as stored, not yet checked: `devices/config.ts` reads them. */
export interface StoredDevices {
  stationId: string;
  ticketPrinter: unknown;
  scanner: unknown;
}

export interface Station {
  id: string;
  name: string;
  mode: StationMode;
  createdAt: number;
  revokedAt: number | null;
  /** A counter station's desk number, fixed by the hub: what the board sends citizens to. */
  counter?: number | null;
}

interface StationRow {
  id: string;
  name: string;
  mode: StationMode;
  created_at: number;
  revoked_at: number | null;
  counter?: number | null;
}

const fromRow = (row: StationRow): Station => ({
  id: row.id,
  name: row.name,
  mode: row.mode,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
  counter: row.counter ?? null,
});

/** Paired stations. Only a hash of each token is kept. */
export class StationRepository {
  private readonly insert;
  private readonly byTokenHash;
  private readonly all;
  private readonly revokeStmt;
  private readonly insertSession;
  private readonly bySession;
  private readonly endSessionStmt;
  private readonly setPrinterStmt;
  private readonly setScannerStmt;
  private readonly fingerprintStmt;
  private readonly setFingerprintStmt;
  private readonly passportPrinterStmt;
  private readonly setPassportPrinterStmt;
  private readonly setPassportPausedStmt;
  private readonly devicesStmt;
  private readonly insertPairing;
  private readonly usePairing;
  private readonly outstandingStmt;
  private readonly setTokenStmt;
  private readonly setCounterStmt;
  private readonly byCounterStmt;

  constructor(db: Db) {
    this.insert = db.prepare(
      `INSERT INTO stations (id, name, mode, token_hash, created_at, counter)
       VALUES (@id, @name, @mode, @tokenHash, @createdAt, @counter)`,
    );
    this.setCounterStmt = db.prepare('UPDATE stations SET counter = ? WHERE id = ? AND revoked_at IS NULL');
    this.byCounterStmt = db.prepare(
      "SELECT * FROM stations WHERE counter = ? AND revoked_at IS NULL AND mode = 'counter'",
    );
    this.byTokenHash = db.prepare('SELECT * FROM stations WHERE token_hash = ? AND revoked_at IS NULL');
    this.all = db.prepare('SELECT * FROM stations ORDER BY created_at, id');
    this.revokeStmt = db.prepare('UPDATE stations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    this.insertSession = db.prepare(
      'INSERT INTO station_sessions (secret_hash, station_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    );
    // A session is as good as its station: a revoked station's sessions end with it.
    this.bySession =
      db.prepare(`SELECT s.* FROM station_sessions AS x JOIN stations AS s ON s.id = x.station_id
      WHERE x.secret_hash = ? AND x.ended_at IS NULL AND x.expires_at > ? AND s.revoked_at IS NULL`);
    this.setPrinterStmt = db.prepare('UPDATE stations SET ticket_printer = ? WHERE id = ?');
    this.setScannerStmt = db.prepare('UPDATE stations SET scanner = ? WHERE id = ?');
    this.fingerprintStmt = db.prepare('SELECT fingerprint_reader FROM stations WHERE id = ?').pluck();
    this.setFingerprintStmt = db.prepare('UPDATE stations SET fingerprint_reader = ? WHERE id = ?');
    this.passportPrinterStmt = db.prepare(
      'SELECT passport_printer AS address, passport_printer_paused AS paused FROM stations WHERE id = ?',
    );
    this.setPassportPrinterStmt = db.prepare('UPDATE stations SET passport_printer = ? WHERE id = ?');
    this.setPassportPausedStmt = db.prepare('UPDATE stations SET passport_printer_paused = ? WHERE id = ?');
    this.devicesStmt = db.prepare(
      'SELECT id, ticket_printer, scanner FROM stations WHERE revoked_at IS NULL ORDER BY created_at, id',
    );
    this.insertPairing = db.prepare(
      'INSERT INTO station_pairings (code_hash, station_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    );
    // One statement claims the code, so two stations racing with the same code cannot both pair.
    this.usePairing = db.prepare(`UPDATE station_pairings SET used_at = @at
      WHERE code_hash = @codeHash AND used_at IS NULL AND expires_at > @at
        AND station_id IN (SELECT id FROM stations WHERE revoked_at IS NULL)
      RETURNING station_id`);
    this.outstandingStmt = db.prepare(`SELECT code_hash FROM station_pairings
      WHERE used_at IS NULL AND expires_at > ?
        AND station_id IN (SELECT id FROM stations WHERE revoked_at IS NULL)
      ORDER BY created_at`);
    this.setTokenStmt = db.prepare('UPDATE stations SET token_hash = ? WHERE id = ? AND revoked_at IS NULL');
    this.endSessionStmt = db.prepare(
      'UPDATE station_sessions SET ended_at = ? WHERE secret_hash = ? AND ended_at IS NULL',
    );
  }

  /** Where a station's ticket printer is, e.g. `{"transport":"tcp","host":"10.0.0.21","port":9100}`. */
  setTicketPrinter(id: string, printer: object | null): boolean {
    return this.setPrinterStmt.run(printer ? JSON.stringify(printer) : null, id).changes === 1;
  }

  /** Which scanner the hub reads for a station, e.g. `{"transport":"serial","path":"/dev/ttyACM0"}`. */
  setScanner(id: string, scanner: object | null): boolean {
    return this.setScannerStmt.run(scanner ? JSON.stringify(scanner) : null, id).changes === 1;
  }

  /** The devices of every active station, as stored. */
  /** The station's fingerprint reader as stored (JSON), null when it has none. */
  fingerprintReader(id: string): unknown {
    const text = this.fingerprintStmt.get(id) as string | null | undefined;
    return text ? (JSON.parse(text) as unknown) : null;
  }

  setFingerprintReader(id: string, reader: object | null): boolean {
    return this.setFingerprintStmt.run(reader ? JSON.stringify(reader) : null, id).changes === 1;
  }

  /** A print station's passport printer (its address, or null) and whether the operator paused it. */
  passportPrinter(id: string): { address: string | null; paused: boolean } {
    const row = this.passportPrinterStmt.get(id) as { address: string | null; paused: number } | undefined;
    return { address: row?.address ?? null, paused: row?.paused === 1 };
  }

  setPassportPrinter(id: string, address: string | null): boolean {
    return this.setPassportPrinterStmt.run(address, id).changes === 1;
  }

  setPassportPrinterPaused(id: string, paused: boolean): boolean {
    return this.setPassportPausedStmt.run(paused ? 1 : 0, id).changes === 1;
  }

  devices(): StoredDevices[] {
    return (
      this.devicesStmt.all() as { id: string; ticket_printer: string | null; scanner: string | null }[]
    ).map((row) => ({
      stationId: row.id,
      ticketPrinter: row.ticket_printer ? (JSON.parse(row.ticket_printer) as unknown) : null,
      scanner: row.scanner ? (JSON.parse(row.scanner) as unknown) : null,
    }));
  }

  addSession(session: { secretHash: string; stationId: string; createdAt: number; expiresAt: number }): void {
    this.insertSession.run(session.secretHash, session.stationId, session.createdAt, session.expiresAt);
  }

  findActiveBySessionHash(secretHash: string, now: number): Station | null {
    const row = this.bySession.get(secretHash, now) as StationRow | undefined;
    return row ? fromRow(row) : null;
  }

  endSession(secretHash: string, at: number): boolean {
    return this.endSessionStmt.run(at, secretHash).changes === 1;
  }

  addPairing(pairing: { codeHash: string; stationId: string; createdAt: number; expiresAt: number }): void {
    this.insertPairing.run(pairing.codeHash, pairing.stationId, pairing.createdAt, pairing.expiresAt);
  }

  /** Marks an unused, unexpired code as used and answers its station's id, or null. */
  claimPairing(codeHash: string, at: number): string | null {
    const row = this.usePairing.get({ codeHash, at }) as { station_id: string } | undefined;
    return row?.station_id ?? null;
  }

  /** The hashes of the codes that could still be redeemed now (unused, unexpired, station active). */
  outstandingPairings(at: number): string[] {
    return (this.outstandingStmt.all(at) as { code_hash: string }[]).map((row) => row.code_hash);
  }

  setTokenHash(id: string, tokenHash: string): boolean {
    return this.setTokenStmt.run(tokenHash, id).changes === 1;
  }

  find(id: string): Station | null {
    return this.list().find((station) => station.id === id) ?? null;
  }

  add(station: {
    id: string;
    name: string;
    mode: StationMode;
    tokenHash: string;
    createdAt: number;
    counter?: number | null;
  }): void {
    this.insert.run({ ...station, counter: station.counter ?? null });
  }

  /** Fixes an active counter station's desk number. */
  setCounter(id: string, counter: number): boolean {
    return this.setCounterStmt.run(counter, id).changes === 1;
  }

  /** The active counter station at a desk, if any (feedback stations standing there are not it). */
  atCounter(counter: number): Station | null {
    const row = this.byCounterStmt.get(counter) as StationRow | undefined;
    return row ? fromRow(row) : null;
  }

  findActiveByTokenHash(tokenHash: string): Station | null {
    const row = this.byTokenHash.get(tokenHash) as StationRow | undefined;
    return row ? fromRow(row) : null;
  }

  list(): Station[] {
    return (this.all.all() as StationRow[]).map(fromRow);
  }

  revoke(id: string, at: number): boolean {
    return this.revokeStmt.run(at, id).changes === 1;
  }
}
