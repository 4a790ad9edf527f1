import { useEffect, useState } from 'react';
import type { OutputOf } from '../../src-main/api/contract.ts';
import { call } from '../shared/client.ts';
import { texts, useText } from '../shared/i18n.ts';

type CentralLink = OutputOf<'centralLinkStatus'>;

/** How often the panel asks again: the link moves on without floor events. */
const everyMs = 15_000;

const clockTime = (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : null);

/**
 * The hub's link to the central store (issue 25): where the log goes, how far it has got there, the
 * lag in events and minutes, and the last error in the words the hub recorded it. Nothing to press:
 * the hub retries by itself; linking is `loket central link` on the hub's machine.
 */
export function CentralLinkPanel() {
  const t = useText();
  const [link, setLink] = useState<CentralLink | null>(null);
  useEffect(() => {
    let stopped = false;
    const load = async () => {
      try {
        const status = await call('centralLinkStatus', {});
        if (!stopped) setLink(status);
      } catch {
        // The hub is away or the officer signed out: the panel keeps what it last showed.
      }
    };
    void load();
    const timer = window.setInterval(() => void load(), everyMs);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, []);
  if (!link) return null;
  return (
    <section className="panel central-panel" data-testid="central-link">
      <h2>{t(texts.centralTitle)}</h2>
      {!link.linked ? (
        <p className="quiet">{t(texts.centralNotLinked)}</p>
      ) : (
        <>
          <dl className="booking">
            <dt>{t(texts.centralAddress)}</dt>
            <dd>
              {link.url} <span className="quiet">({link.office})</span>
            </dd>
            <dt>{t(texts.centralShipped)}</dt>
            <dd data-testid="central-shipped">
              {link.shipped} / {link.hubSeq}
            </dd>
            <dt>{t(texts.centralLag)}</dt>
            <dd data-testid="central-lag" data-lag={link.lagEvents}>
              {link.lagEvents} {t(texts.centralEvents)} · {link.lagMinutes} {t(texts.centralMinutes)}
            </dd>
            <dt>{t(texts.centralLastAnswer)}</dt>
            <dd>{clockTime(link.lastOkAt) ?? t(texts.feedNever)}</dd>
          </dl>
          {link.lastError && (
            <div className="notice warn" data-testid="central-error">
              <p>
                {t(texts.centralLastError)} ({clockTime(link.lastErrorAt)}, {link.failures}×):{' '}
                {link.lastError}
              </p>
            </div>
          )}
        </>
      )}
    </section>
  );
}
