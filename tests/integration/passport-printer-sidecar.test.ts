import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPassportPrinter, type PassportPrinter } from '../../drivers/passport-printer/printer.ts';
import {
  startSidecarSimulator,
  type SidecarSimulator,
} from '../../drivers/passport-printer/sidecarSimulator.ts';
import { PassportPrinterSimulator } from '../../drivers/passport-printer/simulator.ts';
import { passportPagePdf } from '../support/passportPages.ts';

const job = async (jobId: string) => ({
  jobId,
  title: `Passport ${jobId}`,
  pdf: await passportPagePdf(`DATA PAGE ${jobId}`),
});

describe('a vendor sidecar on loopback, over real HTTP', () => {
  let sidecar: SidecarSimulator;
  let printer: PassportPrinter;

  beforeEach(async () => {
    sidecar = await startSidecarSimulator({
      simulator: new PassportPrinterSimulator({ secondsPerPage: 0.2 }),
    });
    printer = openPassportPrinter(sidecar.address, { pollMs: 20 });
  });
  afterEach(async () => {
    await printer.close();
    await sidecar.stop();
  });

  it('a job prints: the sidecar gets the same PDF, busy while it prints, idle after', async () => {
    const sent = await job('PJ-0101');
    const printing = printer.print(sent);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await printer.status()).toEqual({ state: 'busy', currentJob: '1' });
    expect(await printing).toEqual({ ok: true, printerJobId: '1' });
    expect(await printer.status()).toEqual({ state: 'idle' });
    const [printed] = sidecar.simulator.printed;
    expect(printed).toMatchObject({ jobId: 'PJ-0101', title: 'Passport PJ-0101' });
    expect(printed!.pdf).toEqual(sent.pdf);
  });

  it('the printer behind the sidecar is offline: the job is refused untouched', async () => {
    sidecar.simulator.goOffline();
    expect(await printer.status()).toEqual({ state: 'offline', reason: 'not responding' });
    expect(await printer.print(await job('PJ-0102'))).toEqual({
      ok: false,
      reason: 'offline: not responding',
      started: false,
    });
    expect(sidecar.simulator.printed).toHaveLength(0);
  });

  it('the sidecar itself is gone: offline, connection refused', async () => {
    await sidecar.stop();
    expect(await printer.status()).toEqual({ state: 'offline', reason: 'connection refused' });
    expect(await printer.print(await job('PJ-0103'))).toMatchObject({ ok: false, started: false });
  });

  it('a failure halfway through the page says the booklet was touched, and the printer is in error', async () => {
    sidecar.simulator.fail('media-jam', { midJob: true });
    expect(await printer.print(await job('PJ-0104'))).toEqual({
      ok: false,
      reason: 'media-jam',
      started: true,
    });
    expect(await printer.status()).toEqual({ state: 'error', reason: 'media-jam' });
    sidecar.simulator.repair();
    expect(await printer.print(await job('PJ-0105'))).toMatchObject({ ok: true });
  });

  it('a failure before the page is drawn says the booklet was not touched', async () => {
    sidecar.simulator.fail('media-empty', { midJob: false });
    expect(await printer.print(await job('PJ-0106'))).toEqual({
      ok: false,
      reason: 'media-empty',
      started: false,
    });
  });

  it('paused: the job is refused untouched, and prints once resumed', async () => {
    sidecar.simulator.pause();
    expect(await printer.status()).toEqual({ state: 'paused', reason: 'paused' });
    expect(await printer.print(await job('PJ-0107'))).toEqual({
      ok: false,
      reason: 'paused: paused',
      started: false,
    });
    sidecar.simulator.resume();
    expect(await printer.print(await job('PJ-0108'))).toMatchObject({ ok: true });
    expect(sidecar.simulator.printed.map((printed) => printed.jobId)).toEqual(['PJ-0108']);
  });

  it('a sidecar that takes the connection but never answers is offline, not a hang', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const hung = openPassportPrinter(`sidecar://127.0.0.1:${port}`, { requestTimeoutMs: 300 });
    expect(await hung.status()).toEqual({ state: 'offline', reason: 'no answer within 0.3 s' });
    expect(await hung.print(await job('PJ-0109'))).toEqual({
      ok: false,
      reason: 'offline: no answer within 0.3 s',
      started: false,
    });
    await hung.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });
});
