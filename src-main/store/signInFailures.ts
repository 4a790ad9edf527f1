import type { Db } from './db.ts';

/** The recent wrong PINs per username (epoch ms, newest last): a lockout outlives a restart. */
export class SignInFailureRepository {
  private readonly readStmt;
  private readonly writeStmt;
  private readonly clearStmt;

  constructor(db: Db) {
    this.readStmt = db.prepare('SELECT failed_at FROM sign_in_failures WHERE username = ?').pluck();
    this.writeStmt = db.prepare(
      `INSERT INTO sign_in_failures (username, failed_at) VALUES (?, ?)
       ON CONFLICT (username) DO UPDATE SET failed_at = excluded.failed_at`,
    );
    this.clearStmt = db.prepare('DELETE FROM sign_in_failures WHERE username = ?');
  }

  read(username: string): number[] {
    const text = this.readStmt.get(username) as string | undefined;
    if (text === undefined) return [];
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((at): at is number => Number.isFinite(at)) : [];
  }

  write(username: string, failedAt: readonly number[]): void {
    if (failedAt.length) this.writeStmt.run(username, JSON.stringify(failedAt));
    else this.clearStmt.run(username);
  }
}
