import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { ManualClock } from '../../src-main/domain/clock.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { addStation } from '../../src-main/services/stations.ts';
import { openDatabase } from '../../src-main/store/db.ts';
import { Store } from '../../src-main/store/store.ts';
import { loketBin, projectRoot, runLoket } from '../support/hub.ts';
import { serialPrinterOnPty } from '../support/ptyPrinter.ts';
import { ptyPair, waitFor } from '../support/socat.ts';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The station's stored devices and the number of events, read from the database. */
function storedOf(dir: string, id: string): unknown {
  const store = new Store(openDatabase(dir));
  try {
    return { station: store.stations.find(id), events: store.events.lastSeq() };
  } finally {
    store.close();
  }
}

/** A floor database with one kiosk, and the kiosk's id. */
function floorWithKiosk(): { dir: string; kioskId: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-devices-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const store = new Store(openDatabase(dir));
  try {
    const ctx = { store, clock: new ManualClock(Date.parse('2026-11-30T08:00:00+08:00')) };
    return { dir, kioskId: addStation(ctx, commandLine, { name: 'Kiosk 1', mode: 'kiosk' }).station.id };
  } finally {
    store.close();
  }
}

describe('loket devices', () => {
  it('lists what the machine sees and what each station is configured with', async () => {
    const { dir, kioskId } = floorWithKiosk();
    const set = await runLoket([
      'station',
      'scanner',
      kioskId,
      'serial:///dev/ttyACM7?baud=115200',
      '--data',
      dir,
    ]);
    expect(set.stdout).toContain('scanner serial:///dev/ttyACM7?baud=115200');
    const refused = await runLoket(['station', 'printer', kioskId, 'lpt://1', '--data', dir]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/not a printer address/);

    const listed = await runLoket(['devices', 'list', '--data', dir]);
    expect(listed.code).toBe(0);
    for (const heading of ['Serial ports:', 'HID devices:', 'USB printers:', 'Configured on stations:'])
      expect(listed.stdout).toContain(heading);
    expect(listed.stdout).toContain(
      `${kioskId}  Kiosk 1: printer none, scanner serial:///dev/ttyACM7?baud=115200`,
    );
  });

  it('refuses a regular file, a directory or a pipe as a printer or scanner address, and changes nothing', async () => {
    const { dir, kioskId } = floorWithKiosk();
    const before = storedOf(dir, kioskId);
    const pipe = path.join(dir, 'pipe');
    spawnSync('mkfifo', [pipe]);
    expect(fs.statSync(pipe).isFIFO()).toBe(true);
    for (const [kind, address] of [
      ['printer', 'serial:///etc/passwd'],
      ['printer', 'usb:///etc/hosts?status=none'],
      ['printer', `serial://${dir}`],
      ['scanner', 'serial:///etc/passwd?baud=9600'],
      ['scanner', 'hid:///etc/passwd'],
      ['scanner', `serial://${pipe}`],
    ]) {
      const refused = await runLoket(['station', kind as string, kioskId, address as string, '--data', dir]);
      expect(refused.code, `${kind} ${address}`).not.toBe(0);
      expect(refused.stderr, `${kind} ${address}`).toMatch(/not a character device/);
    }
    expect(storedOf(dir, kioskId)).toEqual(before);
    // A device path that is not there yet (plugged in later) is still taken.
    const later = await runLoket(['station', 'printer', kioskId, 'serial:///dev/ttyUSB9', '--data', dir]);
    expect(later.code, later.stderr).toBe(0);
  });

  it("prints a test slip on a station's serial printer and reads its code back from the serial scanner", async () => {
    const { dir, kioskId } = floorWithKiosk();
    const printer = await serialPrinterOnPty();
    const scanner = await ptyPair();
    cleanups.push(
      () => printer.dispose(),
      () => scanner.dispose(),
    );
    await runLoket(['station', 'printer', kioskId, `serial://${printer.pair.host}`, '--data', dir]);
    await runLoket(['station', 'scanner', kioskId, `serial://${scanner.host}`, '--data', dir]);

    const child = spawn(
      process.execPath,
      [loketBin, 'devices', 'test', kioskId, '--timeout', '20', '--data', dir],
      {
        cwd: projectRoot,
      },
    );
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    cleanups.push(() => child.kill());

    // The test slip comes out with its code as a QR; the person at the station scans it.
    const [slip] = await printer.simulator.waitForJobs(1);
    expect(slip?.decoded.text.join('\n')).toContain('TES PRINTER');
    expect(slip?.decoded.text.join('\n')).toContain("Nur'aini Siregar");
    expect(slip?.decoded.images).toEqual([{ width: 384, height: 96 }]);
    const code = slip?.decoded.qr[0] as string;
    expect(code).toMatch(/^LOKET-TEST-/);
    await waitFor(() => stdout.includes('scan any code'));
    scanner.write(`${code}\r`);
    expect(await exited).toBe(0);
    expect(stdout).toContain('test ticket printed');
    expect(stdout).toContain(`Read: "${code}" (the test ticket)`);
  });

  it('says what failed and exits 1 when the printer is out of paper and nobody scans', async () => {
    const { dir, kioskId } = floorWithKiosk();
    const printer = await serialPrinterOnPty({ condition: { paper: 'out' } });
    const scanner = await ptyPair();
    cleanups.push(
      () => printer.dispose(),
      () => scanner.dispose(),
    );
    await runLoket(['station', 'printer', kioskId, `serial://${printer.pair.host}`, '--data', dir]);
    await runLoket(['station', 'scanner', kioskId, `serial://${scanner.host}`, '--data', dir]);
    const result = await runLoket(['devices', 'test', kioskId, '--timeout', '1', '--data', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('not printed: The printer is out of paper.');
    expect(result.stdout).toContain('No scan arrived.');
    expect(printer.simulator.jobs).toHaveLength(0);
  });
});
