import { useEffect, useRef, useState } from 'react';
import { desktopBridge } from './desktop.ts';
import { texts, useText } from './i18n.ts';

/** Taps in the top-left corner that open the PIN pad, and how quickly they must come. */
const cornerTaps = 5;
const cornerWindowMs = 3000;
const idleCloseMs = 30_000;

/**
 * The way out of a public station for staff: Ctrl+Alt+Shift+X (sent by the main process) or five
 * quick taps in the top-left corner open a PIN pad; the supervisor PIN closes the app. Citizens
 * see nothing; the pad closes itself when left alone.
 */
export function StaffExit() {
  const t = useText();
  const desktop = desktopBridge();
  const [open, setOpen] = useState(false);
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const taps = useRef<number[]>([]);

  useEffect(() => desktop?.onExitRequested(() => setOpen(true)), [desktop]);
  useEffect(() => {
    if (!open) return;
    const timer = setTimeout(() => close(), idleCloseMs);
    return () => clearTimeout(timer);
  }, [open, pin]);

  if (!desktop) return null;
  const close = () => {
    setOpen(false);
    setPin('');
    setMessage(null);
  };
  const tapCorner = (event: React.PointerEvent) => {
    const now = event.timeStamp;
    taps.current = [...taps.current.filter((at) => now - at < cornerWindowMs), now];
    if (taps.current.length >= cornerTaps) {
      taps.current = [];
      setOpen(true);
    }
  };
  const submit = async () => {
    const result = await desktop.exit(pin);
    setPin('');
    if (!result.ok) setMessage(t(result.error.message));
  };

  return (
    <>
      <div className="exit-corner" aria-hidden="true" onPointerDown={tapCorner} />
      {open && (
        <div className="exit-pad" role="dialog" aria-label={t(texts.exitTitle)}>
          <h2>{t(texts.exitTitle)}</h2>
          <p>{t(texts.exitHelp)}</p>
          <p className="typed" aria-label="PIN">
            {'•'.repeat(pin.length) || '\u00a0'}
          </p>
          <div className="keyboard">
            {[
              ['1', '2', '3'],
              ['4', '5', '6'],
              ['7', '8', '9'],
            ].map((row) => (
              <div className="row" key={row.join('')}>
                {row.map((digit) => (
                  <button key={digit} type="button" onClick={() => setPin((p) => (p + digit).slice(0, 12))}>
                    {digit}
                  </button>
                ))}
              </div>
            ))}
            <div className="row">
              <button type="button" onClick={() => setPin((p) => p.slice(0, -1))}>
                {t(texts.erase)}
              </button>
              <button type="button" onClick={() => setPin((p) => (p + '0').slice(0, 12))}>
                0
              </button>
            </div>
          </div>
          {message && (
            <p className="message" role="alert">
              {message}
            </p>
          )}
          <div className="actions">
            <button type="button" className="big" onClick={close}>
              {t(texts.cancel)}
            </button>
            <button type="button" className="big primary" disabled={pin.length < 6} onClick={submit}>
              {t(texts.exitConfirm)}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
