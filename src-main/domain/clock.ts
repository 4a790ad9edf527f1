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
