import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSmsModem } from '../../drivers/sms-modem/modem.ts';
import { approveApplication } from '../../src-main/services/adjudication.ts';
import { confirmBooklets, receiveBooklets } from '../../src-main/services/booklets.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { changeOffice } from '../../src-main/services/office.ts';
import {
  assignBooklet,
  checkPrintedPassport,
  dataOf,
  printPassport,
} from '../../src-main/services/passportPrinting.ts';
import { SmsSender, smsProblems } from '../../src-main/services/sms.ts';
import { makePrintFloor, pins, type PrintFloor } from '../support/printFloor.ts';
import { modemOnPty, type PtyModem } from '../support/ptyModem.ts';

/**
 * A passport that passes its quality check tells its citizen by SMS: the print station, the
 * outbox and the real modem driver on a socat pseudo-terminal with the simulated modem.
 */
let p: PrintFloor;
let line: PtyModem;
let sender: SmsSender;

beforeEach(async () => {
  p = makePrintFloor();
  line = await modemOnPty();
  sender = new SmsSender(p.ctx, (address) =>
    openSmsModem(address, { commandTimeoutMs: 1000, promptTimeoutMs: 1000, sendTimeoutMs: 2000 }),
  );
  changeOffice(p.ctx, commandLine, [{ path: 'sms.modem', value: line.address }]);
  const range = receiveBooklets(p.ctx, p.operator, {
    passportType: 'elektronik',
    first: 'X0000001',
    last: 'X0000009',
  });
  confirmBooklets(p.ctx, p.operator, { rangeId: range.id, username: 'wayan', secret: pins.wayan });
});

afterEach(async () => {
  await sender.stop();
  await line.dispose();
  await p.close();
});

/** Approved, printed on the next booklet and checked: the passport is ready. */
async function readyPassport(index: number, phone: string) {
  const application = p.interviewed(index, { fullName: 'Ni Made Ayu Lestari', phone });
  const job = approveApplication(p.ctx, p.supervisor, { applicationId: application.id });
  assignBooklet(p.ctx, p.operator, { jobId: job.id, text: `X000000${index}` });
  const printed = await printPassport(p.ctx, p.operator, { jobId: job.id });
  const mrz = dataOf(p.ctx, printed.job, printed.job.updatedAt).mrz.join('\n');
  expect(checkPrintedPassport(p.ctx, p.operator, { jobId: job.id, text: mrz }).passed).toBe(true);
  return { application, job };
}

describe('the "passport ready" SMS', () => {
  it('goes to the modem as a text-mode AT conversation once the passport is ready', async () => {
    const { application, job } = await readyPassport(1, '0812-3456-7890');
    expect(await sender.tick()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const [message] = p.ctx.store.sms.forJob(job.id);
    expect(message).toMatchObject({ state: 'sent', phone: '+6281234567890', attempts: 1 });
    expect(message?.body).toContain(application.number);
    expect(line.simulator.transcript).toEqual([
      'AT',
      'ATE0',
      'AT+CMGF=1',
      'AT+CSCS="GSM"',
      'AT+CMGS="+6281234567890"',
      message?.body,
    ]);
  });

  it('is retried when the network refuses it, then shown to the supervisor as failed', async () => {
    const { job } = await readyPassport(2, '081234567891');
    changeOffice(p.ctx, commandLine, [{ path: 'sms.maxAttempts', value: 2 }]);
    line.simulator.failNext(5, 38);
    expect(await sender.tick()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(smsProblems(p.ctx)).toEqual([
      expect.objectContaining({
        jobId: job.id,
        state: 'retrying',
        attempts: 1,
        lastError: expect.stringMatching(/38/),
      }),
    ]);
    p.floor.clock.advanceMinutes(1);
    expect(await sender.tick()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(smsProblems(p.ctx)).toEqual([
      expect.objectContaining({ jobId: job.id, state: 'failed', attempts: 2 }),
    ]);
  });
});
