import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applicationKinds, appointmentColumns, passportTypes } from '../../src-main/domain/appointment.ts';
import { priorityLaneIds } from '../../src-main/domain/laneIds.ts';
import { readFloor } from '../support/floor.ts';
import { projectRoot, runLoket } from '../support/hub.ts';

/** A newcomer's first ten minutes: `npm start`, the hub's front page, the CLI's errors, the sample list. */

// Each test runs the real CLI a few times, a second or more each; on a busy 2-core machine, more.
vi.setConfig({ testTimeout: 120_000 });

let dir: string;
const children = new Set<ChildProcess>();

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-newcomer-'));
});

afterEach(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
  children.clear();
  fs.rmSync(dir, { recursive: true, force: true });
});

const lines = (text: string) => text.trimEnd().split('\n');
const stackLine = /^\s+at .+:\d+:\d+\)?$/m;

describe('a CLI error', () => {
  it('is its one line and where to read more, not the whole usage', async () => {
    const result = await runLoket(['station', 'add', '--data', dir, '--mode', 'kassa', '--name', 'Kiosk 1']);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      'loket: --mode must be one of kiosk, counter, print, display, supervisor, helpdesk, feedback',
      'loket: Lihat / See: loket station --help',
    ]);
    expect(result.stdout).toBe('');

    // And the hint's help is that command's part of the usage, not every command.
    const help = await runLoket(['station', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('loket station add --data DIR --mode MODE --name NAME');
    expect(help.stdout).toContain('loket station revoke ID --data DIR');
    expect(help.stdout).not.toContain('loket calendar');
    expect(help.stdout).not.toContain('loket hub');
    expect((await runLoket(['help', 'station'])).stdout).toBe(help.stdout);
  });

  it('offers the command, action or option that was probably meant', async () => {
    const command = await runLoket(['stattion', 'list', '--data', dir]);
    expect(command.code).toBe(1);
    expect(lines(command.stderr)).toEqual([
      'loket: unknown command: stattion',
      'loket: Maksud Anda / Did you mean: loket station?',
      'loket: Lihat / See: loket help',
    ]);

    const action = await runLoket(['station', 'lsit', '--data', dir]);
    expect(action.code).toBe(1);
    expect(action.stderr).toContain('loket: unknown station command: lsit');
    expect(action.stderr).toContain('Maksud Anda / Did you mean: loket station list?');
    expect(action.stderr).toContain('Lihat / See: loket station --help');

    const option = await runLoket(['station', 'list', '--dta', dir]);
    expect(option.code).toBe(1);
    expect(option.stderr).toContain('loket: unknown option --dta');
    expect(option.stderr).toContain('Maksud Anda / Did you mean: --data?');

    // Nothing close: no guess.
    const far = await runLoket(['frobnicate', '--data', dir]);
    expect(far.stderr).toContain('unknown command: frobnicate');
    expect(far.stderr).not.toContain('Maksud Anda');
  });

  it('says plainly that a data folder cannot be made, with no stack, and makes nothing', async () => {
    // Under a regular file: not even root can make a folder there.
    const file = path.join(dir, 'catatan.txt');
    fs.writeFileSync(file, 'not a folder\n');
    const folder = path.join(file, 'lantai');
    for (const args of [
      ['station', 'list', '--data', folder],
      ['hub', '--data', folder, '--port', '0'],
      ['hub', '--training', '--data', folder, '--port', '0'],
    ]) {
      const result = await runLoket(args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr, args.join(' ')).toContain(`is a file, not a folder`);
      expect(result.stderr).toContain(`loket: cannot use the data folder ${folder}`);
      expect(result.stderr).toContain(`${file} is a file`);
      expect(result.stderr).not.toMatch(stackLine);
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('not a folder\n');
  });
});

/** `npm start` without Electron, as a newcomer runs it: its own process, a data folder of its own. */
async function npmStart(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [path.join(projectRoot, 'scripts/start.js'), '--port', '0'], {
    cwd: projectRoot,
    env: { ...process.env, LOKET_NO_ELECTRON: '1', ...env },
  });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no next steps: ${output}`)), 60_000);
    const check = () => {
      // The last step is the one with the sample list.
      if (/appointments import \S+ --data/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}: ${output}`));
    });
  });
  return { child, output: () => output };
}

describe('npm start without Electron', () => {
  it('says why it runs headless, prints what to do next, and the front page says the same', async () => {
    const data = path.join(dir, 'lantai');
    const started = await npmStart({ LOKET_DATA: data });
    const output = started.output();
    expect(output).toContain('LOKET_NO_ELECTRON is set: starting the floor hub headless');
    // No claim of a download that was never tried, and no bundler warnings.
    expect(output).not.toMatch(/could not be downloaded|download failed/i);
    expect(output).not.toMatch(/warning/i);

    const url = /listening on (http:\/\/\S+)/.exec(output)?.[1] as string;
    expect(output).toContain(`Open ${url}/ in a browser`);
    const commands = [
      `npx loket hub --training --data ${data}`,
      `npx loket station add --data ${data} --mode kiosk --name "Kiosk 1"`,
      `npx loket user add --username ayu --name "Ayu Lestari" --role supervisor --data ${data}`,
      `npx loket appointments import docs/samples/appointments-sample.csv --data ${data}`,
    ];
    for (const command of commands) expect(output).toContain(command);

    const page = await (await fetch(`${url}/`)).text();
    expect(page).toContain('Langkah berikutnya · Next steps');
    for (const command of commands) expect(page).toContain(command.replaceAll('"', '&quot;'));
    expect(page).toContain('<a href="/kiosk">/kiosk</a>');

    // The steps work as printed: the station it adds signs in at the running hub.
    const added = await runLoket(['station', 'add', '--data', data, '--mode', 'kiosk', '--name', 'Kiosk 1']);
    expect(added.code).toBe(0);
    const token = lines(added.stdout).at(-1) as string;
    const whoAmI = await fetch(`${url}/api/whoAmI`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(whoAmI.status).toBe(200);

    started.child.kill('SIGTERM');
    await new Promise((resolve) => started.child.once('exit', resolve));
  });
});

async function trainingHub(): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(
    process.execPath,
    [path.join(projectRoot, 'bin/loket.js'), 'hub', '--training', '--data', dir, '--port', '0'],
    { cwd: projectRoot, env: process.env },
  );
  children.add(child);
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no training sheet: ${output}`)), 60_000);
    child.stdout?.on('data', () => {
      // The training sheet is what it prints (the whole of it, between two loud rules), not the steps.
      if ((output.match(/\*\*\* LATIHAN \/ TRAINING/g) ?? []).length === 2 && output.endsWith('=\n')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`training hub exited with ${code}: ${output}`)));
  });
  return { child, output: () => output };
}

describe('a training floor', () => {
  it('has a front page that points at the training sheet and shows no token', async () => {
    const started = await trainingHub();
    const url = /listening on (http:\/\/\S+)/.exec(started.output())?.[1] as string;
    const token = /\/kiosk\s+token (\S+)/.exec(started.output())?.[1] as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    const page = await (await fetch(`${url}/`)).text();
    expect(started.output()).not.toContain('Next steps');
    expect(page).toContain('training sheet the hub printed');
    expect(page).not.toContain(token);
    started.child.kill('SIGTERM');
    await new Promise((resolve) => started.child.once('exit', resolve));
  });
});

describe('the sample appointment list', () => {
  const sample = path.join(projectRoot, 'docs/samples/appointments-sample.csv');

  it('imports whole, with no rejection or warning, through `loket appointments import`', async () => {
    const result = await runLoket(['appointments', 'import', sample, '--data', dir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('8 rows — 8 new, 0 updated, 0 unchanged, 0 rejected');
    expect(result.stdout).not.toContain('warning');
    const bookings = readFloor(dir, (store) => store.bookings.fromDate('2027-02-09'));
    expect(bookings.map((b) => b.bookingCode)).toContain('MPDPS-0001');
    // It shows every application kind, passport type and lane a list may hold.
    expect(new Set(bookings.map((b) => b.applicationKind))).toEqual(new Set(applicationKinds));
    expect(new Set(bookings.map((b) => b.passportType))).toEqual(new Set(passportTypes));
    expect(new Set(bookings.map((b) => b.lane))).toEqual(new Set(['regular', ...priorityLaneIds]));
  });

  it('is described in docs/api.md, with the allowed values of every column', () => {
    const api = fs.readFileSync(path.join(projectRoot, 'docs/api.md'), 'utf8');
    expect(api).toContain('samples/appointments-sample.csv');
    const rows = new Map(
      [...api.matchAll(/^\| `([a-z_]+)` +\| (yes|no) +\| (.+)\|$/gm)].map((m) => [m[1], m[3] as string]),
    );
    for (const column of appointmentColumns) expect(rows.has(column), column).toBe(true);
    for (const kind of applicationKinds) expect(rows.get('application_kind')).toContain(`\`${kind}\``);
    for (const type of passportTypes) expect(rows.get('passport_type')).toContain(`\`${type}\``);
    for (const lane of priorityLaneIds) expect(rows.get('lane')).toContain(`\`${lane}\``);
  });
});
