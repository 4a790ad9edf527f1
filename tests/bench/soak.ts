// soak: a whole floor day at speed through one hub (`loket hub` in its own process): 5,000 check-ins
// from four kiosks, each ticket called, served and completed at a counter, 30 boards following the
// event stream, and a kiosk page open in Chromium scanning a booking every so often throughout.
// Reported per tenth of the day: the hub's RSS, the kiosk page's JS heap (after a forced GC), the
// WAL's size, and check-in latency; the targets are that memory stays flat after the first tenth
// (growth under 20%) and that the last tenth's check-in p99 is within 1.2× the first tenth's.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { ManualClock } from '../../src-main/domain/clock.ts';
import { laneIds } from '../../src-main/domain/laneIds.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { changeOffice } from '../../src-main/services/office.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { addStation } from '../../src-main/services/stations.ts';
import { openDatabase } from '../../src-main/store/db.ts';
import { Store } from '../../src-main/store/store.ts';
import { appointmentCsv } from '../support/bookings.ts';
import { launchChromium } from '../support/browser.ts';
import { benchBookings, benchNow, scanText } from './checkin.ts';
import {
  latencyStats,
  postOperation as post,
  type Section,
  type SectionResult,
  startLoketHub,
} from './support.ts';

const checkIns = 5000;
const kiosks = 4;
const boards = 30;
const tenths = 10;
/** Check-ins before the day is measured, so the first tenth is not the JIT's warm-up. */
const warmup = 300;
/** Every so many bookings, one is scanned at the kiosk page in Chromium instead of over HTTP. */
const browserEvery = 50;
const memoryGrowthLimit = 1.2;
const p99DriftLimit = 1.2;

function prepareFloor(dataDir: string) {
  const store = new Store(openDatabase(dataDir));
  try {
    const ctx = { store, clock: new ManualClock(Date.parse(benchNow)) };
    changeOffice(ctx, commandLine, [
      { path: 'floor.counters', value: [{ number: 1, stages: ['documents'], lanes: [...laneIds] }] },
    ]);
    const bookings = benchBookings(warmup + checkIns);
    importAppointments(ctx, commandLine, { format: 'csv', content: appointmentCsv(bookings) });
    addUser(ctx, commandLine, { username: 'soak', name: 'Soak Officer', role: 'officer', secret: '246810' });
    const add = (name: string, mode: 'kiosk' | 'counter' | 'display') =>
      addStation(ctx, commandLine, { name, mode, ...(mode === 'counter' ? { counter: 1 } : {}) }).token;
    return {
      texts: bookings.map(scanText),
      codes: bookings.map((b) => b.bookingCode),
      kiosks: Array.from({ length: kiosks }, (_, i) => add(`Soak kiosk ${i + 1}`, 'kiosk')),
      browserKiosk: add('Soak kiosk page', 'kiosk'),
      counter: add('Soak counter', 'counter'),
      board: add('Soak boards', 'display'),
    };
  } finally {
    store.close();
  }
}

/** The hub's resident set, from /proc (Linux). */
function rssBytes(pid: number): number | null {
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return line ? Number(line[1]) * 1024 : null;
  } catch {
    return null;
  }
}

const fileSize = (file: string): number => {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
};

const mib = (bytes: number | null) => (bytes === null ? null : Math.round((bytes / 1024 / 1024) * 10) / 10);

export const soakSection: Section = {
  name: 'soak',
  async run(bench): Promise<SectionResult> {
    const failures: string[] = [];
    const dataDir = bench.tempDir('loket-bench-soak-');
    bench.log(`soak: importing ${checkIns} bookings…`);
    const floor = prepareFloor(dataDir);
    const { hub, url } = await startLoketHub(bench, dataDir, 'loket hub (soak)', benchNow);
    const wal = path.join(dataDir, 'loket.db-wal');
    await post(url, floor.counter, 'signIn', { username: 'soak', secret: '246810', counter: 1 });

    // The boards follow the stream from now on and count what reaches them.
    const { lastEvent } = (await (await fetch(`${url}/healthz`)).json()) as { lastEvent: number };
    const boardMessages: number[] = Array.from({ length: boards }, () => 0);
    const sockets = await Promise.all(
      boardMessages.map(
        (_, i) =>
          new Promise<WebSocket>((resolve, reject) => {
            const socket = new WebSocket(`${url.replace('http', 'ws')}/api/events?after=${lastEvent}`, {
              headers: { authorization: `Bearer ${floor.board}` },
            });
            socket.on('message', () => (boardMessages[i] = (boardMessages[i] ?? 0) + 1));
            socket.once('open', () => resolve(socket));
            socket.once('error', reject);
          }),
      ),
    );

    const browser = await launchChromium();
    try {
      const page = await (await browser.newContext({ viewport: { width: 1080, height: 1920 } })).newPage();
      await page.goto(`${url}/kiosk`);
      await page.getByLabel('token').fill(floor.browserKiosk);
      await page.getByRole('button', { name: 'Masuk' }).click();
      await page.locator('[data-screen="idle"]').waitFor();
      const cdp = await page.context().newCDPSession(page);
      const heapBytes = async (): Promise<number> => {
        await cdp.send('HeapProfiler.collectGarbage');
        return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
      };

      // Warm-up: check-ins and their service before the measured day.
      for (let i = checkIns; i < checkIns + warmup; i += 1) {
        await post(url, floor.kiosks[i % kiosks] as string, 'checkIn', { text: floor.texts[i] });
        await post(url, floor.counter, 'callNext', {});
        await post(url, floor.counter, 'startService', {});
        await post(url, floor.counter, 'completeService', {});
      }
      bench.log(
        `soak: ${checkIns} check-ins in ${tenths} tenths, ${kiosks} kiosks, ${boards} boards, a kiosk page…`,
      );
      const perTenth: {
        checkIn: ReturnType<typeof latencyStats>;
        browserScans: number;
        rssMiB: number | null;
        heapMiB: number | null;
        walMiB: number | null;
      }[] = [];
      let walMax = 0;
      const size = checkIns / tenths;
      for (let tenth = 0; tenth < tenths; tenth += 1) {
        const indexes = Array.from({ length: size }, (_, i) => tenth * size + i);
        const overHttp = indexes.filter((i) => i % browserEvery !== 0);
        const inBrowser = indexes.filter((i) => i % browserEvery === 0);
        const latencies: number[] = [];
        let next = 0;
        await Promise.all(
          floor.kiosks.map(async (token) => {
            while (next < overHttp.length) {
              const index = overHttp[next++] as number;
              const sent = performance.now();
              await post(url, token, 'checkIn', { text: floor.texts[index] });
              latencies.push(performance.now() - sent);
            }
          }),
        );
        // The kiosk page scans its share as a wedge scanner types it, and shows the ticket.
        for (const index of inBrowser) {
          const answered = page.waitForResponse((r) => r.url().endsWith('/api/checkIn'), { timeout: 10_000 });
          await page.keyboard.type(floor.codes[index] as string, { delay: 1 });
          await page.keyboard.press('Enter');
          if ((await answered).status() !== 200) failures.push(`the kiosk page's scan ${index} was refused`);
        }
        // The counter serves everyone who checked in this tenth.
        for (let served = 0; served < size; served += 1) {
          await post(url, floor.counter, 'callNext', {});
          await post(url, floor.counter, 'startService', {});
          await post(url, floor.counter, 'completeService', {});
        }
        walMax = Math.max(walMax, fileSize(wal));
        perTenth.push({
          checkIn: latencyStats(latencies),
          browserScans: inBrowser.length,
          rssMiB: mib(rssBytes(hub.child.pid as number)),
          heapMiB: mib(await heapBytes()),
          walMiB: mib(fileSize(wal)),
        });
        bench.log(
          `soak: tenth ${tenth + 1}: check-in p99 ${perTenth[tenth]?.checkIn.p99} ms, hub RSS ${perTenth[tenth]?.rssMiB} MiB`,
        );
      }

      const at = (i: number) => perTenth[i] as (typeof perTenth)[number];
      // Memory after warm-up: the first tenth's end is the start; the middle and the end follow.
      const memory = (pick: (t: (typeof perTenth)[number]) => number | null) => {
        const start = pick(at(0));
        const middle = pick(at(Math.floor(tenths / 2) - 1));
        const end = pick(at(tenths - 1));
        return { start, middle, end, growth: start && end ? Math.round((end / start) * 1000) / 1000 : null };
      };
      const rss = memory((t) => t.rssMiB);
      const heap = memory((t) => t.heapMiB);
      const p99Drift = Math.round((at(tenths - 1).checkIn.p99 / at(0).checkIn.p99) * 1000) / 1000;
      const boardLow = Math.min(...boardMessages);
      if (boardLow < checkIns + warmup)
        failures.push(`a board received only ${boardLow} stream messages for ${checkIns} calls`);
      const targets = {
        soakHubRssFlat: rss.growth !== null && rss.growth < memoryGrowthLimit,
        soakKioskHeapFlat: heap.growth !== null && heap.growth < memoryGrowthLimit,
        soakCheckinP99Stable: p99Drift <= p99DriftLimit,
      };
      const mark = (met: boolean) => (met ? 'met' : 'MISSED');
      return {
        keys: {
          soak: {
            checkIns,
            warmup,
            kiosks,
            boards,
            browserScans: perTenth.reduce((s, t) => s + t.browserScans, 0),
            hubRssMiB: rss,
            kioskHeapMiB: heap,
            walMaxMiB: mib(walMax),
            checkinP99FirstTenth: at(0).checkIn.p99,
            checkinP99LastTenth: at(tenths - 1).checkIn.p99,
            checkinP99Drift: p99Drift,
            boardMessagesMin: boardLow,
            perTenth,
            limits: { memoryGrowth: memoryGrowthLimit, p99Drift: p99DriftLimit },
          },
        },
        targets,
        failures,
        summary: [
          `soak: ${checkIns} check-ins and their calls, ${boards} boards, a kiosk page scanning throughout:`,
          `  hub RSS MiB: start ${rss.start}, middle ${rss.middle}, end ${rss.end} (×${rss.growth}): ${mark(targets.soakHubRssFlat)}`,
          `  kiosk page JS heap MiB: start ${heap.start}, middle ${heap.middle}, end ${heap.end} (×${heap.growth}): ${mark(targets.soakKioskHeapFlat)}`,
          `  WAL at most ${mib(walMax)} MiB`,
          `  check-in p99 first tenth ${at(0).checkIn.p99} ms, last tenth ${at(tenths - 1).checkIn.p99} ms (×${p99Drift}): ${mark(targets.soakCheckinP99Stable)}`,
        ],
      };
    } finally {
      for (const socket of sockets) socket.close();
      await browser.close();
      await hub.stop(10_000);
    }
  },
};
