import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  hubUrlSchema,
  loadStationConfig,
  saveStationConfig,
  type StationConfig,
} from '../../../src-main/station/config.ts';
import { hashPin } from '../../../src-main/station/exitPin.ts';

const config: StationConfig = {
  version: 1,
  mode: 'kiosk',
  name: 'Kios 1',
  hub: { role: 'remote', url: 'http://10.0.0.5:8450' },
  station: { id: '6f1c2a52-8f0e-4a8e-9a53-2f7c1c3f0a11', token: 'x'.repeat(43) },
  devices: {
    ticketPrinter: { transport: 'tcp', host: '10.0.0.21', port: 9100 },
    scanner: { transport: 'wedge' },
  },
  exitPin: hashPin('246810'),
};

describe('the station configuration file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-config-'));
  const file = path.join(dir, 'station.json');

  it('is missing on a new PC, and round-trips once written, readable by this user only', () => {
    expect(loadStationConfig(file)).toEqual({ state: 'missing' });
    saveStationConfig(file, config);
    expect(loadStationConfig(file)).toEqual({ state: 'ok', config });
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    // Beside it, the last good copy a damaged file is started from, as private as the file.
    expect(fs.readdirSync(dir).sort()).toEqual(['station.json', 'station.json.bak']);
    expect(fs.statSync(`${file}.bak`).mode & 0o077).toBe(0);
    expect(loadStationConfig(`${file}.bak`)).toEqual({ state: 'ok', config });
  });

  it('names the problem in a broken or tampered file', () => {
    fs.writeFileSync(file, '{"version": 1,');
    expect(loadStationConfig(file)).toEqual({ state: 'invalid', problem: `${file} is not JSON` });
    fs.writeFileSync(file, JSON.stringify({ ...config, mode: 'root' }));
    expect(loadStationConfig(file)).toMatchObject({
      state: 'invalid',
      problem: expect.stringContaining('mode'),
    });
    fs.writeFileSync(file, JSON.stringify({ ...config, extra: true }));
    expect(loadStationConfig(file)).toMatchObject({ state: 'invalid' });
    expect(() => saveStationConfig(file, { ...config, name: '' })).toThrow();
  });

  it('keeps the pinned certificate of a TLS hub, and still reads a file from before TLS', () => {
    const fingerprint = Array.from({ length: 32 }, (_, i) =>
      (i * 7).toString(16).padStart(2, '0').toUpperCase(),
    ).join(':');
    const pinned: StationConfig = {
      ...config,
      hub: { role: 'remote', url: 'https://10.0.0.5:8450', fingerprint },
    };
    saveStationConfig(file, pinned);
    expect(loadStationConfig(file)).toEqual({ state: 'ok', config: pinned });
    fs.writeFileSync(file, JSON.stringify({ ...pinned, hub: { ...pinned.hub, fingerprint: 'AB:CD' } }));
    expect(loadStationConfig(file)).toMatchObject({
      state: 'invalid',
      problem: expect.stringContaining('fingerprint'),
    });
    fs.writeFileSync(file, JSON.stringify(config)); // no fingerprint: written before TLS
    expect(loadStationConfig(file)).toEqual({ state: 'ok', config });
  });

  it('still reads a file written before the device manager, whose wedge scanner said "kind"', () => {
    const { devices, ...rest } = config;
    fs.writeFileSync(file, JSON.stringify({ ...rest, devices: { ...devices, scanner: { kind: 'wedge' } } }));
    expect(loadStationConfig(file)).toEqual({ state: 'ok', config });
  });

  it('takes a hub address as http(s)://HOST[:PORT] and nothing more', () => {
    expect(hubUrlSchema.parse('http://10.0.0.5:8450')).toBe('http://10.0.0.5:8450');
    expect(hubUrlSchema.parse(' https://hub.kanim.local/ ')).toBe('https://hub.kanim.local');
    for (const bad of [
      '10.0.0.5',
      'file:///etc/passwd',
      'http://u:p@10.0.0.5',
      'http://10.0.0.5/x',
      'http://h/?a=1',
    ])
      expect(hubUrlSchema.safeParse(bad).success, bad).toBe(false);
  });
});
