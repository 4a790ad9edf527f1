import type { Db } from './db.ts';
import type { UserRole } from '../domain/roles.ts';

export interface User {
  id: string;
  username: string;
  name: string;
  role: UserRole;
  pinSalt: string;
  pinHash: string;
  createdAt: number;
  updatedAt: number;
  disabledAt: number | null;
}

export interface OfficerSession {
  id: string;
  userId: string;
  stationId: string;
  counter: number | null;
  startedAt: number;
  lastActiveAt: number;
  /**
   * The client that signed the officer in: a browser's session, or a station program's own id.
   * Only that client acts as the officer; null for one that named none (the bare token).
   */
  client: string | null;
}

const userFrom = (row: Record<string, unknown>): User => ({
  id: row.id as string,
  username: row.username as string,
  name: row.name as string,
  role: row.role as UserRole,
  pinSalt: row.pin_salt as string,
  pinHash: row.pin_hash as string,
  createdAt: row.created_at as number,
  updatedAt: row.updated_at as number,
  disabledAt: (row.disabled_at as number | null) ?? null,
});

const sessionFrom = (row: Record<string, unknown>): OfficerSession => ({
  id: row.id as string,
  userId: row.user_id as string,
  stationId: row.station_id as string,
  counter: (row.counter as number | null) ?? null,
  startedAt: row.started_at as number,
  lastActiveAt: row.last_active_at as number,
  client: (row.client as string | null) ?? null,
});

/** Officers' accounts (only a scrypt hash of each PIN) and their sessions at stations. */
export class OfficerRepository {
  private readonly insertUser;
  private readonly updateUser;
  private readonly byUsername;
  private readonly byId;
  private readonly all;
  private readonly lastStarts;
  private readonly insertSession;
  private readonly openAtStation;
  private readonly openAtCounter;
  private readonly touchStmt;
  private readonly endStmt;
  private readonly endForUser;
  private readonly openOfUser;

  constructor(db: Db) {
    this.insertUser = db.prepare(`INSERT INTO users
      (id, username, name, role, pin_salt, pin_hash, created_at, updated_at)
      VALUES (@id, @username, @name, @role, @pinSalt, @pinHash, @createdAt, @updatedAt)`);
    this.updateUser = db.prepare(`UPDATE users SET name = @name, role = @role, pin_salt = @pinSalt,
      pin_hash = @pinHash, updated_at = @updatedAt, disabled_at = @disabledAt WHERE id = @id`);
    this.byUsername = db.prepare('SELECT * FROM users WHERE username = ?');
    this.byId = db.prepare('SELECT * FROM users WHERE id = ?');
    this.all = db.prepare('SELECT * FROM users ORDER BY username');
    this.lastStarts = db.prepare(
      'SELECT user_id, MAX(started_at) AS at FROM officer_sessions GROUP BY user_id',
    );
    this.insertSession = db.prepare(`INSERT INTO officer_sessions
      (id, user_id, station_id, counter, started_at, last_active_at, client)
      VALUES (@id, @userId, @stationId, @counter, @startedAt, @lastActiveAt, @client)`);
    this.openAtStation = db.prepare(
      'SELECT * FROM officer_sessions WHERE station_id = ? AND ended_at IS NULL',
    );
    this.openAtCounter = db.prepare('SELECT * FROM officer_sessions WHERE counter = ? AND ended_at IS NULL');
    // Only forwards: a command from a station's outbox, applied as of when the officer did it, never
    // makes a session look idle for longer than it was.
    this.touchStmt = db.prepare(
      'UPDATE officer_sessions SET last_active_at = MAX(last_active_at, ?) WHERE id = ?',
    );
    this.endStmt = db.prepare(
      'UPDATE officer_sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL',
    );
    this.openOfUser = db.prepare('SELECT * FROM officer_sessions WHERE user_id = ? AND ended_at IS NULL');
    this.endForUser = db.prepare(
      "UPDATE officer_sessions SET ended_at = ?, end_reason = 'disabled' WHERE user_id = ? AND ended_at IS NULL",
    );
  }

  addUser(user: User): void {
    this.insertUser.run(user);
  }

  saveUser(user: User): void {
    this.updateUser.run(user);
  }

  userNamed(username: string): User | null {
    const row = this.byUsername.get(username) as Record<string, unknown> | undefined;
    return row ? userFrom(row) : null;
  }

  user(id: string): User | null {
    const row = this.byId.get(id) as Record<string, unknown> | undefined;
    return row ? userFrom(row) : null;
  }

  users(): User[] {
    return (this.all.all() as Record<string, unknown>[]).map(userFrom);
  }

  /** When each officer last signed in (epoch ms), by user id; absent for one who never did. */
  lastSignIns(): Map<string, number> {
    const rows = this.lastStarts.all() as { user_id: string; at: number }[];
    return new Map(rows.map((row) => [row.user_id, row.at]));
  }

  openSession(session: OfficerSession): void {
    this.insertSession.run(session);
  }

  sessionAtStation(stationId: string): OfficerSession | null {
    const row = this.openAtStation.get(stationId) as Record<string, unknown> | undefined;
    return row ? sessionFrom(row) : null;
  }

  sessionAtCounter(counter: number): OfficerSession | null {
    const row = this.openAtCounter.get(counter) as Record<string, unknown> | undefined;
    return row ? sessionFrom(row) : null;
  }

  touch(sessionId: string, at: number): void {
    this.touchStmt.run(at, sessionId);
  }

  endSession(sessionId: string, at: number, reason: string): boolean {
    return this.endStmt.run(at, reason, sessionId).changes === 1;
  }

  /** Ends every open session of the officer; answers the sessions it ended. */
  endSessionsOf(userId: string, at: number): OfficerSession[] {
    const open = (this.openOfUser.all(userId) as Record<string, unknown>[]).map(sessionFrom);
    this.endForUser.run(at, userId);
    return open;
  }
}
