import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import yaml from 'js-yaml';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/domain/clock.ts';
import { startHub, type Hub } from '../../src-main/hub/server.ts';
import { commandLine, type ServiceContext } from '../../src-main/services/context.ts';
import { addStation } from '../../src-main/services/stations.ts';
import {
  pauseChannel,
  publishRelease,
  rollbackChannel,
  setPilot,
  stageChannel,
} from '../../src-main/services/updates.ts';
import { hubFetch } from '../../src-main/station/hubTls.ts';
import { at } from '../support/floor.ts';
import { fakeInstallerBytes, fakeLinuxRelease, sha512Base64 } from '../support/updates.ts';

/**
 * The hub's update channel as electron-updater's generic provider reads it: over HTTPS with the
 * hub's own certificate pinned, a station's bearer token and its staging id on every request.
 */
let dir: string;
let hub: Hub;
let hubDir: string;
let ctx: ServiceContext;
let hubGet: typeof fetch;
let counter: { id: string; token: string };
let kiosk: { id: string; token: string };

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-hub-updates-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

beforeEach(async () => {
  hubDir = fs.mkdtempSync(path.join(dir, 'data-'));
  const clock = new ManualClock(at('2026-11-30', '09:15'));
  hub = await startHub({ dataDir: hubDir, clock, port: 0, tls: true, anchors: false });
  ctx = { store: hub.store, clock };
  hubGet = hubFetch({ fingerprint: hub.fingerprint! });
  const pair = (mode: 'counter' | 'kiosk', name: string) => {
    const { station, token } = addStation(ctx, commandLine, {
      mode,
      name,
      ...(mode === 'counter' ? { counter: 1 } : {}),
    });
    return { id: station.id, token };
  };
  counter = pair('counter', 'Loket 1');
  kiosk = pair('kiosk', 'Kios 1');
  publish('1.1.0', 100);
});

afterEach(async () => {
  await hub.close();
});

function publish(version: string, stagingPercent: number) {
  return publishRelease(ctx, commandLine, {
    source: fakeLinuxRelease(dir, version),
    dataDir: hubDir,
    channel: 'stable',
    stagingPercent,
    rollback: false,
  });
}

const base = () => `${new URL(`https://127.0.0.1:${hub.port}`).origin}/updates/stable`;

function get(file: string, token: string | null, headers: Record<string, string> = {}, method = 'GET') {
  return hubGet(`${base()}/${file}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
}

/** The version a station with this staging id is offered, as electron-updater reads the channel file. */
async function offered(token: string, stagingId: string): Promise<{ version: string; rollback: boolean }> {
  const response = await get('latest-linux.yml', token, { 'x-user-staging-id': stagingId });
  expect(response.status).toBe(200);
  const channel = yaml.load(await response.text()) as Record<string, unknown>;
  return { version: String(channel.version), rollback: channel.loketRollback === true };
}

const stagingIds = Array.from({ length: 50 }, () => randomUUID());

async function offeredToEach(token: string): Promise<Set<string>> {
  const inside = new Set<string>();
  for (const id of stagingIds) if ((await offered(token, id)).version === '1.2.0') inside.add(id);
  return inside;
}

describe('the channel file, per station', () => {
  it('answers nothing about releases without a station token', async () => {
    for (const token of [null, 'not-a-station-token']) {
      for (const file of ['latest-linux.yml', 'Loket-1.1.0.AppImage', 'latest.yml']) {
        const response = await get(file, token);
        expect(response.status).toBe(401);
        const body = await response.text();
        expect(body).not.toContain('1.1.0');
        expect(body).not.toContain('sha512');
      }
    }
  });

  it('serves the published channel file with its sha512, without electron-builder’s stagingPercentage, never cached', async () => {
    const response = await get('latest-linux.yml', counter.token, { 'x-user-staging-id': stagingIds[0]! });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toMatch(/^text\/yaml/);
    const channel = yaml.load(await response.text()) as Record<string, any>;
    expect(channel).not.toHaveProperty('stagingPercentage');
    expect(channel).not.toHaveProperty('loketRollback');
    expect(channel.version).toBe('1.1.0');
    expect(channel.files[0]).toMatchObject({
      url: 'Loket-1.1.0.AppImage',
      sha512: sha512Base64(fakeInstallerBytes('1.1.0')),
      size: 6000,
    });
    // No Windows build was published: electron-updater on Windows finds nothing.
    expect((await get('latest.yml', counter.token)).status).toBe(404);
  });

  it('staged to 20%, offers the new version to the same stations out of 50 on every check, and no others', async () => {
    publish('1.2.0', 20);
    const first = await offeredToEach(counter.token);
    // About a fifth of 50, decided by the hub from the staging id alone.
    expect(first.size).toBeGreaterThanOrEqual(4);
    expect(first.size).toBeLessThanOrEqual(18);
    // Every other id is offered the version rolled out before: electron-updater sees nothing newer.
    for (const id of stagingIds.filter((s) => !first.has(s)))
      expect(await offered(counter.token, id)).toEqual({ version: '1.1.0', rollback: false });
    expect(await offeredToEach(counter.token)).toEqual(first);
    expect(await offeredToEach(kiosk.token)).toEqual(first);
    // Widening the stage keeps everyone already inside.
    stageChannel(ctx, commandLine, 'stable', 50);
    const half = await offeredToEach(counter.token);
    expect([...first].every((id) => half.has(id))).toBe(true);
    expect(half.size).toBeGreaterThan(first.size);
    stageChannel(ctx, commandLine, 'stable', 100);
    expect((await offeredToEach(counter.token)).size).toBe(50);
  });

  it('a pilot station gets the staged version first, whatever its staging id', async () => {
    publish('1.2.0', 0);
    setPilot(ctx, commandLine, 'stable', 'Loket 1', true);
    expect((await offeredToEach(counter.token)).size).toBe(50);
    expect((await offeredToEach(kiosk.token)).size).toBe(0);
  });

  it('a paused channel offers nothing new; with nothing rolled out before, a clear 404', async () => {
    publish('1.2.0', 100);
    pauseChannel(ctx, commandLine, 'stable', true);
    expect((await offeredToEach(counter.token)).size).toBe(0);
    expect(await offered(counter.token, stagingIds[0]!)).toEqual({ version: '1.1.0', rollback: false });
    pauseChannel(ctx, commandLine, 'stable', false);
    expect((await offeredToEach(counter.token)).size).toBe(50);

    // A beta channel whose first release is paused has nothing for anyone.
    publishRelease(ctx, commandLine, {
      source: fakeLinuxRelease(dir, '2.0.0-beta.1'),
      dataDir: hubDir,
      channel: 'beta',
      stagingPercent: 100,
      rollback: false,
    });
    pauseChannel(ctx, commandLine, 'beta', true);
    const paused = await hubGet(`https://127.0.0.1:${hub.port}/updates/beta/latest-linux.yml`, {
      headers: { authorization: `Bearer ${counter.token}` },
    });
    expect(paused.status).toBe(404);
    expect(await paused.json()).toMatchObject({
      error: { code: 'NOT_FOUND', message: { en: expect.stringContaining('The channel beta is paused') } },
    });
  });

  it('a rollback offers the older version to every station, marked so the station accepts the downgrade', async () => {
    publish('1.2.0', 20);
    rollbackChannel(ctx, commandLine, 'stable', '1.1.0');
    for (const id of stagingIds.slice(0, 10))
      expect(await offered(kiosk.token, id)).toEqual({ version: '1.1.0', rollback: true });
  });

  it('notes each check as the station’s “checked” report with its staging id', async () => {
    await offered(counter.token, stagingIds[3]!);
    expect(hub.store.updates.report(counter.id)).toMatchObject({
      state: 'checked',
      stagingId: stagingIds[3],
      checkedAt: at('2026-11-30', '09:15'),
    });
  });
});

describe('the installer and its blockmap', () => {
  const installer = fakeInstallerBytes('1.1.0');

  it('sends the whole file with its length, and HEAD the length alone', async () => {
    const whole = await get('Loket-1.1.0.AppImage', counter.token);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-length')).toBe('6000');
    expect(Buffer.from(await whole.arrayBuffer()).equals(installer)).toBe(true);
    const head = await get('Loket-1.1.0.AppImage', counter.token, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('6000');
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    const blockmap = await get('Loket-1.1.0.AppImage.blockmap', counter.token);
    expect(blockmap.status).toBe(200);
    expect(blockmap.headers.get('content-type')).toBe('application/gzip');
  });

  it('answers a single range with exactly those bytes', async () => {
    const response = await get('Loket-1.1.0.AppImage', counter.token, { range: 'bytes=1000-1999' });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 1000-1999/6000');
    expect(response.headers.get('content-length')).toBe('1000');
    expect(Buffer.from(await response.arrayBuffer()).equals(installer.subarray(1000, 2000))).toBe(true);
    const head = await get('Loket-1.1.0.AppImage', counter.token, { range: 'bytes=1000-1999' }, 'HEAD');
    expect(head.status).toBe(206);
    expect(head.headers.get('content-length')).toBe('1000');
    const tail = await get('Loket-1.1.0.AppImage', counter.token, { range: 'bytes=-100' });
    expect(tail.headers.get('content-range')).toBe('bytes 5900-5999/6000');
    expect(Buffer.from(await tail.arrayBuffer()).equals(installer.subarray(5900))).toBe(true);
  });

  it('answers several ranges as multipart/byteranges, each part exactly the bytes asked', async () => {
    const asked = [
      [0, 99],
      [2048, 4095],
      [5990, 5999],
    ] as const;
    const response = await get('Loket-1.1.0.AppImage', counter.token, {
      range: `bytes=${asked.map(([a, b]) => `${a}-${b}`).join(',')}`,
    });
    expect(response.status).toBe(206);
    const type = response.headers.get('content-type') ?? '';
    const boundary = /^multipart\/byteranges; boundary=(\S+)$/.exec(type)?.[1];
    expect(boundary).toBeDefined();
    const body = Buffer.from(await response.arrayBuffer());
    expect(Number(response.headers.get('content-length'))).toBe(body.length);
    const parts = multipartParts(body, boundary!);
    expect(parts.map((p) => p.headers['content-range'])).toEqual(
      asked.map(([a, b]) => `bytes ${a}-${b}/6000`),
    );
    for (const [index, [a, b]] of asked.entries())
      expect(parts[index]!.body.equals(installer.subarray(a, b + 1))).toBe(true);
  });

  it('refuses a range outside the file with 416', async () => {
    const response = await get('Loket-1.1.0.AppImage', counter.token, { range: 'bytes=6000-7000' });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe('bytes */6000');
  });

  it('serves no file the release does not list, and nothing outside its folder', async () => {
    const folder = path.join(hubDir, 'updates/stable/1.1.0');
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'not published');
    for (const file of [
      'notes.txt',
      '..%2F..%2Floket.db',
      '..%2F..%2Fhub.lock',
      '..%2F1.1.0%2FLoket-1.1.0.AppImage',
      '%2Fetc%2Fpasswd',
      '1.1.0%2FLoket-1.1.0.AppImage',
      '..',
    ]) {
      const response = await get(file, counter.token);
      expect(response.status, file).toBe(404);
      expect((await response.text()).length).toBeLessThan(200);
    }
    const channel = await hubGet(`https://127.0.0.1:${hub.port}/updates/..%2F..%2Ftls/latest-linux.yml`, {
      headers: { authorization: `Bearer ${counter.token}` },
    });
    expect(channel.status).toBe(404);
  });
});

describe('reportUpdate', () => {
  it('keeps the station’s version and update state for the Stations panel', async () => {
    const call = (operation: string, body: unknown, token: string) =>
      hubGet(`https://127.0.0.1:${hub.port}/api/${operation}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const reported = await call(
      'reportUpdate',
      { version: '1.1.0', state: 'failed', target: '1.2.0', error: 'sha512 checksum mismatch' },
      kiosk.token,
    );
    expect(reported.status).toBe(200);
    expect((await call('reportUpdate', { version: '1.1.0', state: 'rebooted' }, kiosk.token)).status).toBe(
      400,
    );
    expect(hub.store.updates.report(kiosk.id)).toMatchObject({
      version: '1.1.0',
      targetVersion: '1.2.0',
      state: 'failed',
      error: 'sha512 checksum mismatch',
    });
    const logged = hub.store.db
      .prepare("SELECT actor, station, payload FROM events WHERE type = 'update.reported'")
      .get() as { actor: string; station: string; payload: string };
    expect(logged.station).toBe(kiosk.id);
    expect(JSON.parse(logged.payload)).toEqual({
      version: '1.1.0',
      target: '1.2.0',
      state: 'failed',
      error: 'sha512 checksum mismatch',
    });
  });
});

/** The parts of a multipart/byteranges body (RFC 9110 §14.6), with their headers. */
function multipartParts(body: Buffer, boundary: string) {
  const parts: { headers: Record<string, string>; body: Buffer }[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const after = at + delimiter.length;
    if (body.subarray(after, after + 2).toString() === '--') break;
    const headerEnd = body.indexOf('\r\n\r\n', after);
    const headers = Object.fromEntries(
      body
        .subarray(after + 2, headerEnd)
        .toString()
        .split('\r\n')
        .map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
        }),
    );
    const next = body.indexOf(delimiter, headerEnd + 4);
    parts.push({ headers, body: body.subarray(headerEnd + 4, next - 2) });
    at = next;
  }
  return parts;
}
