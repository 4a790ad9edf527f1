import { useAttempt } from './useAttempt.ts';
import { useState } from 'react';
import type { OutputOf } from '../../src-main/api/contract.ts';
import type { StationMode } from '../../src-main/domain/roles.ts';
import { call } from '../shared/client.ts';
import { modeTexts, texts, useText } from '../shared/i18n.ts';
import type { FloorStations as FloorStationsView } from './store.ts';

type IssuedCode = OutputOf<'pairStation'>;

/**
 * The floor's stations: add one or give one a fresh one-time pairing code (shown here with its
 * expiry and the hub's certificate fingerprint, which the IT person checks on the joining PC), and
 * revoke one, which cuts it off at once.
 */
export function FloorStations({ floor, onChanged }: { floor: FloorStationsView; onChanged(): void }) {
  const t = useText();
  const [issued, setIssued] = useState<IssuedCode | null>(null);
  const [name, setName] = useState('');
  const [mode, setMode] = useState<StationMode>('counter');
  const { problem, attempt } = useAttempt(onChanged);
  const modeName = (id: StationMode) => t(modeTexts.find(([m]) => m === id)![1]);
  return (
    <section className="panel stations-panel" data-testid="floor-stations">
      <h2>{t(texts.stations)}</h2>
      <p className="quiet">
        {t(texts.hubFingerprint)}:{' '}
        {floor.fingerprint ? <code data-testid="hub-fingerprint">{floor.fingerprint}</code> : t(texts.noTls)}
      </p>
      {issued && (
        <div className="pairing-code" data-testid="pairing-code" role="status">
          <p>
            {t(texts.pairingCode)} · {issued.station.name}: <strong>{issued.code}</strong> (
            {t(texts.goodUntil)} {new Date(issued.expiresAt).toTimeString().slice(0, 5)})
          </p>
          <p className="quiet">{t(texts.pairingHint)}</p>
        </div>
      )}
      <table className="counts">
        <thead>
          <tr>
            <th>{t(texts.station)}</th>
            <th>{t(texts.mode)}</th>
            <th>{t(texts.deviceState)}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {floor.stations.map((station) => (
            <tr key={station.id} data-station={station.name}>
              <td>{station.name}</td>
              <td>{modeName(station.mode)}</td>
              <td>{t(station.revokedAt === null ? texts.active : texts.revoked)}</td>
              <td>
                {station.revokedAt === null && (
                  <>
                    <button
                      type="button"
                      onClick={() =>
                        void attempt(async () =>
                          setIssued(await call('pairStation', { stationId: station.id })),
                        )
                      }
                    >
                      {t(texts.newPairingCode)}
                    </button>
                    <button
                      type="button"
                      onClick={() => {
                        if (window.confirm(t(texts.confirmRevoke)))
                          void attempt(() => call('revokeStation', { stationId: station.id }));
                      }}
                    >
                      {t(texts.revoke)}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="add-station"
        onSubmit={(event) => {
          event.preventDefault();
          void attempt(async () => {
            setIssued(await call('addStation', { name: name.trim(), mode }));
            setName('');
          });
        }}
      >
        <input
          aria-label={t(texts.stationName)}
          placeholder={t(texts.stationName)}
          value={name}
          maxLength={80}
          onChange={(event) => setName(event.target.value)}
        />
        <select
          aria-label={t(texts.mode)}
          value={mode}
          onChange={(event) => setMode(event.target.value as StationMode)}
        >
          {modeTexts.map(([id, label]) => (
            <option key={id} value={id}>
              {t(label)}
            </option>
          ))}
        </select>
        <button type="submit" disabled={!name.trim()}>
          {t(texts.addStation)}
        </button>
      </form>
      {problem && <p className="cause">{problem}</p>}
    </section>
  );
}
