import { useAttempt } from './useAttempt.ts';
import { useState } from 'react';
import type { OutputOf } from '../../src-main/api/contract.ts';
import type { StationMode } from '../../src-main/domain/roles.ts';
import { call } from '../shared/client.ts';
import { modeTexts, texts, useText } from '../shared/i18n.ts';
import { useSupervisorSession, type FloorStations as FloorStationsView } from './store.ts';

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
  const [desk, setDesk] = useState('');
  const { problem, attempt } = useAttempt(onChanged);
  // A counter station's desk is fixed here (or by `loket station add --counter N`): the board sends
  // citizens to that number, and officers who sign in there serve it.
  const office = useSupervisorSession((s) => s.office);
  const desks = office?.floor.counters.map((c) => c.number) ?? [];
  // Only a counter station holds its desk; feedback stations standing at a desk's exit share it.
  const taken = new Set(
    floor.stations.filter((s) => s.revokedAt === null && s.mode === 'counter').map((s) => s.counter),
  );
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
            <th>{t(texts.counterNumber)}</th>
            <th>{t(texts.deviceState)}</th>
            <th>{t(texts.appVersion)}</th>
            <th>{t(texts.appUpdate)}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {floor.stations.map((station) => (
            <tr key={station.id} data-station={station.name}>
              <td>{station.name}</td>
              <td>{modeName(station.mode)}</td>
              <td>
                {(station.mode === 'counter' || station.mode === 'feedback') &&
                  station.revokedAt === null && (
                    <select
                      aria-label={`${t(texts.counterNumber)} ${station.name}`}
                      value={station.counter ?? ''}
                      data-testid="station-desk"
                      onChange={(event) =>
                        void attempt(() =>
                          call('setStationCounter', {
                            stationId: station.id,
                            counter: Number(event.target.value),
                          }),
                        )
                      }
                    >
                      {station.counter === null && <option value="">{t(texts.chooseCounter)}</option>}
                      {desks.map((n) => (
                        <option
                          key={n}
                          value={n}
                          disabled={station.mode === 'counter' && n !== station.counter && taken.has(n)}
                        >
                          {n}
                        </option>
                      ))}
                    </select>
                  )}
              </td>
              <td>{t(station.revokedAt === null ? texts.active : texts.revoked)}</td>
              <td data-testid="station-version">{station.update?.version ?? '—'}</td>
              <td data-testid="station-update">
                <UpdateCell update={station.update} />
              </td>
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
            const counter =
              mode === 'counter' || (mode === 'feedback' && desk !== '') ? { counter: Number(desk) } : {};
            setIssued(await call('addStation', { name: name.trim(), mode, ...counter }));
            setName('');
            setDesk('');
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
        {mode === 'counter' && (
          <select
            aria-label={t(texts.counterNumber)}
            value={desk}
            onChange={(event) => setDesk(event.target.value)}
            data-testid="new-station-desk"
          >
            <option value="">{t(texts.chooseCounter)}</option>
            {desks
              .filter((n) => !taken.has(n))
              .map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
          </select>
        )}
        {mode === 'feedback' && (
          <select
            aria-label={t(texts.feedbackDesk)}
            value={desk}
            onChange={(event) => setDesk(event.target.value)}
            data-testid="new-station-desk"
          >
            <option value="">{t(texts.feedbackNoDesk)}</option>
            {desks.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        )}
        <button type="submit" disabled={!name.trim() || (mode === 'counter' && desk === '')}>
          {t(texts.addStation)}
        </button>
      </form>
      {problem && <p className="cause">{problem}</p>}
    </section>
  );
}

type StationUpdate = FloorStationsView['stations'][number]['update'];

const updateTexts = {
  checked: texts.updateChecked,
  available: texts.updateAvailable,
  downloading: texts.updateDownloading,
  downloaded: texts.updateDownloaded,
  installed: texts.updateInstalled,
  failed: texts.updateFailed,
  'up-to-date': texts.updateUpToDate,
} as const;

/** A station's update as it last said (the version it found or failed on, and the error). */
function UpdateCell({ update }: { update: StationUpdate }) {
  const t = useText();
  if (!update) return <span className="quiet">{t(texts.updateNoReport)}</span>;
  // Office time, as the hub gives it: `2026-11-30T09:15:00+08:00`.
  const time = update.at.slice(11, 16);
  return (
    <span className={update.state === 'failed' ? 'cause' : undefined}>
      {t(updateTexts[update.state])}
      {update.target && update.target !== update.version ? ` · ${update.target}` : ''} · {time}
      {update.error && <span className="quiet"> — {update.error}</span>}
    </span>
  );
}
