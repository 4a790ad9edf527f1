/**
 * Counts failed attempts (a pairing code, a supervisor PIN) per key and refuses more once a key
 * has failed `limit` times within `windowMs`; the refusal lifts when the oldest failure ages out.
 * A success clears the key. Time comes from the caller.
 */
export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
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
    this.failures.set(key, recent.slice(-this.limit));
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((at) => now - at < this.windowMs);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }
}
