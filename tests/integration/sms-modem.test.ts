import { afterEach, describe, expect, it } from 'vitest';
import { openSmsModem, type SmsModem, type SmsModemOptions } from '../../drivers/sms-modem/modem.ts';
import { modemOnPty, type PtyModem } from '../support/ptyModem.ts';

/**
 * The "passport ready" SMS through a GSM modem on a serial cable: the real serialport binding opens
 * one end of a socat pseudo-terminal pair, and the simulated modem plays the other end.
 */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const readyText =
  'Paspor Anda (permohonan DPS-261130-0001) sudah siap diambil di Kantor Imigrasi Denpasar mulai ' +
  'Senin, 7 Desember 2026. Bawa tanda terima. Jangan gunakan calo.';

async function rig(options: SmsModemOptions = {}): Promise<{ line: PtyModem; modem: SmsModem }> {
  const line = await modemOnPty();
  cleanups.push(() => line.dispose());
  const modem = openSmsModem(line.address, {
    commandTimeoutMs: 1000,
    promptTimeoutMs: 1000,
    sendTimeoutMs: 2000,
    ...options,
  });
  cleanups.push(() => modem.close());
  return { line, modem };
}

describe('an SMS through a GSM modem on a serial port', () => {
  it('sends the ready-passport message with the text-mode conversation and returns the reference', async () => {
    const { line, modem } = await rig();

    await expect(modem.send('0812-3456-7890', readyText)).resolves.toEqual({ reference: '1' });

    expect(line.simulator.transcript).toEqual([
      'AT',
      'ATE0',
      'AT+CMGF=1',
      'AT+CSCS="GSM"',
      'AT+CMGS="+6281234567890"',
      readyText,
    ]);
    expect(line.simulator.messages).toEqual([{ phone: '+6281234567890', text: readyText }]);
  });

  it('sends the next one on the port kept open, with the next reference, past an incoming SMS', async () => {
    const { line, modem } = await rig();
    await modem.send('081234567890', 'Pesan pertama');
    line.simulator.unsolicited('+CMTI: "SM",1');

    await expect(modem.send('+6281298765432', 'Pesan kedua')).resolves.toEqual({ reference: '2' });
    expect(line.simulator.messages.map((m) => m.phone)).toEqual(['+6281234567890', '+6281298765432']);
  });

  it('a message the network refuses fails with +CMS ERROR and its number', async () => {
    const { line, modem } = await rig();
    line.simulator.failNext(1, 38);

    await expect(modem.send('081234567890', readyText)).rejects.toMatchObject({
      code: 'CMS_ERROR',
      detail: '38',
    });
    expect(line.simulator.messages).toEqual([]);
    // The refusal was the network's: the next message goes.
    await expect(modem.send('081234567890', readyText)).resolves.toEqual({ reference: '1' });
  });

  it('a modem that stops answering times out instead of hanging the sender', async () => {
    const { line, modem } = await rig({ commandTimeoutMs: 300 });
    line.simulator.silence();
    const started = performance.now();

    await expect(modem.send('081234567890', readyText)).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('a modem silent after Ctrl-Z times out after the send timeout', async () => {
    const { line, modem } = await rig({ sendTimeoutMs: 300 });
    line.simulator.on('command', (command) => {
      if (command.startsWith('AT+CMGS')) line.simulator.silence();
    });

    await expect(modem.send('081234567890', readyText)).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(line.simulator.transcript.at(-1)).toBe(readyText);
  });

  it('pulling the cable gives DISCONNECTED, and plugging it back in sends again', async () => {
    const { line, modem } = await rig();
    await modem.send('081234567890', 'Sebelum');

    await line.unplug();
    await expect(modem.send('081234567890', readyText)).rejects.toMatchObject({ code: 'DISCONNECTED' });

    await line.plug();
    await expect(modem.send('081234567890', readyText)).resolves.toMatchObject({
      reference: expect.any(String),
    });
    expect(line.simulator.messages.at(-1)).toEqual({ phone: '+6281234567890', text: readyText });
  });

  it('a cable pulled while the modem is sending gives DISCONNECTED, not a timeout', async () => {
    const { line, modem } = await rig({ commandTimeoutMs: 10_000, sendTimeoutMs: 10_000 });
    line.simulator.on('command', (command) => {
      if (command.startsWith('AT+CMGS')) line.simulator.silence();
    });
    const sending = modem.send('081234567890', readyText);
    await new Promise((resolve) => line.simulator.once('command', resolve));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const pulledAt = performance.now();
    await line.unplug();

    await expect(sending).rejects.toMatchObject({ code: 'DISCONNECTED' });
    expect(performance.now() - pulledAt).toBeLessThan(5000);
  });
});
