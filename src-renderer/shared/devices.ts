import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { deviceStateView } from '../../src-main/api/deviceViews.ts';
import { call } from './client.ts';
import { coalesced, useFloorEvents, type DeviceScan, type StreamStatus } from './events.ts';
import { texts } from './i18n.ts';

export type DeviceStateView = z.infer<typeof deviceStateView>;

export const deviceStateText = {
  ready: texts.deviceReady,
  busy: texts.deviceBusy,
  error: texts.deviceError,
  disconnected: texts.deviceDisconnected,
} as const;

export const deviceSlotText = { ticketPrinter: texts.ticketPrinter, scanner: texts.scanner } as const;

/**
 * This station's devices that the hub drives, kept current from the event stream, and the codes its
 * scanner reads handed to `onScan`. Reloads once the stream is live and after each reconnect, for what changed meanwhile.
 */
export function useStationDevices(onScan?: (scan: DeviceScan) => void): {
  devices: DeviceStateView[];
  status: StreamStatus;
} {
  const [devices, setDevices] = useState<DeviceStateView[]>([]);
  const load = useCallback(
    coalesced(async () => {
      try {
        setDevices((await call('stationDevices', {})).devices);
      } catch {
        // The hub is away: the stream says so; the last known states stay until it is back.
      }
    }),
    [],
  );
  useEffect(() => void load(), [load]);
  const status = useFloorEvents({
    onEvent: (event) => {
      if (event.type === 'device.state') void load();
    },
    // Every hello, the first too: a state that changed between the first load and the stream's
    // start would otherwise stay unseen until the next change.
    onConnected: () => void load(),
    onScan: (scan) => onScan?.(scan),
  });
  return { devices, status };
}
