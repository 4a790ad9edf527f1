import { useEffect, useRef } from 'react';

const inputEvents = ['pointerdown', 'pointermove', 'keydown', 'wheel'] as const;

/**
 * Locks an officer's screen after `minutes` without mouse or keyboard. The hub locks the session
 * after the same minutes without an operation, but the screen reloads its view on every floor
 * event, and each reload counts as one: on a busy floor only this lock would ever come.
 */
export function useIdleLock(minutes: number | null, onIdle: () => void): void {
  const lastInput = useRef(Date.now());
  const latest = useRef(onIdle);
  latest.current = onIdle;
  useEffect(() => {
    if (minutes === null) return;
    const touched = () => {
      lastInput.current = Date.now();
    };
    for (const type of inputEvents) window.addEventListener(type, touched, { passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - lastInput.current >= minutes * 60_000) latest.current();
    }, 5000);
    return () => {
      for (const type of inputEvents) window.removeEventListener(type, touched);
      window.clearInterval(timer);
    };
  }, [minutes]);
}
