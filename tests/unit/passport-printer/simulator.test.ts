import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPassportPrinter, type PassportPrinter } from '../../../drivers/passport-printer/printer.ts';
import { pageCount, PassportPrinterSimulator } from '../../../drivers/passport-printer/simulator.ts';
import { passportPagePdf } from '../../support/passportPages.ts';

const job = async (jobId: string, text = `DATA PAGE ${jobId}`) => ({
  jobId,
  title: `Passport ${jobId}`,
  pdf: await passportPagePdf(text),
});

describe('the simulated passport printer', () => {
  let printer: PassportPrinter | null = null;
  let sim: PassportPrinterSimulator;
  const open = (
    options: ConstructorParameters<typeof PassportPrinterSimulator>[0] = {},
    jobTimeoutMs?: number,
  ) => {
    sim = new PassportPrinterSimulator(options);
    printer = openPassportPrinter('simulator', { simulator: sim, ...(jobTimeoutMs ? { jobTimeoutMs } : {}) });
    return printer;
  };
  afterEach(async () => {
    sim.stop();
    await printer?.close();
    printer = null;
  });

  it('prints a page, keeps the PDF and writes it to its folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-passports-'));
    const p = open({ outputDir: dir });
    const sent = await job('P-1');
    const outcome = await p.print(sent);
    expect(outcome).toEqual({ ok: true, printerJobId: '1' });
    expect(sim.printed).toHaveLength(1);
    expect(sim.printed[0]).toMatchObject({ jobId: 'P-1', title: 'Passport P-1', pages: 1 });
    expect(fs.readFileSync(sim.printed[0]!.file!)).toEqual(sent.pdf);
    fs.rmSync(dir, { recursive: true });
  });

  it('is busy with the job while the page goes through, and idle after', async () => {
    const p = open({ secondsPerPage: 0.3 });
    const printing = p.print(await job('P-2'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await p.status()).toEqual({ state: 'busy', currentJob: '1' });
    expect(await printing).toMatchObject({ ok: true });
    expect(await p.status()).toEqual({ state: 'idle' });
  });

  it('takes secondsPerPage for every page of the document', async () => {
    const p = open({ secondsPerPage: 0.1 });
    const pdf = await passportPagePdf('one', 'two', 'three');
    expect(pageCount(pdf)).toBe(3);
    const started = performance.now();
    expect(await p.print({ jobId: 'P-3', title: 'three pages', pdf })).toMatchObject({ ok: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('offline: the job is refused untouched, and prints once the printer is back', async () => {
    const p = open();
    sim.goOffline();
    expect(await p.status()).toEqual({ state: 'offline', reason: 'not responding' });
    expect(await p.print(await job('P-4'))).toEqual({
      ok: false,
      reason: 'offline: not responding',
      started: false,
    });
    expect(sim.printed).toHaveLength(0);
    sim.repair();
    expect(await p.print(await job('P-5'))).toMatchObject({ ok: true });
    expect(sim.printed.map((printed) => printed.jobId)).toEqual(['P-5']);
  });

  it('a failure before the page is drawn leaves the booklet untouched and the printer in error until repaired', async () => {
    const p = open();
    sim.fail('media-jam', { midJob: false });
    expect(await p.print(await job('P-6'))).toEqual({ ok: false, reason: 'media-jam', started: false });
    expect(await p.status()).toEqual({ state: 'error', reason: 'media-jam' });
    expect(await p.print(await job('P-7'))).toEqual({
      ok: false,
      reason: 'error: media-jam',
      started: false,
    });
    sim.repair();
    expect(await p.print(await job('P-8'))).toMatchObject({ ok: true });
    expect(sim.printed.map((printed) => printed.jobId)).toEqual(['P-8']);
  });

  it('a failure halfway through the page says the booklet was touched', async () => {
    const p = open();
    sim.fail('ribbon broke', { midJob: true });
    expect(await p.print(await job('P-9'))).toEqual({ ok: false, reason: 'ribbon broke', started: true });
    expect(sim.printed).toHaveLength(0);
  });

  it('paused: the job is refused until the printer is resumed', async () => {
    const p = open();
    sim.pause();
    expect(await p.status()).toEqual({ state: 'paused', reason: 'paused' });
    expect(await p.print(await job('P-10'))).toMatchObject({ ok: false, started: false });
    sim.resume();
    expect(await p.print(await job('P-11'))).toMatchObject({ ok: true });
  });

  it('a page that takes longer than the timeout is reported as possibly started', async () => {
    const p = open({ secondsPerPage: 5 }, 200);
    const outcome = await p.print(await job('P-12'));
    expect(outcome).toMatchObject({ ok: false, started: true });
    expect(outcome.ok ? '' : outcome.reason).toMatch(/no outcome within 0.2 s \(printing\)/);
  });

  it('a job still queued behind another at the timeout is cancelled and counts as untouched', async () => {
    const first = open({ secondsPerPage: 0.5 });
    const second = sim.connect({ jobTimeoutMs: 200 });
    const printingFirst = first.print(await job('P-13'));
    const outcome = await second.print(await job('P-14'));
    expect(outcome).toMatchObject({ ok: false, started: false });
    expect(outcome.ok ? '' : outcome.reason).toMatch(/\(queued\); the job was canceled/);
    expect(await printingFirst).toMatchObject({ ok: true });
    expect(sim.printed.map((printed) => printed.jobId)).toEqual(['P-13']);
    await second.close();
  });
});
