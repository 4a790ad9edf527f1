import type { Clock } from '../domain/clock.ts';
import { anchorOf, anchorsFile, appendAnchor, readAnchors } from '../store/anchors.ts';
import type { Store } from '../store/store.ts';

export const defaultAnchorEveryMinutes = 60;

export interface ChainAnchors {
  /** Stops the timer and anchors the head the hub leaves behind; never throws. */
  close(): void;
}

/**
 * Writes the event chain's head into DIR/anchors.jsonl at start, every `everyMinutes` (hourly) and
 * at close, whenever it moved since the last anchor: a tail rewritten later, hashes and all, no
 * longer passes through it (`loket audit verify`). A failed write is logged; the hub goes on.
 */
export function scheduleAnchors(options: {
  dataDir: string;
  store: Store;
  clock: Clock;
  everyMinutes?: number;
  log: (line: string) => void;
}): ChainAnchors {
  const { dataDir, store, clock, log } = options;
  let last: string | null = null;
  try {
    last = readAnchors(anchorsFile(dataDir)).anchors.at(-1)?.hash ?? null;
  } catch (error) {
    log(`event chain anchors in ${anchorsFile(dataDir)} unreadable: ${(error as Error).message}`);
  }
  const anchor = (reason: string) => {
    try {
      const head = store.events.head();
      if (!head || head.hash === last) return;
      appendAnchor(dataDir, anchorOf(head, clock.now(), reason));
      last = head.hash;
    } catch (error) {
      log(`event chain anchor into ${anchorsFile(dataDir)} failed: ${(error as Error).message}`);
    }
  };
  anchor('start');
  const timer = setInterval(
    () => anchor('hourly'),
    (options.everyMinutes ?? defaultAnchorEveryMinutes) * 60_000,
  );
  timer.unref();
  let closed = false;
  return {
    close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      anchor('close');
    },
  };
}
