/**
 * The simulator's discrete-event core: a clock in simulated minutes (a float, never the wall clock)
 * and the events still to happen, earliest first. Two events at the same minute leave in the order
 * they were scheduled, so a seed replays byte for byte. The textbook queue (`mmc.ts`) runs on it;
 * the floor day will too.
 */
export class EventQueue<E> {
  private readonly heap: { at: number; order: number; event: E }[] = [];
  private scheduled = 0;
  /** The simulated clock: the minute of the last event taken, 0 before the first. */
  now = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Schedules `event` at minute `at`; the past is refused (time never runs back). */
  schedule(at: number, event: E): void {
    if (!(at >= this.now)) throw new RangeError(`an event at minute ${at} is before now (${this.now})`);
    const entry = { at, order: this.scheduled++, event };
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, heap[parent] as typeof entry)) break;
      heap[i] = heap[parent] as typeof entry;
      i = parent;
    }
    heap[i] = entry;
  }

  /** The minute of the next event, or null when none is left. */
  peekTime(): number | null {
    return this.heap.length ? (this.heap[0] as { at: number }).at : null;
  }

  /** Takes the next event and moves the clock to its minute; null when none is left. */
  next(): { at: number; event: E } | null {
    const heap = this.heap;
    const first = heap[0];
    if (!first) return null;
    const last = heap.pop() as typeof first;
    if (heap.length) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= heap.length) break;
        const right = left + 1;
        const child =
          right < heap.length && before(heap[right] as typeof first, heap[left] as typeof first)
            ? right
            : left;
        if (!before(heap[child] as typeof first, last)) break;
        heap[i] = heap[child] as typeof first;
        i = child;
      }
      heap[i] = last;
    }
    this.now = first.at;
    return { at: first.at, event: first.event };
  }
}

const before = (a: { at: number; order: number }, b: { at: number; order: number }) =>
  a.at < b.at || (a.at === b.at && a.order < b.order);
