import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/domain/clock.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { addStation } from '../../src-main/services/stations.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { EventClient } from '../support/events.ts';
import { at, readFloor as withStore, rowCounts } from '../support/floor.ts';
import { loketBin, projectRoot, runLoket, spawnHub, startTestHub, type TestHub } from '../support/hub.ts';

let dir: string;
const children = new Set<ChildProcess>();
let testHub: TestHub | null = null;
let client: EventClient | null = null;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-cli-'));
});

afterEach(async () => {
  await client?.close();
  client = null;
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited(child);
    }
  }
  children.clear();
  await testHub?.close();
  testHub = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1) ?? '';

describe('loket help', () => {
  it('exits 0 and lists every command', async () => {
    const result = await runLoket(['help']);
    expect(result.code).toBe(0);
    for (const command of [
      'loket hub',
      'loket station add',
      'loket station list',
      'loket station revoke',
      'loket import-appointments',
      'loket backup',
      'loket restore',
      'loket office show',
      'loket office set',
      'loket calendar list',
      'loket calendar promise',
    ]) {
      expect(result.stdout).toContain(command);
    }
  });

  it('exits 1 with a message for an unknown command', async () => {
    const result = await runLoket(['frobnicate', '--data', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unknown command: frobnicate');
  });
});

describe('loket station add', () => {
  it('prints the token alone on the last line, and the token works against a running hub', async () => {
    testHub = await startTestHub();
    const result = await runLoket([
      'station',
      'add',
      '--data',
      testHub.dataDir,
      '--mode',
      'kiosk',
      '--name',
      'Kiosk Lobi Utama',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const token = lastLine(result.stdout);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32,}$/);

    const me = await testHub.call('whoAmI', {}, token);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ name: 'Kiosk Lobi Utama', mode: 'kiosk' });
    // A kiosk token may check in but not reconfigure the office.
    const change = { changes: [{ path: 'checkIn.earlyMinutes', value: 5 }] };
    expect((await testHub.call('changeOffice', change, token)).status).toBe(403);
  });

  it('exits 1 with a message for an unknown mode or a missing name, and pairs nothing', async () => {
    const badMode = await runLoket(['station', 'add', '--data', dir, '--mode', 'janitor', '--name', 'X']);
    expect(badMode.code).toBe(1);
    expect(badMode.stderr).toContain('--mode must be one of kiosk, counter, print, display, supervisor');
    const noName = await runLoket(['station', 'add', '--data', dir, '--mode', 'display']);
    expect(noName.code).toBe(1);
    expect(noName.stderr).toContain('--name');
    expect(withStore(dir, (store) => store.stations.list())).toEqual([]);
  });

  it('a counter station names its desk, which `station counter` moves and no two stations share', async () => {
    const add = (...more: string[]) =>
      runLoket(['station', 'add', '--data', dir, '--mode', 'counter', '--name', 'Loket 4', ...more]);
    const noDesk = await add();
    expect(noDesk.code).toBe(1);
    expect(noDesk.stderr).toContain('--counter N');
    const added = await add('--counter', '4');
    expect(added.code, added.stderr).toBe(0);
    const [station] = withStore(dir, (store) => store.stations.list());
    expect(station?.counter).toBe(4);
    expect((await add('--counter', '4')).code).toBe(1);
    const moved = await runLoket(['station', 'counter', station?.id as string, '3', '--data', dir]);
    expect(moved.code, moved.stderr).toBe(0);
    expect(withStore(dir, (store) => store.stations.list().map((s) => s.counter))).toEqual([3]);
  });
});

describe('loket import-appointments', () => {
  const write = (name: string, content: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };

  it('exits 0 when every row is imported', async () => {
    const file = write('day.csv', appointmentCsv([1, 2, 3].map((i) => sampleAppointment(i))));
    const result = await runLoket(['import-appointments', file, '--data', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('3 rows — 3 new, 0 updated, 0 unchanged, 0 rejected');
    expect(withStore(dir, (store) => store.bookings.count())).toBe(3);
  });

  it('exits 2 when some rows are rejected, imports the rest and names the line and reason', async () => {
    const rows = [
      sampleAppointment(1),
      sampleAppointment(2, { nik: '12345' }),
      sampleAppointment(3),
      sampleAppointment(4, { windowStart: '18:00', windowEnd: '19:00' }),
      sampleAppointment(5),
    ];
    const file = write('day.csv', appointmentCsv(rows));
    const result = await runLoket(['import-appointments', file, '--data', dir]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toContain('5 rows — 3 new, 0 updated, 0 unchanged, 2 rejected');
    const rejection = result.stdout.split('\n').find((line) => line.includes('line 3')) ?? '';
    expect(rejection).toContain(sampleAppointment(2).bookingCode);
    expect(rejection).toContain('nik_not_16_digits');
    expect(rejection).toContain('NIK must be 16 digits');
    expect(result.stdout).toMatch(new RegExp(`line 5 \\(${sampleAppointment(4).bookingCode}\\) rejected`));
    withStore(dir, (store) => {
      expect(store.bookings.count()).toBe(3);
      for (const i of [1, 3, 5]) expect(store.bookings.find(sampleAppointment(i).bookingCode)).not.toBeNull();
      for (const i of [2, 4]) expect(store.bookings.find(sampleAppointment(i).bookingCode)).toBeNull();
    });
  });

  it('exits 1 for a file that cannot be parsed, and imports nothing', async () => {
    const csv = write('broken.csv', 'kode,nama\nMPDPS-00001,"unterminated\n');
    const csvResult = await runLoket(['import-appointments', csv, '--data', dir]);
    expect(csvResult.code).toBe(1);
    expect(csvResult.stderr).toContain('IMPORT_UNREADABLE');

    const json = write('broken.json', `[${JSON.stringify(sampleAppointment(1))},`);
    const jsonResult = await runLoket(['import-appointments', json, '--data', dir]);
    expect(jsonResult.code).toBe(1);
    expect(jsonResult.stderr).toContain('could not be read');

    withStore(dir, (store) => {
      expect(store.bookings.count()).toBe(0);
      expect(store.events.lastSeq()).toBe(0);
    });
  });

  it('exits 1 for a file that does not exist', async () => {
    const missing = path.join(dir, 'no-such-file.csv');
    const result = await runLoket(['import-appointments', missing, '--data', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Cannot read ${missing}`);
  });
});

describe('loket office', () => {
  it('shows the configuration as JSON with the office time zone and the local date of LOKET_NOW', async () => {
    // 07:00 in Denpasar is still the previous day in UTC.
    const result = await runLoket(['office', 'show', '--data', dir], {
      LOKET_NOW: '2026-11-30T07:00:00+08:00',
    });
    expect(result.code, result.stderr).toBe(0);
    const shown = JSON.parse(result.stdout);
    expect(shown.config.timeZone).toBe('Asia/Makassar');
    expect(shown.config.code).toBe('DPS');
    expect(shown.today).toBe('2026-11-30');
    expect(shown.now).toMatch(/^2026-11-30T07:00/);
  });

  it('persists a change made with office set', async () => {
    const set = await runLoket(['office', 'set', 'checkIn.earlyMinutes=45', '--data', dir]);
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout).checkIn.earlyMinutes).toBe(45);

    const shown = await runLoket(['office', 'show', '--data', dir]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout).config.checkIn).toEqual({ earlyMinutes: 45, lateMinutes: 30 });
  });

  it('refuses an invalid value with exit 1 and changes nothing', async () => {
    const before = withStore(dir, (store) => ({ counts: rowCounts(store), office: store.office.get() }));
    const result = await runLoket(['office', 'set', 'checkIn.earlyMinutes=-1', '--data', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('INVALID_CONFIG');
    expect(result.stderr).toContain('checkIn.earlyMinutes');
    expect(result.stdout).toBe('');
    const after = withStore(dir, (store) => ({ counts: rowCounts(store), office: store.office.get() }));
    expect(after).toEqual(before);
    expect(after.office.checkIn.earlyMinutes).toBe(60);
  });
});

/** Pairs a board on the floor in the test's data folder, as the IT person would, and returns its token. */
function pairDisplay(): string {
  return withStore(
    dir,
    (store) =>
      addStation({ store, clock: new ManualClock(at('2026-11-30', '08:00')) }, commandLine, {
        mode: 'display',
        name: 'Board',
      }).token,
  );
}

describe('loket hub', () => {
  it('listens on 127.0.0.1 by default, prints its address and stops gracefully on SIGTERM', async () => {
    const token = pairDisplay();
    const hub = await spawnHub(dir);
    children.add(hub.child);
    expect(hub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(hub.stdout()).toContain(`Loket hub listening on ${hub.url}`);

    const health = await fetch(`${hub.url}/healthz`);
    expect(health.status).toBe(200);
    client = await EventClient.connect(hub.url, token, 0);
    await client.waitFor((c) => c.hello() !== undefined, 'hello');

    hub.child.kill('SIGTERM');
    expect(await exited(hub.child)).toEqual({ code: 0, signal: null });
    expect(hub.stdout()).toContain('Received SIGTERM');
    expect(hub.stdout()).toContain('Loket hub stopped.');
    // A board following the stream is told the hub is going away.
    await client.waitFor((c) => c.closed !== null, 'the stream to close');
    expect(client.closed?.code).toBe(1001);
    await expect(fetch(`${hub.url}/healthz`)).rejects.toThrow();
  });

  it('stops gracefully on SIGINT', async () => {
    const hub = await spawnHub(dir);
    children.add(hub.child);
    expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
    hub.child.kill('SIGINT');
    expect(await exited(hub.child)).toEqual({ code: 0, signal: null });
    expect(hub.stdout()).toContain('Received SIGINT');
    expect(hub.stdout()).toContain('Loket hub stopped.');
  });

  it('says plainly that the port is taken when another hub already listens there', async () => {
    const hub = await spawnHub(dir);
    children.add(hub.child);
    const port = new URL(hub.url).port;
    // Another floor's folder: a second hub on the same folder is refused before it tries the port
    // (hub-lock.test.ts).
    const second = await runLoket(['hub', '--data', path.join(dir, 'other-floor'), '--port', port]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(second.stderr).not.toMatch(/\n\s+at /); // no stack trace for an everyday mistake
    expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
  });
});

describe('loket hub --training', () => {
  /** Starts a training hub and waits for the whole training sheet. */
  async function spawnTraining(args: string[], env: Record<string, string> = {}) {
    const child = spawn(process.execPath, [loketBin, 'hub', '--training', '--port', '0', ...args], {
      env: { ...process.env, ...env },
      cwd: projectRoot,
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const sheetDone = () =>
      (stdout.match(/\*\*\* LATIHAN \/ TRAINING/g) ?? []).length === 2 && stdout.endsWith('=\n');
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no training sheet: ${stdout}${stderr}`)), 20_000);
      child.stdout.on('data', () => {
        if (!sheetDone()) return;
        clearTimeout(timer);
        resolve();
      });
      child.on('exit', (code) => reject(new Error(`exited with ${code}: ${stdout}${stderr}`)));
    });
    const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1] as string;
    const token = (page: string) => new RegExp(`${url}/${page}\\s+token (\\S+)`).exec(stdout)?.[1] as string;
    const call = async (operation: string, stationToken: string) => {
      const response = await fetch(`${url}/api/${operation}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${stationToken}` },
        body: '{}',
      });
      return { status: response.status, body: (await response.json()) as any };
    };
    return { child, url, sheet: stdout, token, call };
  }

  it('runs a training floor in DIR/training, prints the training sheet, and leaves DIR’s floor alone', async () => {
    const realToken = pairDisplay();
    const before = withStore(dir, (store) => ({ counts: rowCounts(store), stations: store.stations.list() }));

    const hub = await spawnTraining(['--data', dir, '--speed', '10']);
    expect(hub.sheet).toContain(`Loket hub listening on ${hub.url} (data: ${path.join(dir, 'training')})`);
    expect(hub.sheet).toContain('*** LATIHAN / TRAINING');
    for (const page of ['kiosk', 'counter', 'display', 'supervisor'])
      expect(hub.token(page), page).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(hub.sheet).toMatch(/petugas1\s+111111\s+officer/);
    expect(hub.sheet).toMatch(/spv\s+999999\s+supervisor/);
    // With no LOKET_NOW the clock starts ten minutes before the sample day opens, ten times as fast.
    expect(hub.sheet).toMatch(/starts \d{4}-\d{2}-\d{2} 07:50, 10× real time/);
    expect(fs.existsSync(path.join(dir, 'training', 'loket.db'))).toBe(true);

    expect(await (await fetch(`${hub.url}/healthz`)).json()).toMatchObject({ training: true });
    expect((await hub.call('whoAmI', hub.token('kiosk'))).body).toMatchObject({
      mode: 'kiosk',
      training: true,
    });
    const first = Date.parse((await hub.call('showOffice', hub.token('display'))).body.now);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const second = Date.parse((await hub.call('showOffice', hub.token('display'))).body.now);
    expect(second - first).toBeGreaterThanOrEqual(9_000);
    // The real floor's stations do not exist on the training floor.
    expect((await hub.call('whoAmI', realToken)).status).toBe(401);

    hub.child.kill('SIGTERM');
    expect(await exited(hub.child)).toEqual({ code: 0, signal: null });
    const after = withStore(dir, (store) => ({ counts: rowCounts(store), stations: store.stations.list() }));
    expect(after).toEqual(before);
  });

  it('starts from a fresh floor every time, in ~/.loket-training without --data, at LOKET_NOW if set', async () => {
    const env = { HOME: dir, LOKET_DATA: '', LOKET_NOW: '2026-11-30T09:15:00+08:00' };
    const first = await spawnTraining([], env);
    expect(first.sheet).toContain(`(data: ${path.join(dir, '.loket-training')})`);
    expect(first.sheet).toContain('Monday, 30 November 2026');
    expect(first.sheet).toContain('starts 2026-11-30 09:15, 1× real time');
    const oldKiosk = first.token('kiosk');
    first.child.kill('SIGINT');
    expect(await exited(first.child)).toEqual({ code: 0, signal: null });

    const second = await spawnTraining([], env);
    expect(second.token('kiosk')).not.toBe(oldKiosk);
    expect((await second.call('whoAmI', second.token('kiosk'))).status).toBe(200);
    expect((await second.call('whoAmI', oldKiosk)).status).toBe(401);
  });

  it('refuses a speed it cannot play, and a speed without --training', async () => {
    const fast = await runLoket(['hub', '--training', '--data', dir, '--speed', '0']);
    expect(fast.code).toBe(1);
    expect(fast.stderr).toContain('--speed must be 1–60');
    const real = await runLoket(['hub', '--data', dir, '--speed', '10']);
    expect(real.code).toBe(1);
    expect(real.stderr).toContain('--speed goes with --training');
    expect(fs.existsSync(path.join(dir, 'training'))).toBe(false);
    expect((await runLoket(['help'])).stdout).toContain('loket hub --training');
  });
});
