import { useEffect, useState } from 'react';
import type { ClaimsAndBreaksView } from '../../src-main/api/counterViews.ts';
import { call } from '../shared/client.ts';
import { useText } from '../shared/i18n.ts';
import { counterTexts } from '../counter/counterTexts.ts';

const words = {
  claimsTitle: { id: 'Klaim prioritas hari ini', en: "Today's priority claims" },
  claimsNone: { id: 'Belum ada klaim prioritas hari ini.', en: 'No priority claims today yet.' },
  kiosk: { id: 'Kios', en: 'Kiosk' },
  officer: { id: 'Petugas', en: 'Officer' },
  claimed: { id: 'Diklaim', en: 'Claimed' },
  confirmed: { id: 'Dikonfirmasi', en: 'Confirmed' },
  refused: { id: 'Ditolak', en: 'Refused' },
  undecided: { id: 'Belum diperiksa', en: 'Not checked yet' },
  noKiosk: { id: '(bukan dari kios)', en: '(not from a kiosk)' },
  breaksTitle: { id: 'Waktu istirahat petugas hari ini', en: "Officers' break time today" },
  breaksNone: { id: 'Belum ada istirahat hari ini.', en: 'No breaks today yet.' },
  minutes: { id: 'menit', en: 'min' },
  total: { id: 'Jumlah', en: 'Total' },
} as const;

/**
 * The day's priority claims per kiosk and the decisions per officer (a kiosk or an officer whose
 * claims are often refused stands out), and each officer's break time by reason. Reloads with the
 * floor view (`version` changes whenever it does).
 */
export function ClaimsAndBreaks({ version }: { version: unknown }) {
  const t = useText();
  const [view, setView] = useState<ClaimsAndBreaksView | null>(null);
  useEffect(() => {
    let live = true;
    call('claimsAndBreaks', {})
      .then((answer) => live && setView(answer))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [version]);
  if (!view) return null;
  const { claims, breaks } = view;
  return (
    <>
      <section className="panel" data-testid="priority-claims">
        <h2>{t(words.claimsTitle)}</h2>
        {claims.perKiosk.length === 0 ? (
          <p className="quiet">{t(words.claimsNone)}</p>
        ) : (
          <>
            <table className="counts" data-testid="claims-per-kiosk">
              <thead>
                <tr>
                  <th>{t(words.kiosk)}</th>
                  <th>{t(words.claimed)}</th>
                  <th>{t(words.confirmed)}</th>
                  <th>{t(words.refused)}</th>
                  <th>{t(words.undecided)}</th>
                </tr>
              </thead>
              <tbody>
                {claims.perKiosk.map((row) => (
                  <tr key={row.kiosk ?? ''} data-kiosk={row.kiosk ?? ''}>
                    <td>{row.kiosk ?? t(words.noKiosk)}</td>
                    <td className="figure" data-testid="claimed">
                      {row.claimed}
                    </td>
                    <td className="figure" data-testid="confirmed">
                      {row.confirmed}
                    </td>
                    <td className="figure" data-testid="refused">
                      {row.refused}
                    </td>
                    <td className="figure">{row.undecided}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="counts" data-testid="claims-per-officer">
              <thead>
                <tr>
                  <th>{t(words.officer)}</th>
                  <th>{t(words.confirmed)}</th>
                  <th>{t(words.refused)}</th>
                </tr>
              </thead>
              <tbody>
                {claims.perOfficer.map((row) => (
                  <tr key={row.officer} data-officer={row.officer}>
                    <td>{row.officer}</td>
                    <td className="figure" data-testid="confirmed">
                      {row.confirmed}
                    </td>
                    <td className="figure" data-testid="refused">
                      {row.refused}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
      <section className="panel" data-testid="officer-breaks">
        <h2>{t(words.breaksTitle)}</h2>
        {breaks.length === 0 ? (
          <p className="quiet">{t(words.breaksNone)}</p>
        ) : (
          <table className="counts">
            <thead>
              <tr>
                <th>{t(words.officer)}</th>
                <th>{t(words.total)}</th>
                <th>{t(counterTexts.breakReason)}</th>
              </tr>
            </thead>
            <tbody>
              {breaks.map((row) => (
                <tr key={row.officer} data-officer={row.officer}>
                  <td>{row.officer}</td>
                  <td className="figure" data-testid="break-total">
                    {row.minutes} {t(words.minutes)}
                  </td>
                  <td data-testid="break-reasons">
                    {row.byReason
                      .map(
                        (r) =>
                          `${t(r.reason ? counterTexts[r.reason] : counterTexts.noReason)} ${r.minutes} ${t(words.minutes)} (${r.breaks}×)`,
                      )
                      .join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
