import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/domain/clock.ts';
import { isLoketError } from '../../src-main/domain/errors.ts';
import { updates } from '../../src-main/cli/updates.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { addStation } from '../../src-main/services/stations.ts';
import { openDatabase } from '../../src-main/store/db.ts';
import { Store } from '../../src-main/store/store.ts';
import { at, readFloor } from '../support/floor.ts';
import { runLoket } from '../support/hub.ts';
import { fakeLinuxRelease } from '../support/updates.ts';

/** A spawned `loket` takes seconds on a busy machine: these tests run several. */
const slow = 180_000;

let dir: string;
let data: string;
const now = { LOKET_NOW: '2026-11-30T09:15:00+08:00' };
const loket = (...args: string[]) => runLoket([...args, '--data', data], now);

/**
 * The same `loket updates …` action run in this process (`cli/updates.ts`, what `main.ts` calls
 * after parsing), for the many steps of a scenario; the real command is spawned where it matters.
 */
function updatesHere(
  args: string[],
  options: { channel?: string; staging?: string; rollback?: boolean; format?: string } = {},
): { code: number; stdout: string; stderr: string } {
  const store = new Store(openDatabase(data));
  const lines: string[] = [];
  try {
    const code = updates(
      { store, clock: new ManualClock(at('2026-11-30', '09:15')) },
      data,
      args,
      options,
      (line) => lines.push(line),
      (message) => new Error(message),
    );
    return { code, stdout: lines.join('\n'), stderr: '' };
  } catch (error) {
    const line = isLoketError(error) ? `${error.code}: ${error.text.en}` : String(error);
    return { code: 1, stdout: lines.join('\n'), stderr: line };
  } finally {
    store.close();
  }
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-cli-updates-'));
  data = path.join(dir, 'data');
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Everything a publish could change: the update tables, the event log, the files under DATA/updates. */
function everything() {
  const tables = readFloor(data, (store) => ({
    events: store.db.prepare('SELECT type, actor FROM events ORDER BY seq').all(),
    ...Object.fromEntries(
      ['update_releases', 'update_release_files', 'update_channels', 'update_pilots'].map((table) => [
        table,
        store.db.prepare(`SELECT * FROM ${table}`).all(),
      ]),
    ),
  }));
  const folder = path.join(data, 'updates');
  const files = fs.existsSync(folder) ? (fs.readdirSync(folder, { recursive: true }) as string[]).sort() : [];
  return { tables, files };
}

async function published(version: string, ...options: string[]) {
  const release = fakeLinuxRelease(dir, version);
  const outcome = await loket('updates', 'publish', release, ...options);
  expect(outcome.code, outcome.stderr).toBe(0);
  return outcome;
}

describe('loket updates publish', () => {
  it(
    'puts a checked release on the channel, its files under DATA/updates/<channel>/<version>',
    async () => {
      const outcome = await published('1.1.0', '--staging', '20');
      expect(outcome.stdout).toContain('installer Loket-1.1.0.AppImage (6000 bytes, sha512 ok)');
      expect(outcome.stdout).toContain(
        'Published 1.1.0 on stable (linux), staged to 20% of the stations and the pilots.',
      );
      expect(fs.readdirSync(path.join(data, 'updates/stable/1.1.0')).sort()).toEqual([
        'Loket-1.1.0.AppImage',
        'Loket-1.1.0.AppImage.blockmap',
        'latest-linux.yml',
      ]);
      const status = JSON.parse((await loket('updates', 'status', '--format', 'json')).stdout);
      expect(status.channels).toMatchObject([
        {
          channel: 'stable',
          currentVersion: '1.1.0',
          stagingPercent: 20,
          paused: false,
          versions: ['1.1.0'],
        },
      ]);
      expect(everything().tables.events).toContainEqual({ type: 'update.published', actor: 'cli' });
    },
    slow,
  );

  it(
    'refuses a bad channel file, a missing file, a wrong sha512, a bad version or channel, and changes nothing',
    async () => {
      await published('1.1.0');
      const before = everything();

      const unreadable = fakeLinuxRelease(dir, '1.2.0');
      fs.writeFileSync(path.join(unreadable, 'latest-linux.yml'), 'version: 1.2.0\nfiles: [\n');
      const missing = fakeLinuxRelease(dir, '1.2.0');
      fs.rmSync(path.join(missing, 'Loket-1.2.0.AppImage'));
      const tampered = fakeLinuxRelease(dir, '1.2.0');
      const installer = path.join(tampered, 'Loket-1.2.0.AppImage');
      const bytes = fs.readFileSync(installer);
      bytes[100] = (bytes[100] as number) ^ 0xff;
      fs.writeFileSync(installer, bytes);
      const noVersion = fakeLinuxRelease(dir, '1.2');
      const older = fakeLinuxRelease(dir, '1.0.9');
      const outside = fakeLinuxRelease(dir, '1.2.0');
      fs.writeFileSync(
        path.join(outside, 'latest-linux.yml'),
        'version: 1.2.0\nfiles:\n  - url: ../data/loket.db\n    sha512: x\n    size: 1\n',
      );
      const refusals: [string[], RegExp][] = [
        [[unreadable], /latest-linux\.yml is not readable YAML/],
        [[missing], /names Loket-1\.2\.0\.AppImage, but there is no such file/],
        [[tampered], /Loket-1\.2\.0\.AppImage: the sha512 does not match latest-linux\.yml/],
        [[noVersion], /The version "1\.2" is not a semantic version/],
        [[older], /Version 1\.0\.9 is not newer than the channel stable's current 1\.1\.0; .*--rollback/],
        [[outside], /only a plain file name in the same folder is accepted/],
        [[missing, '--channel', 'Stable!'], /Not a channel name: "Stable!"/],
        [[fs.mkdtempSync(path.join(dir, 'empty-'))], /holds neither latest\.yml nor latest-linux\.yml/],
      ];
      for (const [index, [args, why]] of refusals.entries()) {
        // The three the IT person meets most through the real command, the rest through its action.
        const outcome =
          index < 3
            ? await loket('updates', 'publish', ...args)
            : updatesHere(
                ['publish', args[0] as string],
                args[1] === '--channel' ? { channel: args[2] as string } : {},
              );
        expect(outcome.code, args.join(' ')).toBe(1);
        expect(outcome.stderr).toMatch(why);
        expect(outcome.stderr.trim().split('\n')).toHaveLength(1);
      }
      expect(everything()).toEqual(before);
    },
    slow,
  );
});

describe('loket updates stage, pause, pilot, rollback, status', () => {
  it(
    'moves the stage, pauses and resumes, names a pilot, rolls back, each audited, and the status says so',
    async () => {
      readFloor(data, (store) =>
        addStation({ store, clock: new ManualClock(0) }, commandLine, {
          mode: 'counter',
          name: 'Loket 3',
          counter: 3,
        }),
      );
      updatesHere(['publish', fakeLinuxRelease(dir, '1.1.0')]);
      updatesHere(['publish', fakeLinuxRelease(dir, '1.2.0')], { staging: '20' });

      const staged = await loket('updates', 'stage', '50');
      expect(staged.stdout).toContain('stable: 1.2.0 is offered to 50% of the stations and the pilots.');
      expect(updatesHere(['stage', '150']).stderr).toContain('a whole percent from 0 to 100');
      expect(updatesHere(['pause']).stdout).toContain('stable: paused');
      expect(updatesHere(['pilot', 'add', 'Loket 3']).stdout).toContain('Loket 3 is now a pilot of stable');
      expect(updatesHere(['pilot', 'add', 'Loket 9']).stderr).toContain('No active station "Loket 9"');

      const table = (await loket('updates', 'status')).stdout;
      expect(table).toContain(
        'Channel stable: current 1.2.0, previous 1.1.0, staging 50%, PAUSED, pilots: Loket 3; published: 1.1.0, 1.2.0',
      );
      expect(table).toMatch(/Loket 3 +counter +— +— +—/);

      expect(updatesHere(['resume']).stdout).toContain('stable: resumed');
      expect(updatesHere(['rollback', '1.3.0']).stderr).toContain(
        'Version 1.3.0 was never published on the channel stable.',
      );
      expect(updatesHere(['rollback', '1.2.0']).stderr).toContain(
        'A rollback goes to a version older than 1.2.0',
      );
      const rolled = await loket('updates', 'rollback', '1.1.0');
      expect(rolled.code, rolled.stderr).toBe(0);
      expect(rolled.stdout).toContain('stable: 1.1.0 is offered to every station as a rollback from 1.2.0.');
      const status = JSON.parse(updatesHere(['status'], { format: 'json' }).stdout);
      expect(status.channels[0]).toMatchObject({
        currentVersion: '1.1.0',
        rolledOutVersion: '1.1.0',
        rolledBackFrom: '1.2.0',
        stagingPercent: 100,
        paused: false,
      });
      // A rollback is everyone's: staging it again waits for a new version.
      expect(updatesHere(['stage', '20']).stderr).toContain('publish a new version to stage again');

      const audited = everything()
        .tables.events.filter((e: any) => e.type.startsWith('update.'))
        .map((e: any) => `${e.type} ${e.actor}`);
      expect(audited).toEqual([
        'update.published cli',
        'update.published cli',
        'update.staged cli',
        'update.paused cli',
        'update.pilotAdded cli',
        'update.resumed cli',
        'update.rolledBack cli',
      ]);
    },
    slow,
  );
});
