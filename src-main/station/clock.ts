import type { Clock, MovableClock } from '../domain/clock.ts';

/**
 * The system clock, optionally started at a fixed instant and left to run on (LOKET_NOW, training),
 * `speed` times as fast as real time (a trainer shows a morning in minutes with 10).
 */
export function runningClock(
  startAt?: number,
  monotonic: () => number = () => performance.now(),
  speed = 1,
): Clock {
  if (!(speed > 0) || !Number.isFinite(speed))
    throw new Error(`a clock speed is a positive number, not ${speed}`);
  if (startAt === undefined && speed === 1) return { now: () => Date.now() };
  const start = startAt ?? Date.now();
  const origin = monotonic();
  return { now: () => start + Math.round((monotonic() - origin) * speed) };
}

/**
 * A training floor's clock: a running clock (as above) that the supervisor may move forward, to the
 * pickup hours a few days on, and that runs on from there at the same speed. Never back: the
 * floor's log and its durations only go forward.
 */
export function trainingClock(
  startAt: number,
  monotonic: () => number = () => performance.now(),
  speed = 1,
): MovableClock {
  const running = runningClock(startAt, monotonic, speed);
  let ahead = 0;
  const now = () => running.now() + ahead;
  return {
    now,
    jumpTo(instant: number) {
      if (!Number.isFinite(instant)) throw new Error(`a clock moves to an instant, not ${instant}`);
      ahead += Math.max(0, instant - now());
    },
  };
}

/** The instant LOKET_NOW (an ISO timestamp) names, or undefined when it is not set. */
export function instantFromEnvironment(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const start = env.LOKET_NOW?.trim();
  if (!start) return undefined;
  const instant = Date.parse(start);
  if (!Number.isFinite(instant)) throw new Error(`LOKET_NOW is not an ISO timestamp: ${start}`);
  return instant;
}

/**
 * The process's clock: real time, or started at LOKET_NOW (ISO timestamp) and left to run on. With
 * LOKET_NOW_AT (the real time, in epoch milliseconds, at which LOKET_NOW held) several processes of
 * one test floor share one shifted clock instead of each starting its own at launch.
 */
export function clockFromEnvironment(env: NodeJS.ProcessEnv = process.env): Clock {
  const start = instantFromEnvironment(env);
  const anchor = env.LOKET_NOW_AT?.trim();
  if (start === undefined || !anchor) return runningClock(start);
  const at = Number(anchor);
  if (!Number.isSafeInteger(at)) throw new Error(`LOKET_NOW_AT is not epoch milliseconds: ${anchor}`);
  return { now: () => start + (Date.now() - at) };
}
