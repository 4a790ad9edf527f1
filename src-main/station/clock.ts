import type { Clock } from '../domain/clock.ts';

/** The system clock, optionally started at a fixed instant and left to run on (LOKET_NOW, training). */
export function runningClock(startAt?: number, monotonic: () => number = () => performance.now()): Clock {
  if (startAt === undefined) return { now: () => Date.now() };
  const origin = monotonic();
  return { now: () => startAt + Math.round(monotonic() - origin) };
}

/** The process's clock: real time, or started at LOKET_NOW (ISO timestamp) and left to run on. */
export function clockFromEnvironment(env: NodeJS.ProcessEnv = process.env): Clock {
  const start = env.LOKET_NOW?.trim();
  if (!start) return runningClock();
  const instant = Date.parse(start);
  if (!Number.isFinite(instant)) throw new Error(`LOKET_NOW is not an ISO timestamp: ${start}`);
  return runningClock(instant);
}
