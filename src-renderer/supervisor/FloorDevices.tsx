import { useAttempt } from './useAttempt.ts';
import { useState } from 'react';
import { call } from '../shared/client.ts';
import { deviceSlotText, deviceStateText, type DeviceStateView } from '../shared/devices.ts';
import { texts, useText } from '../shared/i18n.ts';
import type { FloorDevices as FloorDevicesView } from './store.ts';

type Station = FloorDevicesView['stations'][number];

/**
 * Every device the hub drives, by station: its state, what is wrong and since when. A simulated
 * device (training) also takes the supervisor's hand: a code typed into its scanner reaches the
 * kiosk as a scan, and its printer can be run out of paper, opened, or repaired.
 */
export function FloorDevices({ devices, onChanged }: { devices: FloorDevicesView; onChanged(): void }) {
  const t = useText();
  const rows = devices.stations.flatMap((station) => station.devices.map((device) => ({ station, device })));
  return (
    <section className="panel devices-panel">
      <h2>{t(texts.devices)}</h2>
      {rows.length === 0 ? (
        <p className="quiet">{t(texts.noDrivenDevices)}</p>
      ) : (
        <table className="counts" data-testid="floor-devices">
          <thead>
            <tr>
              <th>{t(texts.station)}</th>
              <th>{t(texts.device)}</th>
              <th>{t(texts.deviceState)}</th>
              <th>{t(texts.sinceColumn)}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ station, device }) => (
              <tr key={`${station.id}:${device.slot}`} data-station={station.name} data-slot={device.slot}>
                <td>{station.name}</td>
                <td>
                  {t(deviceSlotText[device.slot])} <span className="quiet">{device.address}</span>
                  {device.transport === 'simulator' && (
                    <SimulatorControls station={station} device={device} onChanged={onChanged} />
                  )}
                </td>
                <td>
                  <span className={`state ${device.state}`} data-state={device.state}>
                    {t(deviceStateText[device.state])}
                  </span>
                  {(device.problem ?? device.warning) && (
                    <span className="cause"> {t((device.problem ?? device.warning)!)}</span>
                  )}
                </td>
                <td>{device.since.slice(11, 16)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const printerConditions = {
  paperOut: { paper: 'out' },
  coverOpen: { coverOpen: true },
  repair: { paper: 'ok', coverOpen: false, offline: false, error: null, answering: true },
} as const;

function SimulatorControls({
  station,
  device,
  onChanged,
}: {
  station: Station;
  device: DeviceStateView;
  onChanged(): void;
}) {
  const t = useText();
  const [code, setCode] = useState('');
  const { problem, setProblem, attempt } = useAttempt(onChanged);
  if (device.slot === 'scanner') {
    return (
      <form
        className="simulator"
        onSubmit={(event) => {
          event.preventDefault();
          void attempt(async () => {
            const { scanned } = await call('simulateScan', { stationId: station.id, text: code.trim() });
            if (scanned) setCode('');
            else setProblem(t(texts.simulatedScannerUnplugged));
          });
        }}
      >
        <input
          aria-label={`${t(texts.simulatedScan)}: ${station.name}`}
          value={code}
          maxLength={2048}
          onChange={(event) => setCode(event.target.value)}
        />
        <button type="submit" disabled={!code.trim()}>
          {t(texts.simulatedScan)}
        </button>
        {problem && <span className="cause">{problem}</span>}
      </form>
    );
  }
  return (
    <div className="simulator">
      {(Object.keys(printerConditions) as (keyof typeof printerConditions)[]).map((name) => (
        <button
          type="button"
          key={name}
          onClick={() =>
            void attempt(() =>
              call('simulatePrinter', { stationId: station.id, condition: printerConditions[name] }),
            )
          }
        >
          {t(texts[name])}
        </button>
      ))}
      {problem && <span className="cause">{problem}</span>}
    </div>
  );
}
