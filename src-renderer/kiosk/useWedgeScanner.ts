import { useEffect } from 'react';
import { WedgeBurstDetector } from './wedge.ts';

/**
 * Listens to the whole window for a keyboard-wedge scanner's bursts — no text box, no focus to
 * lose — and hands each complete scan on. A person's stray key presses are ignored.
 */
export function useWedgeScanner(onScan: (text: string) => void): void {
  useEffect(() => {
    const detector = new WedgeBurstDetector();
    const onKey = (event: KeyboardEvent) => {
      // When the key arrived, not when this handler ran: a busy page (a GC pause, a render) must
      // not split one scan into two.
      const scan = detector.feed(event.key, event.timeStamp);
      if (detector.inBurst || scan) event.preventDefault();
      if (scan) onScan(scan);
    };
    const timer = window.setInterval(() => {
      const scan = detector.tick(performance.now());
      if (scan) onScan(scan);
    }, 50);
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.clearInterval(timer);
    };
  }, [onScan]);
}
