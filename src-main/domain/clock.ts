/** The time source every rule is given; domain code never reads the system clock itself. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** A clock that only moves when told to: for tests and the simulator. */
export class ManualClock implements Clock {
  constructor(private instant: number) {}
  now(): number {
    return this.instant;
  }
  set(instant: number): void {
    this.instant = instant;
  }
  advanceMinutes(minutes: number): void {
    this.instant += minutes * 60_000;
  }
}

/**
 * A training floor's clock, which a supervisor may move forward (to the pickup hours of a passport
 * interviewed on the training day, a trainee cannot otherwise reach); it never goes back.
 */
export interface MovableClock extends Clock {
  /** Moves the clock on to `instant` and lets it run from there; an instant already past changes nothing. */
  jumpTo(instant: number): void;
}

export function isMovableClock(clock: Clock): clock is MovableClock {
  return typeof (clock as Partial<MovableClock>).jumpTo === 'function';
}
