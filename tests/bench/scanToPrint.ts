// scanToPrint: from the Enter that ends a wedge scan in the kiosk UI (Debian's Chromium, driven by
// playwright-core) to the last byte of that ticket at the fake network printer on loopback, through
// the hub: check-in committed, then printTicket with the printer's status asked before and after.
import { performance } from 'node:perf_hooks';
import { PrinterSimulator } from '../../drivers/ticket-printer/simulator.ts';
import { startHub } from '../../src-main/hub/server.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addStation } from '../../src-main/services/stations.ts';
import { runningClock } from '../../src-main/station/clock.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { launchChromium } from '../support/browser.ts';
import { benchNow } from './checkin.ts';
import { latencyStats, type Section, type SectionResult } from './support.ts';

export const scanToPrintTargetP99Ms = 150;

export const scanToPrintSection: Section = {
  name: 'scanToPrint',
  async run(bench): Promise<SectionResult> {
    const scans = 100;
    const warmup = 10;
    const failures: string[] = [];
    const hub = await startHub({
      dataDir: bench.tempDir('loket-bench-print-'),
      clock: runningClock(Date.parse(benchNow)),
      port: 0,
    });
    const printer = await PrinterSimulator.start();
    const browser = await launchChromium();
    try {
      const ctx = { store: hub.store, clock: runningClock(Date.parse(benchNow)) };
      const bookings = Array.from({ length: scans + warmup }, (_, i) => sampleAppointment(i + 1));
      importAppointments(ctx, commandLine, { format: 'csv', content: appointmentCsv(bookings) });
      const { station, token } = addStation(ctx, commandLine, { name: 'Bench kiosk', mode: 'kiosk' });
      hub.store.stations.setTicketPrinter(station.id, {
        transport: 'tcp',
        host: '127.0.0.1',
        port: printer.port,
      });

      const page = await (await browser.newContext({ viewport: { width: 1080, height: 1920 } })).newPage();
      await page.goto(`${hub.url}/kiosk`);
      await page.getByLabel('token').fill(token);
      await page.getByRole('button', { name: 'Masuk' }).click();
      await page.locator('[data-screen="idle"]').waitFor();
      // The browser notes when each Enter happened, on the epoch clock both processes share.
      await page.evaluate(() => {
        const marks: number[] = [];
        (window as unknown as { enterMarks: number[] }).enterMarks = marks;
        window.addEventListener('keydown', (e) => {
          if (e.key === 'Enter') marks.push(performance.timeOrigin + e.timeStamp);
        });
      });

      bench.log(`scanToPrint: ${warmup} warm-up + ${scans} scans in Chromium, printed on a fake printer…`);
      const samples: number[] = [];
      for (let i = 0; i < scans + warmup; i += 1) {
        const before = printer.jobs.length;
        await page.keyboard.type(bookings[i]?.bookingCode as string, { delay: 1 });
        await page.keyboard.press('Enter');
        // A scan that never prints is a failure to report, not a bench that waits for ever.
        const jobs = await Promise.race([
          printer.waitForJobs(before + 1),
          new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000)),
        ]);
        const job = jobs?.[before];
        const marks = await page.evaluate(() => (window as unknown as { enterMarks: number[] }).enterMarks);
        const enterAt = marks[marks.length - 1];
        if (!job || enterAt === undefined) {
          failures.push(`scan ${i + 1} printed nothing`);
          continue;
        }
        if (!job.decoded.text.some((line) => /A2-\d{3}/.test(line)))
          failures.push(`scan ${i + 1}: no number on the slip`);
        if (i >= warmup) samples.push(performance.timeOrigin + job.lastByteAt - enterAt);
      }
      const stats = latencyStats(samples);
      const met = stats.p99 <= scanToPrintTargetP99Ms;
      return {
        keys: {
          scanToPrint: { ...stats, scans: samples.length, warmup, limits: { p99Ms: scanToPrintTargetP99Ms } },
        },
        targets: { scanToPrintP99: met },
        failures,
        summary: [
          `scan to last ticket byte (Chromium kiosk → hub → fake printer): p50 ${stats.p50} ms  p99 ${stats.p99} ms  max ${stats.max} ms`,
          `target scanToPrint p99 ≤ ${scanToPrintTargetP99Ms} ms: ${met ? 'met' : 'MISSED'}`,
        ],
      };
    } finally {
      await browser.close();
      await printer.stop();
      await hub.close();
    }
  },
};
