import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../../src-main/domain/simulation/events.ts';

describe('the simulator’s event queue', () => {
  it('hands events back earliest first and moves the simulated clock to each', () => {
    const queue = new EventQueue<string>();
    for (const [at, name] of [
      [30, 'break'],
      [5, 'arrival'],
      [12.5, 'departure'],
      [0, 'open'],
      [99, 'close'],
    ] as const)
      queue.schedule(at, name);
    const seen: string[] = [];
    for (let next = queue.next(); next; next = queue.next()) {
      seen.push(`${next.at}:${next.event}`);
      expect(queue.now).toBe(next.at);
    }
    expect(seen).toEqual(['0:open', '5:arrival', '12.5:departure', '30:break', '99:close']);
    expect(queue.size).toBe(0);
  });

  it('keeps events of the same minute in the order they were scheduled, so a seed replays exactly', () => {
    const queue = new EventQueue<number>();
    // Many ties among many times: a heap without the tie-break would shuffle the equal ones.
    for (let i = 0; i < 200; i += 1) queue.schedule((i * 7) % 10, i);
    const order: number[] = [];
    for (let next = queue.next(); next; next = queue.next()) order.push(next.event);
    const expected = Array.from({ length: 200 }, (_, i) => i).sort(
      (a, b) => ((a * 7) % 10) - ((b * 7) % 10) || a - b,
    );
    expect(order).toEqual(expected);
  });

  it('refuses an event in the simulated past', () => {
    const queue = new EventQueue<string>();
    queue.schedule(10, 'a');
    queue.next();
    expect(() => queue.schedule(9, 'late')).toThrow(RangeError);
    expect(() => queue.schedule(Number.NaN, 'never')).toThrow(RangeError);
    queue.schedule(10, 'now is fine');
    expect(queue.next()?.event).toBe('now is fine');
  });
});
