import type { Migration } from './index.ts';

/**
 * A station's scanner beside its ticket printer: both as JSON (transport, address, options) so the
 * hub's device manager can open the devices of the stations it drives. Device states are not
 * stored here: they are events (`device.state`), so the audit trail shows when paper ran out.
 */
export const stationDevices: Migration = {
  version: 6,
  name: 'station_devices',
  up(db) {
    db.exec('ALTER TABLE stations ADD COLUMN scanner TEXT');
  },
};
