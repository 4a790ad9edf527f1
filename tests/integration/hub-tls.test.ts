import fs from 'node:fs';
import type http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/domain/clock.ts';
import { selfSignedCertificate } from '../../drivers/http/certificate.ts';
import { startHub, type Hub } from '../../src-main/hub/server.ts';
import { checkIn } from '../../src-main/services/checkIn.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser } from '../../src-main/services/officers.ts';
import {
  addStation,
  issuePairingCode,
  normalisePairingCode,
  revokeStation,
} from '../../src-main/services/stations.ts';
import type { StationConfig } from '../../src-main/station/config.ts';
import type { StreamFrame } from '../../src-main/api/stream.ts';
import { followHub } from '../../src-main/station/eventFollower.ts';
import { hubClient } from '../../src-main/station/hubClient.ts';
import { joinHub } from '../../src-main/station/setup.ts';
import type { StationMode } from '../../src-main/domain/roles.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { at } from '../support/floor.ts';
import { deskFor, runLoket, spawnHub } from '../support/hub.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface TlsFloor {
  hub: Hub;
  clock: ManualClock;
  dataDir: string;
  /** A station added on the hub and a fresh pairing code for it, as `loket station add` prints. */
  newStation(mode: StationMode, name: string): { id: string; code: string };
}

async function startTlsHub(dataDir?: string, port = 0): Promise<TlsFloor> {
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'loket-tls-'));
  const clock = new ManualClock(at('2026-11-30', '09:15'));
  const hub = await startHub({ dataDir: dir, clock, port, tls: true });
  cleanups.push(() => hub.close());
  if (!dataDir) cleanups.unshift(() => fs.rmSync(dir, { recursive: true, force: true }));
  const ctx = { store: hub.store, clock };
  return {
    hub,
    clock,
    dataDir: dir,
    newStation(mode, name) {
      const desk = mode === 'counter' ? { counter: deskFor(hub.store, name) } : {};
      const { station } = addStation(ctx, commandLine, { mode, name, ...desk });
      return { id: station.id, code: issuePairingCode(ctx, commandLine, station.id).code };
    },
  };
}

const join = (hubUrl: string, code: string) =>
  joinHub({ role: 'join', hubUrl, code, ticketPrinter: null, pin: '246810' });

const clientOf = (config: StationConfig) => {
  if (config.hub.role !== 'remote') throw new Error('a joined station has a remote hub');
  return hubClient(config.hub.url, config.station.token, { pin: { fingerprint: config.hub.fingerprint! } });
};

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
}

/** A TLS server with a certificate of its own that keeps every byte a client sends it. */
async function impostor(): Promise<{ url: string; received: () => string }> {
  const { key, cert } = selfSignedCertificate('Loket hub', Date.now());
  let received = '';
  const server = tls.createServer({ key, cert }, (socket) => {
    socket.on('data', (chunk) => (received += String(chunk)));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, received: () => received };
}

describe('joining a floor over the LAN with TLS', () => {
  it('loket hub --tls prints its fingerprint, loket station add the same, and a station joins with the printed code', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-tls-cli-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const { child, url, stdout } = await spawnHub(dir, {}, ['--tls']);
    cleanups.push(() => child.kill('SIGKILL'));
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    await until(() => /spki-list=\S+/.test(stdout()));
    const fingerprint = /fingerprint: ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})/.exec(stdout())?.[1];
    expect(fingerprint).toBeDefined();

    const added = await runLoket([
      'station',
      'add',
      '--data',
      dir,
      '--mode',
      'counter',
      '--name',
      'Loket 2',
      '--counter',
      '2',
    ]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain(`fingerprint: ${fingerprint}`);
    const code = /([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}) \(good once/.exec(added.stdout)?.[1] as string;
    const config = await join(url, code);
    expect(config.hub).toMatchObject({ fingerprint });
    expect(await clientOf(config).call('whoAmI', {})).toMatchObject({ ok: true, value: { name: 'Loket 2' } });
  });

  it('a counter pairs with the code, pins the certificate, calls the hub and follows its stream over wss, also after a restart', async () => {
    const floor = await startTlsHub();
    expect(floor.hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(floor.hub.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(fs.statSync(path.join(floor.dataDir, 'tls/hub-key.pem')).mode & 0o777).toBe(0o600);
    const { code } = floor.newStation('display', 'Papan Aula');

    const config = await join(floor.hub.url, code);
    expect(config.hub).toEqual({ role: 'remote', url: floor.hub.url, fingerprint: floor.hub.fingerprint });
    const hub = clientOf(config);
    expect(await hub.call('whoAmI', {})).toMatchObject({ ok: true, value: { name: 'Papan Aula' } });

    const ctx = () => ({ store: floor.hub.store, clock: floor.clock });
    importAppointments(ctx(), commandLine, {
      format: 'csv',
      content: appointmentCsv([1, 2].map((n) => sampleAppointment(n))),
    });
    const frames: StreamFrame[] = [];
    const statuses: string[] = [];
    const stop = followHub(floor.hub.url, config.station.token, {
      pin: { fingerprint: floor.hub.fingerprint! },
      onFrame: (frame) => frames.push(frame),
      onStatus: (status) => statuses.push(status),
      delaysMs: [50, 100],
    });
    cleanups.push(stop);
    await until(() => frames.some((f) => f.type === 'hello'));
    checkIn(ctx(), commandLine, { text: 'MPDPS-00001' });
    await until(() => frames.some((f) => f.type === 'event' && f.event.type === 'ticket.issued'));

    // The hub restarts on the same port with the certificate it keeps: the station carries on.
    const { dataDir, hub: first } = floor;
    const port = first.port;
    const fingerprint = first.fingerprint;
    await first.close();
    await until(() => statuses.includes('reconnecting'));
    const again = await startHub({ dataDir, clock: floor.clock, port, tls: true });
    cleanups.push(() => again.close());
    expect(again.fingerprint).toBe(fingerprint);
    floor.hub = again;
    checkIn(ctx(), commandLine, { text: 'MPDPS-00002' });
    await until(
      () => frames.filter((f) => f.type === 'event' && f.event.type === 'ticket.issued').length === 2,
    );
    expect(await hub.call('whoAmI', {})).toMatchObject({ ok: true });
  });

  it('a revoked station is refused its calls and loses the stream it holds open', async () => {
    const floor = await startTlsHub();
    const config = await join(floor.hub.url, floor.newStation('counter', 'Loket 3').code);
    const hub = clientOf(config);
    const statuses: string[] = [];
    const stop = followHub(floor.hub.url, config.station.token, {
      pin: { fingerprint: floor.hub.fingerprint! },
      onFrame: () => undefined,
      onStatus: (status) => statuses.push(status),
      delaysMs: [50, 100],
    });
    cleanups.push(stop);
    await until(() => statuses.includes('live'));

    expect(
      revokeStation({ store: floor.hub.store, clock: floor.clock }, commandLine, config.station.id),
    ).toBe(true);
    await until(() => statuses.at(-1) === 'reconnecting');
    const refused = await hub.call('whoAmI', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', status: 401 } });
    // It keeps knocking, and is never let back in.
    await until(() => statuses.filter((s) => s === 'reconnecting').length >= 3);
    expect(statuses.filter((s) => s === 'live')).toHaveLength(1);
  });

  it('a station never sends its token to a server showing another certificate', async () => {
    const floor = await startTlsHub();
    const config = await join(floor.hub.url, floor.newStation('kiosk', 'Kios 1').code);
    const pin = { fingerprint: floor.hub.fingerprint! };

    // Someone on the LAN answers at another address (or took over the hub's) with its own certificate.
    const fake = await impostor();
    const call = await hubClient(fake.url, config.station.token, { pin }).call('checkIn', { text: 'x' });
    expect(call).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_CHANGED' } });
    if (call.ok) return;
    expect(call.error.message.en).toMatch(/The hub's certificate changed.*pair this station again/);
    expect(call.error.message.id).toMatch(/Sertifikat hub berubah/);
    const problems: string[] = [];
    const stop = followHub(fake.url, config.station.token, {
      pin,
      after: 0,
      onFrame: () => undefined,
      onProblem: (problem) => problems.push(problem.en),
      delaysMs: [50],
    });
    cleanups.push(stop);
    await until(() => problems.length >= 2);
    expect(fake.received()).toBe('');
    expect(fake.received()).not.toMatch(/authorization/i);

    // The hub's data folder loses its certificate; the hub comes back with a new one.
    const { dataDir, hub } = floor;
    const port = hub.port;
    await hub.close();
    fs.rmSync(path.join(dataDir, 'tls'), { recursive: true });
    const renewed = await startHub({ dataDir, clock: floor.clock, port, tls: true });
    cleanups.push(() => renewed.close());
    expect(renewed.fingerprint).not.toBe(pin.fingerprint);
    const before = renewed.store.events.lastSeq();
    expect(await clientOf(config).call('whoAmI', {})).toMatchObject({
      ok: false,
      error: { code: 'CERTIFICATE_CHANGED' },
    });
    expect(renewed.store.events.lastSeq()).toBe(before);
  });

  it('a man in the middle at pairing makes it fail, learns no code, and leaves the code good for the real hub', async () => {
    const floor = await startTlsHub();
    const { code } = floor.newStation('counter', 'Loket 4');
    // A proxy showing its own certificate passes every request on to the real hub, keeping copies.
    const { key, cert } = selfSignedCertificate('Loket hub', Date.now());
    const seen: string[] = [];
    const proxy = https.createServer({ key, cert }, (request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += String(chunk)));
      request.on('end', () => {
        seen.push(body);
        const upstream = https.request(
          `${floor.hub.url}${request.url}`,
          { method: request.method, headers: request.headers, rejectUnauthorized: false },
          (answer) => {
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(response);
          },
        );
        upstream.end(body);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => proxy.close(resolve)));
    const proxyUrl = `https://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

    await expect(join(proxyUrl, code)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^\{"proof":"[A-Za-z0-9_-]{43}"\}$/);
    expect(seen[0]).not.toContain(normalisePairingCode(code));
    expect(seen[0]).not.toContain(code.slice(0, 4));

    // Replaying what it saw at the real hub gets the impostor nothing.
    const replay = await fetchInsecure(`${floor.hub.url}/pair`, seen[0] as string);
    expect(replay.status).toBe(401);
    // A station never offers a code in clear to a hub on the network, nor does a TLS hub take one.
    await expect(join('http://192.0.2.7:8450', code)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await fetchInsecure(`${floor.hub.url}/pair`, JSON.stringify({ code }))).status).toBe(400);

    const config = await join(floor.hub.url, code);
    expect(config.hub).toMatchObject({ fingerprint: floor.hub.fingerprint });
    expect(await clientOf(config).call('whoAmI', {})).toMatchObject({ ok: true, value: { name: 'Loket 4' } });
  });
});

describe('the supervisor console pairs and revokes stations', () => {
  it('adds a board, shows its code with the hub fingerprint, and revokes it after it joined', async () => {
    const floor = await startTlsHub();
    const ctx = { store: floor.hub.store, clock: floor.clock };
    addUser(ctx, commandLine, { username: 'sri', name: 'Sri Wahyuni', role: 'supervisor', secret: '112233' });
    const console_ = addStation(ctx, commandLine, { mode: 'supervisor', name: 'Supervisor' });
    const supervisor = hubClient(floor.hub.url, console_.token, {
      pin: { fingerprint: floor.hub.fingerprint! },
    });
    expect(await supervisor.call('addStation', { name: 'Papan 2', mode: 'display' })).toMatchObject({
      ok: false,
      error: { code: 'OFFICER_REQUIRED' },
    });
    expect(await supervisor.call('signIn', { username: 'sri', secret: '112233' })).toMatchObject({
      ok: true,
    });

    const added = await supervisor.call('addStation', { name: 'Papan 2', mode: 'display' });
    if (!added.ok) throw new Error(added.error.message.en);
    const issued = added.value as {
      station: { id: string };
      code: string;
      expiresAt: number;
      fingerprint: string;
    };
    expect(issued.fingerprint).toBe(floor.hub.fingerprint);
    expect(issued.expiresAt).toBe(floor.clock.now() + 15 * 60 * 1000);
    const board = await join(floor.hub.url, issued.code);
    expect(board.station.id).toBe(issued.station.id);

    const listed = await supervisor.call('floorStations', {});
    expect(listed).toMatchObject({ ok: true, value: { fingerprint: floor.hub.fingerprint } });
    expect(await supervisor.call('revokeStation', { stationId: board.station.id })).toMatchObject({
      ok: true,
      value: { revoked: true },
    });
    expect(await clientOf(board).call('boardView', {})).toMatchObject({ ok: false, error: { status: 401 } });
    // A revoked station gets no new code; the supervisor console cannot revoke itself.
    expect(await supervisor.call('pairStation', { stationId: board.station.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await supervisor.call('revokeStation', { stationId: console_.station.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });
});

describe('a TLS hub keeps browsers on TLS', () => {
  it('sends Strict-Transport-Security of at least a year on every response, pages, errors and API alike', async () => {
    const floor = await startTlsHub();
    const responses = [
      await getInsecure(`${floor.hub.url}/`),
      await getInsecure(`${floor.hub.url}/healthz`),
      await getInsecure(`${floor.hub.url}/nothing-here`),
      await fetchInsecure(`${floor.hub.url}/api/showOffice`, '{}'),
      await fetchInsecure(`${floor.hub.url}/pair`, '{"proof":"x"}'),
    ];
    for (const response of responses) {
      const maxAge = /max-age=(\d+)/.exec(String(response.headers['strict-transport-security']))?.[1];
      expect(Number(maxAge), response.url).toBeGreaterThanOrEqual(365 * 24 * 60 * 60);
      expect(response.headers['x-frame-options'], response.url).toBe('DENY');
    }
    expect(responses[0]?.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});

/** A GET that trusts any certificate, keeping the response's headers. */
function getInsecure(
  url: string,
): Promise<{ url: string; status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = https.request(url, { method: 'GET', rejectUnauthorized: false }, (response) => {
      response.resume();
      response.on('end', () => resolve({ url, status: response.statusCode ?? 0, headers: response.headers }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** A POST that trusts any certificate: what an attacker's own client does. */
function fetchInsecure(
  url: string,
  body: string,
): Promise<{ url: string; status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' }, rejectUnauthorized: false },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({ url, status: response.statusCode ?? 0, headers: response.headers }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
