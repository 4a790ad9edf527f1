import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The import table of src-main/README.md is enforced by `eslint.config.js`. Each case lints one
 * import line as if it were written in the named file, and says whether the layers allow it.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((message) => message.message);
}

const wrongWay: [string, string, string][] = [
  [
    'the resource paths reaching into the domain',
    'src-main/runtime/x.ts',
    "import { officeConfigSchema } from '../domain/office.ts';",
  ],
  [
    'the domain asking where files are',
    'src-main/domain/x.ts',
    "import { sourceResources } from '../runtime/resourcePaths.ts';",
  ],
  [
    'domain reaching into the store',
    'src-main/domain/x.ts',
    "import { openDatabase } from '../store/db.ts';",
  ],
  ['domain reading a file', 'src-main/domain/x.ts', "import fs from 'node:fs';"],
  ['domain opening a socket by its bare name', 'src-main/domain/x.ts', "import net from 'net';"],
  ['domain opening SQLite', 'src-main/domain/x.ts', "import Database from 'better-sqlite3';"],
  [
    'the store calling a use case',
    'src-main/store/x.ts',
    "import { checkIn } from '../services/checkIn.ts';",
  ],
  [
    'a migration calling a use case',
    'src-main/store/migrations/x.ts',
    "import { checkIn } from '../../services/checkIn.ts';",
  ],
  ['a use case starting the hub', 'src-main/services/x.ts', "import { startHub } from '../hub/server.ts';"],
  [
    'a use case opening devices itself',
    'src-main/services/x.ts',
    "import { DeviceRegistry } from '../devices/registry.ts';",
  ],
  [
    'a use case taking a value from the contract',
    'src-main/services/x.ts',
    "import { contract } from '../api/contract.ts';",
  ],
  [
    'a use case using the station runtime',
    'src-main/services/x.ts',
    "import { hubClient } from '../station/hubClient.ts';",
  ],
  [
    'the contract taking a state list from the store',
    'src-main/api/x.ts',
    "import { something } from '../store/queue.ts';",
  ],
  [
    "the contract speaking a driver's vocabulary",
    'src-main/api/x.ts',
    "import { fingerNames } from '../../drivers/fingerprint/fingers.ts';",
  ],
  [
    'the hub reaching into the station runtime, even for a type',
    'src-main/hub/x.ts',
    "import type { FollowOptions } from '../station/eventFollower.ts';",
  ],
  ['a station running the hub', 'src-main/station/x.ts', "import { startHub } from '../hub/server.ts';"],
  [
    'a station runtime file two folders down running the hub',
    'src-main/station/runtime/x.ts',
    "import { startHub } from '../../hub/server.ts';",
  ],
  [
    'a document calling a use case',
    'src-main/documents/x.ts',
    "import { checkIn } from '../services/checkIn.ts';",
  ],
  [
    'a device reading the contract',
    'src-main/devices/x.ts',
    "import { contract } from '../api/contract.ts';",
  ],
  [
    'a driver knowing the hub',
    'drivers/fingerprint/x.ts',
    "import { hubCertificate } from '../../src-main/hub/certificate.ts';",
  ],
  [
    'a driver knowing the domain',
    'drivers/scanner/x.ts',
    "import type { Clock } from '../../src-main/domain/clock.ts';",
  ],
  [
    'the renderer reading the store, even for a type',
    'src-renderer/shared/x.ts',
    "import type { Store } from '../../src-main/store/store.ts';",
  ],
  [
    'the renderer running a use case',
    'src-renderer/kiosk/x.ts',
    "import { checkIn } from '../../src-main/services/checkIn.ts';",
  ],
  [
    'the renderer taking a value from the contract',
    'src-renderer/kiosk/x.ts',
    "import { contract } from '../../src-main/api/contract.ts';",
  ],
  [
    'the renderer opening a driver',
    'src-renderer/kiosk/x.ts',
    "import { HidPosScanner } from '../../drivers/scanner/hid.ts';",
  ],
  [
    'the renderer laying out a report file',
    'src-renderer/supervisor/x.ts',
    "import { reportCsv } from '../../src-main/documents/reportFiles.ts';",
  ],
  ['the renderer reading a file', 'src-renderer/x.tsx', "import fs from 'node:fs';"],
  ['electron outside src-main/electron', 'src-main/station/x.ts', "import { app } from 'electron';"],
];

const rightWay: [string, string, string][] = [
  [
    'the documents finding the MRZ font',
    'src-main/documents/x.ts',
    "import { sourceResources } from '../runtime/resourcePaths.ts';",
  ],
  ['domain using its own rules', 'src-main/domain/x.ts', "import { LoketError } from './errors.ts';"],
  ['domain using a pure library', 'src-main/domain/x.ts', "import { DateTime } from 'luxon';"],
  [
    'the store using the domain',
    'src-main/store/x.ts',
    "import type { LaneId } from '../domain/laneIds.ts';",
  ],
  ['a use case using the store', 'src-main/services/x.ts', "import type { Store } from '../store/store.ts';"],
  [
    'a use case answering with a view type',
    'src-main/services/x.ts',
    "import type { TicketView } from '../api/views.ts';",
  ],
  [
    'a use case laying out a ticket',
    'src-main/services/x.ts',
    "import { ticketDocument } from '../documents/ticketLayout.ts';",
  ],
  [
    'a use case naming a device type through its port',
    'src-main/services/x.ts',
    "import type { DeviceState } from '../devices/manager.ts';",
  ],
  [
    'the contract naming a state list',
    'src-main/api/x.ts',
    "import { counterStates } from '../domain/states.ts';",
  ],
  [
    'the contract binding a use case',
    'src-main/api/x.ts',
    "import { checkIn } from '../services/checkIn.ts';",
  ],
  [
    'the contract naming a store type',
    'src-main/api/x.ts',
    "import type { Station } from '../store/stations.ts';",
  ],
  [
    'the hub opening devices',
    'src-main/hub/x.ts',
    "import { DeviceRegistry } from '../devices/registry.ts';",
  ],
  [
    'a station naming a hub type',
    'src-main/station/x.ts',
    "import type { HubOptions } from '../hub/server.ts';",
  ],
  ['the command line starting the hub', 'src-main/cli/x.ts', "import { startHub } from '../hub/server.ts';"],
  [
    'a device opening a driver',
    'src-main/devices/x.ts',
    "import { SimulatedScanner } from '../../drivers/scanner/simulator.ts';",
  ],
  [
    'a driver sharing a transport',
    'drivers/fingerprint/x.ts',
    "import { deviceAgent } from '../http/agent.ts';",
  ],
  [
    "the renderer deriving the client's types from the contract",
    'src-renderer/shared/x.ts',
    "import type { Contract } from '../../src-main/api/contract.ts';",
  ],
  [
    'the renderer using a pure domain rule',
    'src-renderer/display/x.ts',
    "import { announcementClips } from '../../src-main/domain/announcement.ts';",
  ],
  [
    "the renderer drawing the reports' charts",
    'src-renderer/supervisor/x.ts',
    "import { waitsPerHourChart } from '../../src-main/documents/reportCharts.ts';",
  ],
  ['electron inside src-main/electron', 'src-main/electron/x.ts', "import { app } from 'electron';"],
];

describe('the import table of src-main/README.md, enforced by lint', () => {
  it.each(wrongWay)('refuses %s', async (_, filePath, code) => {
    expect(await refusals(filePath, code)).toHaveLength(1);
  });

  it.each(rightWay)('allows %s', async (_, filePath, code) => {
    expect(await refusals(filePath, code)).toEqual([]);
  });

  it("refuses Node's globals in the renderer", async () => {
    const [result] = await eslint.lintText("export const bytes = Buffer.from('x');\n", {
      filePath: 'src-renderer/kiosk/x.ts',
    });
    expect(result?.messages.map((message) => message.ruleId)).toEqual(['no-restricted-globals']);
  });

  it("names the folder's rule in the refusal", async () => {
    const [message] = await refusals(
      'src-main/services/x.ts',
      "import { startHub } from '../hub/server.ts';",
    );
    expect(message).toContain('src-main/services/ may import domain, store, documents');
  });
});
