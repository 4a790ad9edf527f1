import { useEffect } from 'react';
import { WedgeBurstDetector, type WedgeResult } from './wedge.ts';

/**
 * Listens to the whole window for a keyboard-wedge scanner's bursts — no text box, no focus to
 * lose — and hands each complete scan on, or says that one was too long to accept. A person's
 * stray key presses are ignored.
 */
export function useWedgeScanner(onScan: (text: string) => void, onTooLong: () => void): void {
  useEffect(() => {
    const detector = new WedgeBurstDetector();
    const handOn = (result: WedgeResult) => {
      if (typeof result === 'string') onScan(result);
      else if (result) onTooLong();
    };
    const onKey = (event: KeyboardEvent) => {
      // When the key arrived, not when this handler ran: a busy page (a GC pause, a render) must
      // not split one scan into two.
      const result = detector.feed(event.key, event.timeStamp);
      if (detector.inBurst || result) event.preventDefault();
      handOn(result);
    };
    const timer = window.setInterval(() => handOn(detector.tick(performance.now())), 50);
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.clearInterval(timer);
    };
  }, [onScan, onTooLong]);
}
