/** Where a limiter keeps each key's recent failures (epoch ms, newest last): memory, or a table. */
export interface AttemptLedger {
  read(key: string): number[];
  write(key: string, failedAt: readonly number[]): void;
}

/** Failures kept for this process's life only. */
export function memoryLedger(): AttemptLedger {
  const failures = new Map<string, number[]>();
  return {
    read: (key) => failures.get(key) ?? [],
    write: (key, failedAt) => {
      if (failedAt.length) failures.set(key, [...failedAt]);
      else failures.delete(key);
    },
  };
}

/**
 * Counts failed attempts (a pairing code, a supervisor PIN) per key and refuses more once a key
 * has failed `limit` times within `windowMs`; the refusal lifts when the oldest failure ages out.
 * A success clears the key. Time comes from the caller; the failures live in the ledger given
 * (memory by default; the hub keeps wrong PINs in its database so a restart does not reset them).
 */
export class AttemptLimiter {
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly ledger: AttemptLedger = memoryLedger(),
  ) {}

  /** When the key may try again (ms), or null if it may try now. */
  blockedUntil(key: string, now: number): number | null {
    const recent = this.recent(key, now);
    if (recent.length < this.limit) return null;
    return (recent[recent.length - this.limit] as number) + this.windowMs;
  }

  fail(key: string, now: number): void {
    const recent = this.recent(key, now);
    recent.push(now);
    this.ledger.write(key, recent.slice(-this.limit));
  }

  succeed(key: string): void {
    if (this.ledger.read(key).length) this.ledger.write(key, []);
  }

  private recent(key: string, now: number): number[] {
    const stored = this.ledger.read(key);
    const kept = stored.filter((at) => now - at < this.windowMs);
    if (kept.length !== stored.length) this.ledger.write(key, kept);
    return kept;
  }
}
