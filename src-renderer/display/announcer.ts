import { announcementClips } from '../../src-main/domain/announcement.ts';

/** Plays one clip; settles when it has finished (resolves) or cannot be played (rejects). */
export type PlayClip = (clip: string) => Promise<void>;

/** Longer than any clip (the longest is under 2 s) with room to load it over a slow LAN. */
const clipTimeoutMs = 6_000;

/**
 * Plays `/audio/<clip>.wav` (the hub's and the desktop app's address alike) in an audio element
 * of its own. It rejects on a load or decode error, on a refused play() (autoplay not allowed)
 * and after a timeout, so a broken clip never holds up the queue.
 */
export function playClip(clip: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const audio = new Audio(`/audio/${encodeURIComponent(clip)}.wav`);
    const settle = (error?: Error) => {
      window.clearTimeout(timer);
      audio.onended = audio.onerror = null;
      if (error) {
        audio.pause(); // a clip that starts late must not talk over the next one
        reject(error);
      } else resolve();
    };
    const timer = window.setTimeout(
      () => settle(new Error(`${clip}: no end after ${clipTimeoutMs} ms`)),
      clipTimeoutMs,
    );
    audio.onended = () => settle();
    audio.onerror = () => settle(new Error(`${clip}: cannot be loaded or decoded`));
    audio.play().catch((error: unknown) => settle(new Error(`${clip}: ${String(error)}`)));
  });
}

/**
 * The board's voice: each call is a chime and a sentence put together from clips
 * (`announcementClips`). Calls are spoken strictly one after another in the order they came —
 * a call that arrives while another is being spoken waits for it to end, never cuts it off —
 * and a recall is simply announced again.
 *
 * For tests and the IT person's console the board page puts it on `window.loketAnnouncer`:
 * `played` lists every clip whose turn has ended, in order; `announced` lists each call
 * (`A2-014@3`) once its last clip has ended.
 */
export class Announcer {
  /** Every clip whose turn has ended, in order — played through, or failed and skipped. */
  readonly played: string[] = [];
  /** The clips of `played` that failed (not found, refused, timed out), for the console. */
  readonly failed: string[] = [];
  /** Each call, as `A2-014@3`, once it has been spoken to the end. */
  readonly announced: string[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly play: PlayClip = playClip) {}

  /** Queues one call; the promise settles (never rejects) when it has been spoken. */
  announce(ticketNumber: string, counter: number): Promise<void> {
    const clips = this.clipsFor(ticketNumber, counter);
    const spoken = this.queue.then(async () => {
      for (const clip of clips) {
        try {
          await this.play(clip);
        } catch (error) {
          this.failed.push(clip);
          console.warn(`loket: announcement clip skipped: ${String(error)}`);
        }
        this.played.push(clip);
      }
      this.announced.push(`${ticketNumber}@${counter}`);
    });
    this.queue = spoken;
    return spoken;
  }

  /** Settles when every call queued so far has been spoken. */
  idle(): Promise<void> {
    return this.queue;
  }

  /** A call the clips cannot say (a counter past 30) still chimes, so the hall looks up. */
  private clipsFor(ticketNumber: string, counter: number): string[] {
    try {
      return announcementClips(ticketNumber, counter);
    } catch (error) {
      console.warn(`loket: call not spoken, chime only: ${String(error)}`);
      return ['chime'];
    }
  }
}
