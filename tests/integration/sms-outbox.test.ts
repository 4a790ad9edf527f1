import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSmsModem } from '../../drivers/sms-modem/modem.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { changeOffice } from '../../src-main/services/office.ts';
import { queueReadySms, SmsSender, smsProblems } from '../../src-main/services/sms.ts';
import { makeFloor, type TestFloor } from '../support/floor.ts';
import { modemOnPty, type PtyModem } from '../support/ptyModem.ts';

/**
 * The "passport ready" SMS from the outbox to the citizen's phone: a real floor database, the
 * sender ticking on the hand-moved clock, the real driver on a socat pty with the simulated modem.
 */
let floor: TestFloor;
let line: PtyModem;
let sender: SmsSender;

beforeEach(async () => {
  floor = makeFloor();
  line = await modemOnPty();
  sender = new SmsSender(floor.ctx, (address) =>
    openSmsModem(address, { commandTimeoutMs: 1000, promptTimeoutMs: 1000, sendTimeoutMs: 2000 }),
  );
});

afterEach(async () => {
  await sender.stop();
  await line.dispose();
  floor.close();
});

const useModem = (address: string | null) =>
  changeOffice(floor.ctx, commandLine, [{ path: 'sms.modem', value: address }]);

const queueForSiti = () =>
  queueReadySms(floor.ctx, {
    jobId: null,
    phone: '0812-3456-7890',
    applicationNumber: 'DPS-261130-0001',
    officeName: floor.store.office.get().name,
    fromDate: '2026-12-07',
  });

const eventsOf = (type: string) => floor.store.events.readAfter(0).filter((e) => e.type === type);

describe('the passport-ready SMS outbox', () => {
  it('a message the network refuses twice goes out on the third try, with its reference kept', async () => {
    useModem(line.address);
    const queued = queueForSiti();
    expect(queued).toMatchObject({ state: 'queued', phone: '+6281234567890', attempts: 0 });
    line.simulator.failNext(2, 500);

    expect(await sender.tick()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(floor.store.sms.get(queued!.id)).toMatchObject({
      state: 'queued',
      attempts: 1,
      nextAttemptAt: floor.clock.now() + 60_000,
      lastError: expect.stringContaining('CMS_ERROR'),
    });
    // Not due again before its minute is up.
    expect(await sender.tick()).toEqual({ sent: 0, retrying: 0, failed: 0 });

    floor.clock.advanceMinutes(1);
    expect(await sender.tick()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(floor.store.sms.get(queued!.id)?.nextAttemptAt).toBe(floor.clock.now() + 5 * 60_000);

    floor.clock.advanceMinutes(5);
    expect(await sender.tick()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(floor.store.sms.get(queued!.id)).toMatchObject({
      state: 'sent',
      attempts: 3,
      reference: '1',
      sentAt: floor.clock.now(),
    });
    expect(line.simulator.messages).toEqual([{ phone: '+6281234567890', text: queued!.body }]);
    expect(queued!.body).toBe(
      'Paspor Anda (permohonan DPS-261130-0001) sudah siap diambil di Kantor Imigrasi Denpasar mulai ' +
        'Senin, 7 Desember 2026. Bawa tanda terima. Jangan gunakan calo.',
    );
    expect(eventsOf('sms.sent')).toEqual([
      expect.objectContaining({
        actor: 'hub',
        payload: expect.objectContaining({
          id: queued!.id,
          phone: '+62812****7890',
          attempts: 3,
          reference: '1',
        }),
      }),
    ]);
    expect(smsProblems(floor.ctx)).toEqual([]);
  });

  it('a message that always fails is given up after maxAttempts, its last error shown to the supervisor', async () => {
    useModem(line.address);
    const queued = queueForSiti();
    line.simulator.failNext(100, 38);

    for (let attempt = 1; attempt < 5; attempt++) {
      expect(await sender.tick()).toEqual({ sent: 0, retrying: 1, failed: 0 });
      expect(smsProblems(floor.ctx)).toEqual([
        expect.objectContaining({ id: queued!.id, state: 'retrying', attempts: attempt }),
      ]);
      floor.clock.advanceMinutes(60);
    }
    expect(await sender.tick()).toEqual({ sent: 0, retrying: 0, failed: 1 });

    expect(smsProblems(floor.ctx)).toEqual([
      {
        id: queued!.id,
        jobId: null,
        phone: '+6281234567890',
        state: 'failed',
        attempts: 5,
        lastError: 'CMS_ERROR: The network or SIM refused the message (+CMS ERROR: 38).',
        nextAttemptAt: null,
        updatedAt: floor.clock.now(),
      },
    ]);
    expect(eventsOf('sms.failed')).toHaveLength(1);
    // Given up means given up: later ticks do not try it again.
    floor.clock.advanceMinutes(600);
    line.simulator.failNext(0);
    expect(await sender.tick()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(line.simulator.messages).toEqual([]);
  });

  it('with no modem configured the message waits, untried, and goes once a modem is set', async () => {
    const queued = queueForSiti();

    expect(await sender.tick()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    floor.clock.advanceMinutes(24 * 60);
    expect(await sender.tick()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(floor.store.sms.get(queued!.id)).toMatchObject({ state: 'queued', attempts: 0, lastError: null });
    expect(line.simulator.transcript).toEqual([]);

    useModem(line.address);
    expect(await sender.tick()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(floor.store.sms.get(queued!.id)).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('a modem whose cable is out is retried like any failure, and the message goes once it is back', async () => {
    useModem(line.address);
    const queued = queueForSiti();
    await line.unplug();

    expect(await sender.tick()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(floor.store.sms.get(queued!.id)?.lastError).toMatch(/^DISCONNECTED/);

    await line.plug();
    floor.clock.advanceMinutes(1);
    expect(await sender.tick()).toEqual({ sent: 1, retrying: 0, failed: 0 });
  });

  it('no phone on the booking: nothing is queued; a number that is not a mobile is shown at once, never tried', async () => {
    useModem(line.address);
    const base = {
      jobId: null,
      applicationNumber: 'DPS-261130-0002',
      officeName: 'Kantor Imigrasi Kelas I TPI Denpasar',
      fromDate: '2026-12-07',
    };
    expect(queueReadySms(floor.ctx, { ...base, phone: null })).toBeNull();
    expect(queueReadySms(floor.ctx, { ...base, phone: '  ' })).toBeNull();

    const landline = queueReadySms(floor.ctx, { ...base, phone: '0361 222 333' });
    expect(landline).toMatchObject({ state: 'failed', attempts: 0 });
    expect(smsProblems(floor.ctx)).toEqual([
      expect.objectContaining({
        state: 'failed',
        phone: '0361 222 333',
        lastError: expect.stringMatching(/^INVALID_PHONE/),
      }),
    ]);
    expect(await sender.tick()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(line.simulator.transcript).toEqual([]);
  });
});
